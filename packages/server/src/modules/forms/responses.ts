import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/client.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { neutralizeCell } from '../exports/index.ts';
import { divisionByCode } from '../geo/divisions.ts';
import type { FileStore } from '../../adapters/storage.ts';
import { notFound } from '../../errors/app-error.ts';
import { fileContentType, formFileKey, type FileAnswer } from './files.ts';
import { regionOfAnswer } from './place.ts';
import { presentResponse } from './present.ts';
import * as repo from './repo.ts';
import { loadForm } from './service.ts';

/** A form's responses for staff: personal details, so the read is audited. */
export async function readResponses(db: Db, ctx: OrgContext, formId: number, use: 'list' | 'export') {
  const form = await loadForm(db, ctx.org.id, formId);
  const rows = await repo.listResponses(db, ctx.org.id, formId);
  await recordAudit(db, ctx, {
    action: 'form.responses.read',
    subjectType: 'form',
    subjectId: formId,
    data: { use, count: rows.length },
  });
  return { form, responses: rows.map((r) => presentResponse(r.response, r)) };
}

const statusWords = { synced: '已存入', duplicate: '疑似重复', ignored: '已忽略' } as const;

/** The responses as a CSV that Chinese Excel opens (BOM), one column per question, formulas defused, times in the organization's zone. */
export function responsesCsv(read: Awaited<ReturnType<typeof readResponses>>, timeZone: string) {
  const { form, responses } = read;
  // Questions since removed or renamed keep their column, under their key: their answers are not lost.
  const current = new Set(form.fields.map((f) => f.key));
  const removed = [...new Set(responses.flatMap((r) => Object.keys(r.answers)))].filter((k) => !current.has(k));
  // A region is given by name and, in a column beside it, by its division code (the key that lasts).
  const columns = [
    ...form.fields.flatMap((f) => [
      { key: f.key, label: f.label, type: f.type as string, level: f.level },
      ...(f.type === 'region' ? [{ key: f.key, label: `${f.label}（代码）`, type: 'code', level: f.level }] : []),
    ]),
    ...removed.map((k) => ({ key: k, label: `${k}（已删除）`, type: 'removed', level: undefined })),
  ];
  const header = ['提交时间', ...columns.map((c) => c.label), '状态', '联系人'];
  const when = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' });
  const cell = (value: unknown) =>
    value === undefined || value === null
      ? ''
      : typeof value === 'object' && 'file' in value
        ? neutralizeCell(String((value as FileAnswer).name))
        : neutralizeCell(
            Array.isArray(value)
              ? value.join('、')
              : typeof value === 'boolean'
                ? value
                  ? '是'
                  : '否'
                : String(value),
          );
  // As staff write them: a mainland mobile without +86 (Excel would take the + for a formula), a
  // province by its name rather than its division code.
  const readable = (column: (typeof columns)[number], value: unknown) =>
    typeof value !== 'string'
      ? value
      : column.type === 'phone'
        ? value.replace(/^\+86(?=1\d{10}$)/, '')
        : column.type === 'province'
          ? (divisionByCode(value)?.name ?? value)
          : column.type === 'region'
            ? (regionOfAnswer(value, column.level)?.label ?? value)
            : value;
  const rows = responses.map((r) => [
    when.format(new Date(r.createdAt)),
    ...columns.map((c) => cell(readable(c, r.answers[c.key]))),
    statusWords[r.status],
    cell(r.contactName ?? r.matchedContactName),
  ]);
  return `\uFEFF${stringify([header, ...rows])}`;
}

/** One file a response carries, for staff: its bytes and what to call it; the read is audited. */
export async function readResponseFile(
  db: Db,
  files: FileStore,
  ctx: OrgContext,
  ids: { formId: number; responseId: number; key: string },
) {
  const response = await repo.findResponse(db, ctx.org.id, ids.formId, ids.responseId);
  const answer = response?.answers[ids.key] as FileAnswer | undefined;
  if (!answer || typeof answer !== 'object' || !formFileKey.test(answer.file) || !answer.file.includes(ctx.org.id))
    throw notFound('File');
  await recordAudit(db, ctx, {
    action: 'form.file.read',
    subjectType: 'form_response',
    subjectId: ids.responseId,
    data: { formId: ids.formId, key: ids.key },
  });
  return { stream: files.read(answer.file), name: answer.name, type: fileContentType(answer.file) };
}
