import { countSegments } from '../../adapters/sms/index.ts';
import type { TemplateParam } from './schemas.ts';

export interface Problem {
  path: string;
  message: string;
}

/** Placeholders in order of first use: ${name} (Aliyun, by name) or {1} (Tencent, by position). */
export function placeholdersOf(text: string): { keys: string[]; style: 'named' | 'positional' | 'none' | 'mixed' } {
  const keys: string[] = [];
  let named = false;
  let positional = false;
  for (const match of text.matchAll(/\$\{([A-Za-z0-9_]+)\}|\{(\d+)\}/g)) {
    const key = match[1] ?? match[2]!;
    if (match[1]) named = true;
    else positional = true;
    if (!keys.includes(key)) keys.push(key);
  }
  const style = named && positional ? 'mixed' : named ? 'named' : positional ? 'positional' : 'none';
  return { keys, style };
}

/** What is wrong with a template: placeholders without a value, values without a placeholder, gaps in {1}…{n}. */
export function templateProblems(text: string, params: TemplateParam[]): Problem[] {
  const { keys, style } = placeholdersOf(text);
  const problems: Problem[] = [];
  if (style === 'mixed')
    problems.push({ path: 'text', message: '${名称} (阿里云) 与 {1} (腾讯云) 两种占位符不能混用' });
  if (style === 'positional') {
    const positions = keys.map(Number).sort((a, b) => a - b);
    if (!positions.every((p, i) => p === i + 1))
      problems.push({ path: 'text', message: '腾讯云模板的占位符必须从 {1} 起连续编号' });
  }
  for (const key of keys)
    if (!params.some((p) => p.key === key))
      problems.push({ path: 'params', message: `占位符 ${key} 没有指定填入的内容` });
  for (const [i, param] of params.entries()) {
    if (!keys.includes(param.key))
      problems.push({ path: `params.${i}.key`, message: `模板正文中没有占位符 ${param.key}` });
    if (param.value === 'fixed' && !param.text?.trim())
      problems.push({ path: `params.${i}.text`, message: '固定文字不能为空' });
  }
  return problems;
}

export interface MergeValues {
  contactName: string | null;
  organizationName: string;
  /** A volunteer shift reminder's opportunity, shift time and place. */
  volunteering?: { opportunity: string; time: string; place: string };
}

/** The vendor's template parameters for one recipient; a name is cut to 20 characters, as vendors limit them. */
export function templateParamsFor(params: TemplateParam[], values: MergeValues): Record<string, string> {
  const valueOf = (param: TemplateParam) => {
    if (param.value === 'fixed') return param.text ?? '';
    if (param.value === 'organization_name') return values.organizationName;
    if (param.value === 'volunteer_opportunity') return values.volunteering?.opportunity ?? '';
    if (param.value === 'volunteer_time') return values.volunteering?.time ?? '';
    if (param.value === 'volunteer_place') return values.volunteering?.place ?? '';
    return values.contactName?.trim() || '朋友';
  };
  return Object.fromEntries(params.map((p) => [p.key, [...valueOf(p)].slice(0, 20).join('')]));
}

/** The message as the recipient reads it, without the 【签名】. */
export const renderText = (text: string, filled: Record<string, string>) =>
  text.replace(/\$\{([A-Za-z0-9_]+)\}|\{(\d+)\}/g, (whole, named?: string, position?: string) => {
    const key = named ?? position!;
    return filled[key] ?? whole;
  });

/** A sample recipient's message and what it costs, for the editor. */
export function previewTemplate(
  input: { signName: string; text: string; params: TemplateParam[] },
  organizationName: string,
) {
  const filled = templateParamsFor(input.params, {
    contactName: '王小明',
    organizationName,
    volunteering: { opportunity: '春季植树', time: '5月2日（周六）09:00–12:00', place: '甘肃民勤县' },
  });
  const body = renderText(input.text, filled);
  const count = countSegments(input.signName, body);
  return {
    text: `【${input.signName}】${body}`,
    segments: count.segments,
    characters: count.characters,
    placeholders: placeholdersOf(input.text).keys,
    problems: templateProblems(input.text, input.params),
  };
}
