import type { Clock } from '../../adapters/clock.ts';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { editable, sendLifecycle } from '../outreach/index.ts';
import { audienceCondition, type MailingAudience } from '../mailings/index.ts';
import { countAudience, listRecipients } from './audience.ts';
import * as repo from './repo.ts';
import type { SmsSendInput, SmsSendPatch, TemplateInput, TemplateParam } from './schemas.ts';
import { providerFromSettings, settingsRow, type SmsProviderDeps } from './settings.ts';
import { placeholdersOf, templateProblems } from './template.ts';

export interface SmsDeps extends SmsProviderDeps {
  db: Db;
  clock: Clock;
}

// --- templates ---

function checkTemplate(text: string, params: TemplateParam[]) {
  const problems = templateProblems(text, params);
  if (problems.length > 0)
    throw new AppError(
      'SMS_TEMPLATE_INVALID',
      problems.map((p) => p.message).join('；'),
      problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
    );
}

export async function loadTemplate(db: Db, orgId: string, id: number) {
  const row = await repo.findTemplate(db, orgId, id);
  if (!row) throw notFound('SMS template');
  return row;
}

export async function createTemplate(db: Db, ctx: OrgContext, input: TemplateInput) {
  checkTemplate(input.text, input.params);
  const row = await repo.insertTemplate(db, { orgId: ctx.org.id, ...input });
  await recordAudit(db, ctx, {
    action: 'sms-template.create',
    subjectType: 'sms_template',
    subjectId: row.id,
    data: { name: row.name },
  });
  return row;
}

export async function updateTemplate(db: Db, ctx: OrgContext, id: number, patch: Partial<TemplateInput>) {
  const current = await loadTemplate(db, ctx.org.id, id);
  checkTemplate(patch.text ?? current.text, patch.params ?? current.params);
  const row = await repo.updateTemplate(db, ctx.org.id, id, patch);
  if (!row)
    throw new AppError(
      'SMS_TEMPLATE_IN_USE',
      'A send that uses this template is scheduled, sending or paused: finish or cancel it first, or make a new template',
    );
  await recordAudit(db, ctx, {
    action: 'sms-template.update',
    subjectType: 'sms_template',
    subjectId: id,
    data: { fields: Object.keys(patch) },
  });
  return row;
}

export async function deleteTemplate(db: Db, ctx: OrgContext, id: number) {
  const current = await loadTemplate(db, ctx.org.id, id);
  const deleted = await repo.deleteTemplate(db, ctx.org.id, id);
  if (deleted.length === 0)
    throw new AppError('SMS_SEND_STATE', 'A template that a send uses cannot be deleted', [], { status: 'in use' });
  await recordAudit(db, ctx, {
    action: 'sms-template.delete',
    subjectType: 'sms_template',
    subjectId: id,
    data: { name: current.name },
  });
}

// --- sends ---

const lifecycle = sendLifecycle<repo.SmsSendRow>({
  noun: 'SMS send',
  stateCode: 'SMS_SEND_STATE',
  auditPrefix: 'sms',
  subjectType: 'sms_send',
  cancelledReason: 'send cancelled',
  reachableMeans: 'with a mobile number and SMS consent for this purpose',
  waits: true,
  find: repo.findSend,
  transition: repo.transition,
  countReachable: async (db, clock, ctx, row) =>
    (await countAudience(db, clock, ctx, row.audience, row.purpose)).reachable,
  async listRecipients(tx, clock, ctx, row) {
    await listRecipients(tx, ctx.org.id, row.id, await audienceCondition(tx, clock, ctx, row.audience), row.purpose);
    return row;
  },
  skipPending: repo.skipPending,
});
const { stateError } = lifecycle;
export const loadSend = lifecycle.load;

export async function createSend(db: Db, ctx: OrgContext, input: SmsSendInput) {
  if (input.templateId) await loadTemplate(db, ctx.org.id, input.templateId);
  const row = await repo.insertSend(db, {
    orgId: ctx.org.id,
    ...input,
    createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
  });
  await recordAudit(db, ctx, {
    action: 'sms.create',
    subjectType: 'sms_send',
    subjectId: row.id,
    data: { name: row.name },
  });
  return row;
}

export async function updateSend(db: Db, ctx: OrgContext, id: number, patch: SmsSendPatch) {
  const current = await loadSend(db, ctx.org.id, id);
  if (!editable(current.status)) throw stateError(current, 'edited');
  if (patch.templateId) await loadTemplate(db, ctx.org.id, patch.templateId);
  const row = await repo.updateSend(db, ctx.org.id, id, patch);
  await recordAudit(db, ctx, {
    action: 'sms.update',
    subjectType: 'sms_send',
    subjectId: id,
    data: { fields: Object.keys(patch) },
  });
  return row!;
}

export async function deleteSend(db: Db, ctx: OrgContext, id: number) {
  const current = await loadSend(db, ctx.org.id, id);
  const deleted = await repo.deleteSend(db, ctx.org.id, id);
  if (deleted.length === 0) throw stateError(current, 'deleted');
  await recordAudit(db, ctx, {
    action: 'sms.delete',
    subjectType: 'sms_send',
    subjectId: id,
    data: { name: current.name },
  });
}

export const audienceOf = (deps: SmsDeps, ctx: OrgContext, audience: MailingAudience, purpose: string) =>
  countAudience(deps.db, deps.clock, ctx, audience, purpose);

/** The provider, and the template checked against it: Tencent fills {1}…{n}, Aliyun ${name}. */
async function readyToSend(deps: SmsDeps, ctx: OrgContext, row: repo.SmsSendRow) {
  const provider = providerFromSettings(deps, await settingsRow(deps.db, ctx.org.id));
  if (!provider) throw new AppError('SMS_NOT_CONFIGURED', 'Set up an SMS provider first (短信设置)');
  if (!row.templateId)
    throw new AppError('VALIDATION_FAILED', 'Choose a template', [{ path: 'templateId', message: 'required' }]);
  const template = await loadTemplate(deps.db, ctx.org.id, row.templateId);
  checkTemplate(template.text, template.params);
  const { style } = placeholdersOf(template.text);
  const fits = style === 'none' || (provider.name === 'tencent' ? style === 'positional' : style === 'named');
  if (!fits && provider.name !== 'outbox')
    throw new AppError('SMS_TEMPLATE_INVALID', 'The template does not fit the provider', [
      {
        path: 'templateId',
        message: provider.name === 'tencent' ? '腾讯云模板用 {1}、{2}… 占位' : '阿里云模板用 ${名称} 占位',
      },
    ]);
}

/** Sends now, or schedules, once the provider and template are ready. */
export async function sendNow(deps: SmsDeps, ctx: OrgContext, id: number, scheduledAt?: string | null) {
  const row = await loadSend(deps.db, ctx.org.id, id);
  return lifecycle.sendOrSchedule(deps, ctx, row, scheduledAt, () => readyToSend(deps, ctx, row));
}

export const { startSending, move: moveSend } = lifecycle;
