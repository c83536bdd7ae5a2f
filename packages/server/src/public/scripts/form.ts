/**
 * A public form's pages and conditions: one page at a time with 下一页/上一页, and questions that show
 * only for an earlier answer. Without this script every question shows at once, and the server still
 * ignores the hidden ones.
 */
import { startCaptcha } from './captcha.ts';
import { linkRegionSelects } from './region.ts';

const form = document.querySelector<HTMLFormElement>('form[data-pages]');

function answer(key: string): string[] {
  if (!form) return [];
  return [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[name="${CSS.escape(key)}"]`)]
    .filter((el) => !(el instanceof HTMLInputElement) || !['radio', 'checkbox'].includes(el.type) || el.checked)
    .map((el) => el.value);
}

function applyConditions() {
  for (const q of form?.querySelectorAll<HTMLElement>('[data-show-if]') ?? []) {
    q.hidden = !answer(q.dataset.showIf!).includes(q.dataset.equals!);
    for (const el of q.querySelectorAll<HTMLInputElement>('input,select,textarea')) el.disabled = q.hidden;
  }
}

if (form) {
  const pages = [...form.querySelectorAll<HTMLElement>('section[data-page]')];
  const [prev, next, submit] = ['.prev', '.next', '.submit'].map((s) => form.querySelector<HTMLButtonElement>(s)!);
  // Start on the first page with a problem the server marked, if any.
  let current = Math.max(
    0,
    pages.findIndex((p) => p.querySelector('.form-error')),
  );
  const show = () => {
    pages.forEach((p, i) => (p.hidden = i !== current));
    prev!.hidden = current === 0;
    next!.hidden = current === pages.length - 1;
    submit!.hidden = current !== pages.length - 1;
    window.scrollTo(0, 0);
  };
  const pageValid = () =>
    [...pages[current]!.querySelectorAll<HTMLInputElement>('input,select,textarea')].every((el) => el.reportValidity());
  prev!.addEventListener('click', () => {
    current -= 1;
    show();
  });
  next!.addEventListener('click', () => {
    if (!pageValid()) return;
    current += 1;
    show();
  });
  form.addEventListener('change', applyConditions);
  applyConditions();
  linkRegionSelects(form);
  startCaptcha(form);
  if (pages.length > 1) show();
}

// Embedded on another site (?embed=1): tell the page around it how tall the form is, so the embed code's
// iframe fits it without an inner scrollbar as pages change and conditions show questions.
if (window.parent !== window) {
  // The body's own height: the document's scrollHeight is never less than the iframe, so it cannot shrink.
  const height = () => {
    const style = getComputedStyle(document.body);
    return Math.ceil(
      document.body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom),
    );
  };
  const report = () => window.parent.postMessage({ commonweal: 'form-height', height: height() }, '*');
  new ResizeObserver(report).observe(document.body);
  report();
}
