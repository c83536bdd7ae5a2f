/**
 * The captcha (人机验证) of a form that asks for one. The proof of work is solved in the background as
 * soon as the page opens, so it is usually done before the person submits; a submit that comes sooner
 * waits for it. Tencent's widget is loaded only on forms of an instance that chose it, and opens on submit.
 */
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';

interface TencentCaptchaResult {
  ret: number;
  ticket: string;
  randstr: string;
}
type TencentCaptchaClass = new (appId: string, callback: (result: TencentCaptchaResult) => void) => { show(): void };

async function solvePow(challengeJson: string): Promise<string | undefined> {
  const challenge = JSON.parse(challengeJson);
  const solution = await solveChallenge({ challenge, deriveKey });
  return solution ? btoa(JSON.stringify({ challenge, solution })) : undefined;
}

export function startCaptcha(form: HTMLFormElement) {
  const field = form.querySelector<HTMLInputElement>('input[name="captcha"][data-provider]');
  const status = form.querySelector<HTMLElement>('.captcha-status');
  if (!field || !status) return;
  const say = (text: string | undefined) => (status.textContent = text ?? '');
  say('');
  if (field.dataset.provider === 'pow') {
    let settled = false;
    // Web Crypto is offered on https pages (and localhost) only; without it the server refuses the submission.
    const solving = solvePow(field.dataset.challenge!)
      .then((answer) => void (field.value = answer ?? ''))
      .catch(() => undefined)
      .finally(() => (settled = true));
    form.addEventListener('submit', (event) => {
      if (field.value || settled) return;
      event.preventDefault();
      say(status.dataset.working);
      void solving.then(() => {
        say(field.value ? status.dataset.done : undefined);
        form.requestSubmit();
      });
    });
    return;
  }
  const script = document.createElement('script');
  script.src = field.dataset.script!;
  document.head.append(script);
  form.addEventListener('submit', (event) => {
    if (field.value) return;
    event.preventDefault();
    const TencentCaptcha = (window as unknown as { TencentCaptcha?: TencentCaptchaClass }).TencentCaptcha;
    // Without the widget the submission goes on, and the server answers that the check did not pass.
    if (!TencentCaptcha) return void form.submit();
    new TencentCaptcha(field.dataset.appId!, (result) => {
      if (result.ret !== 0) return;
      field.value = JSON.stringify({ ticket: result.ticket, randstr: result.randstr });
      form.requestSubmit();
    }).show();
  });
}
