import type { Lang } from './i18n.ts';

const zhCN = {
  submit: '提交',
  next: '下一页',
  previous: '上一页',
  thanks: '提交成功，谢谢你！',
  closed: '这个表单已经停止收集，谢谢你的关注。',
  full: '这个表单已经收满了，谢谢你的关注。',
  fix: '有几项需要修改，请看下面标红的地方。',
  notFound: '没有找到这个表单。',
  tooLarge: '提交的内容太多了，请减少文件后重试。',
  /** The server's words for a problem with one answer, as a person reads them. */
  problems: {
    required: '请填写这一项',
    'please tick the box to go on': '请勾选后再提交',
    'not a mobile number': '请填写正确的手机号',
    'not an email address': '请填写正确的邮箱',
    'a number': '请填写数字',
    'not one of the choices': '请从选项中选择',
    'a date such as 2026-05-01': '请填写日期，如 2026-05-01',
    'not a province': '请选择省份',
    'not a city': '请选择城市',
    'not a district': '请选择区县',
    'choose a province': '请选择省份',
    'choose a city': '请选择城市',
    'choose a district': '请选择区县',
    'not in the province chosen': '这个城市不在所选的省份里，请重新选择',
    'not in the city chosen': '这个区县不在所选的城市里，请重新选择',
    'at most 5 MB': '文件不能超过 5 MB',
    'not an image': '请上传图片（JPG、PNG、WebP 或 GIF）',
    'not an image or a PDF': '请上传图片或 PDF 文件',
  } as Record<string, string>,
  region: { province: '省份', city: '城市', district: '区县' },
  captcha: {
    working: '正在进行人机验证，请稍候…',
    done: '人机验证已完成',
    needsScript: '这个表单需要人机验证：请允许页面运行脚本。',
    failed: '人机验证没有通过，请再提交一次。',
  },
  tooLong: (n: string) => `最多 ${n} 个字`,
  tooShort: (n: string) => `至少 ${n} 个字`,
  atLeast: (n: string) => `不能小于 ${n}`,
  atMost: (n: string) => `不能大于 ${n}`,
};

const en: FormTexts = {
  submit: 'Submit',
  next: 'Next',
  previous: 'Back',
  thanks: 'Thank you! Your answers have been received.',
  closed: 'This form is no longer taking responses. Thank you for your interest.',
  full: 'This form has all the responses it can take. Thank you for your interest.',
  fix: 'A few answers need changing: see the ones marked below.',
  notFound: 'No such form.',
  tooLarge: 'Too much was sent: send fewer files and try again.',
  problems: {
    required: 'Please answer this',
    'please tick the box to go on': 'Please tick the box to go on',
    'not a mobile number': 'Please give a valid mobile number',
    'not an email address': 'Please give a valid email address',
    'a number': 'Please give a number',
    'not one of the choices': 'Please choose one of the options',
    'a date such as 2026-05-01': 'Please give a date such as 2026-05-01',
    'not a province': 'Please choose a province',
    'not a city': 'Please choose a city',
    'not a district': 'Please choose a district',
    'choose a province': 'Please choose a province',
    'choose a city': 'Please choose a city',
    'choose a district': 'Please choose a district',
    'not in the province chosen': 'This city is not in the province chosen; please choose again',
    'not in the city chosen': 'This district is not in the city chosen; please choose again',
    'at most 5 MB': 'The file may be at most 5 MB',
    'not an image': 'Please upload an image (JPG, PNG, WebP or GIF)',
    'not an image or a PDF': 'Please upload an image or a PDF',
  },
  region: { province: 'Province', city: 'City', district: 'District' },
  captcha: {
    working: 'Checking that you are not a robot…',
    done: 'Check done',
    needsScript: 'This form checks that you are not a robot: please allow the page to run scripts.',
    failed: 'The check that you are not a robot did not pass; please submit again.',
  },
  tooLong: (n) => `At most ${n} characters`,
  tooShort: (n) => `At least ${n} characters`,
  atLeast: (n) => `At least ${n}`,
  atMost: (n) => `At most ${n}`,
};

export type FormTexts = typeof zhCN;

const texts: Record<Lang, FormTexts> = { 'zh-CN': zhCN, en };
export const formTextsFor = (lang: Lang) => texts[lang];

/** A problem with an answer, in the page's language. */
export function problemText(t: FormTexts, message: string): string {
  const known = t.problems[message];
  if (known) return known;
  const [, kind, n] = /^(at most|at least) (\S+)( characters)?$/.exec(message) ?? [];
  const characters = message.endsWith('characters');
  if (kind === 'at most') return characters ? t.tooLong(n!) : t.atMost(n!);
  if (kind === 'at least') return characters ? t.tooShort(n!) : t.atLeast(n!);
  return message;
}
