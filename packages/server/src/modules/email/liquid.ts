import { Liquid, LiquidError, type Template } from 'liquidjs';
import { AppError } from '../../errors/app-error.ts';
import { mergeFieldNames } from './merge-fields.ts';

export type TemplatePart = 'subject' | 'html' | 'text';

// Tags that read other templates from disk have no place in a staff-written email.
const fileTags = ['include', 'render', 'layout', 'block'];

/** Characters per part; Gmail clips a message at about 100 KB anyway. */
export const maxTemplateLength = 200_000;

const engine = (outputEscape: 'escape' | undefined) => {
  const liquid = new Liquid({
    strictVariables: true,
    strictFilters: true,
    outputEscape,
    templates: {},
    // Bounds on hostile templates: a loop over a huge range cannot stall a send. (Not parseLimit:
    // it counts every parse over the engine's lifetime, so a long-running server would hit it.)
    renderLimit: 1_000,
    memoryLimit: 10_000_000,
  });
  for (const tag of fileTags) delete liquid.tags[tag];
  return liquid;
};

/** The HTML body escapes every merge value; the subject and the text part are not HTML. */
export const htmlLiquid = engine('escape');
export const plainLiquid = engine(undefined);

const allowed = new Set<string>(mergeFieldNames);

const partNames: Record<TemplatePart, string> = { subject: '主题', html: 'HTML 正文', text: '纯文本正文' };

export const templateError = (part: TemplatePart, problem: string, line?: number, column?: number) => {
  const where = line === undefined ? '' : `第 ${line} 行第 ${column} 列：`;
  const message = `${partNames[part]}${where}${problem}`;
  return new AppError('TEMPLATE_INVALID', `模板有误：${message}`, [{ path: part, message }], { part, line, column });
};

const describe = (error: LiquidError) =>
  (error.originalError?.message ?? error.message).replace(/, line:\d+, col:\d+$/, '');

/** Parses one part, and refuses syntax errors, unknown filters, file tags and unknown variables. */
export function parsePart(liquid: Liquid, part: TemplatePart, source: string): Template[] {
  if (source.length > maxTemplateLength) {
    throw templateError(part, `内容过长：${source.length} 个字符，上限 ${maxTemplateLength} 个`);
  }
  let templates: Template[];
  try {
    templates = liquid.parse(source);
  } catch (error) {
    if (!(error instanceof LiquidError)) throw error;
    const [line, column] = error.token?.getPosition() ?? [];
    throw templateError(part, describe(error), line, column);
  }
  const { globals } = liquid.analyzeSync(templates);
  for (const [name, uses] of Object.entries(globals)) {
    if (allowed.has(name)) continue;
    const { row, col } = uses[0]!.location;
    throw templateError(part, `未知的合并字段 ${name}，可用：${mergeFieldNames.join('、')}`, row, col);
  }
  return templates;
}
