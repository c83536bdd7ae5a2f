import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/client.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { neutralizeCell } from '../exports/index.ts';
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

/** The responses as a CSV that Chinese Excel opens (BOM), one column per question, formulas defused. */
export function responsesCsv(read: Awaited<ReturnType<typeof readResponses>>) {
  const { form, responses } = read;
  const header = ['提交时间', ...form.fields.map((f) => f.label), '状态', '联系人'];
  const cell = (value: unknown) =>
    value === undefined || value === null
      ? ''
      : neutralizeCell(
          Array.isArray(value) ? value.join('、') : typeof value === 'boolean' ? (value ? '是' : '否') : String(value),
        );
  const rows = responses.map((r) => [
    r.createdAt,
    ...form.fields.map((f) => cell(r.answers[f.key])),
    statusWords[r.status],
    cell(r.contactName ?? r.matchedContactName),
  ]);
  return `\uFEFF${stringify([header, ...rows])}`;
}
