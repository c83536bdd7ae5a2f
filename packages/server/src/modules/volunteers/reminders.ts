import { sql } from 'drizzle-orm';
import type { EmailTransport } from '../../adapters/email/index.ts';
import { nextSendTime, type SmsProvider } from '../../adapters/sms/index.ts';
import { isSmsCapableE164 } from '../../adapters/sms/phone.ts';
import type { Clock } from '../../adapters/clock.ts';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import { paragraphsEmail } from '../email/index.ts';
import {
  findTemplate,
  providerFromSettings,
  quietHoursOf,
  settingsRow,
  templateParamsFor,
  type SmsProviderDeps,
} from '../sms/index.ts';
import type { reminderChannels } from './enums.ts';
import { minutesText, shiftTime } from './time.ts';

type Channel = (typeof reminderChannels)[number];

export interface ReminderDeps {
  db: Db;
  clock: Clock;
  config: SmsProviderDeps['config'] & Pick<Config, 'EMAIL_FROM' | 'SMS_RATE'>;
  /** Without it (no SMTP_URL), email reminders wait. */
  email?: EmailTransport;
  fetch?: SmsProviderDeps['fetch'];
}

/** A reminder due: a confirmed place on a shift that starts within the opportunity's hoursBefore. */
interface Due {
  org_id: string;
  signup_id: string | number;
  contact_id: string | number;
  name: string;
  phone: string | null;
  email: string | null;
  erased: boolean;
  suppressed: boolean;
  sms_refused: boolean;
  title: string;
  shift_title: string;
  place: string;
  starts_at: string | Date;
  ends_at: string | Date;
  template_id: string | number | null;
  org_name: string;
  timezone: string;
}

// A claim older than this whose sender never settled it may have gone out: it is never sent again.
const IN_FLIGHT_MINUTES = 10;

/**
 * Reminders due now on a channel, not yet claimed. `email` needs an opportunity with email reminders;
 * `sms` one with a template. Instance-wide on purpose: the tick serves every organization.
 */
async function dueReminders(db: Db, channel: Channel, now: Date, limit: number, orgId?: string) {
  const wanted =
    channel === 'email' ? sql`(o.reminders->>'email')::boolean` : sql`(o.reminders->>'smsTemplateId') is not null`;
  return rowsOf<Due>(
    await db.execute(sql`
      select s.org_id, s.id as signup_id, s.contact_id, c.name, c.phone, c.email, c.erased_at is not null as erased,
        exists (select 1 from email_suppressions x where x.org_id = s.org_id and x.email = lower(c.email)) as suppressed,
        -- Someone who withdrew every SMS consent they gave (回复TD) is not texted, even about their own shift.
        coalesce((select not bool_or(l.status = 'granted') from (
          select distinct on (k.purpose) k.status from consents k
          where k.org_id = s.org_id and k.contact_id = s.contact_id and k.channel = 'sms'
          order by k.purpose, k.recorded_at desc, k.id desc) l), false) as sms_refused,
        o.title, sh.title as shift_title, coalesce(nullif(sh.location, ''), o.location) as place,
        sh.starts_at, sh.ends_at, (o.reminders->>'smsTemplateId')::bigint as template_id,
        g.name as org_name, g.timezone
      from volunteer_signups s
      join volunteer_shifts sh on sh.org_id = s.org_id and sh.id = s.shift_id
      join volunteer_opportunities o on o.org_id = s.org_id and o.id = s.opportunity_id
      join contacts c on c.org_id = s.org_id and c.id = s.contact_id
      join organizations g on g.id = s.org_id
      where s.status = 'confirmed' and o.status <> 'draft' and ${wanted}
        and sh.starts_at > ${now.toISOString()}::timestamptz
        and sh.starts_at - make_interval(hours => (o.reminders->>'hoursBefore')::int) <= ${now.toISOString()}::timestamptz
        ${orgId ? sql`and s.org_id = ${orgId}` : sql``}
        and not exists (select 1 from volunteer_reminders r
                        where r.org_id = s.org_id and r.signup_id = s.id and r.channel = ${channel})
      order by sh.starts_at, s.id
      limit ${limit}`),
  );
}

/**
 * Claims reminders before they are sent: the row is written (and committed) first, so a reminder goes
 * at most once, whoever else is running the tick. Returns the signups this caller won.
 */
async function claim(db: Db, channel: Channel, due: Due[]) {
  if (due.length === 0) return new Set<string>();
  const keys = due.map((d) => ({ org_id: d.org_id, signup_id: Number(d.signup_id) }));
  const won = rowsOf<{ org_id: string; signup_id: string | number }>(
    await db.execute(sql`
      insert into volunteer_reminders (org_id, signup_id, channel)
      select k.org_id, k.signup_id, ${channel}
      from json_to_recordset(${JSON.stringify(keys)}::json) as k(org_id uuid, signup_id bigint)
      on conflict do nothing
      returning org_id, signup_id`),
  );
  return new Set(won.map((w) => `${w.org_id}/${w.signup_id}`));
}

const settle = (
  db: Db,
  d: Due,
  channel: Channel,
  status: 'sent' | 'failed' | 'skipped' | 'uncertain',
  reason?: string,
) =>
  db.execute(sql`
    update volunteer_reminders set status = ${status}, reason = ${reason?.slice(0, 500) ?? null},
      sent_at = ${status === 'sent' ? sql`now()` : sql`null`}
    where org_id = ${d.org_id} and signup_id = ${Number(d.signup_id)} and channel = ${channel} and status = 'sending'`);

const shiftLabel = (d: Due, lang: 'zh-CN' | 'en' = 'zh-CN') =>
  shiftTime(new Date(d.starts_at), new Date(d.ends_at), d.timezone, lang);

/** The email: a service message about the shift they signed up for, so no marketing consent is asked. */
function reminderEmail(d: Due) {
  const hours = Math.max(1, Math.round((new Date(d.starts_at).getTime() - Date.now()) / 3_600_000));
  const lines = [
    `${d.name}，你好：`,
    `提醒你参加志愿活动「${d.title}」${d.shift_title ? `（${d.shift_title}）` : ''}，大约 ${minutesText(hours * 60)}后开始。`,
    `时间：${shiftLabel(d)}`,
    ...(d.place ? [`地点：${d.place}`] : []),
    '如果不能来了，请尽早告诉我们，好把名额留给候补的伙伴。谢谢你！',
    d.org_name,
  ];
  return { subject: `志愿活动提醒：「${d.title}」${shiftLabel(d)}`, ...paragraphsEmail(lines) };
}

async function emailReminders(deps: ReminderDeps, now: Date, limit: number) {
  if (!deps.email) return 0;
  const due = await dueReminders(deps.db, 'email', now, limit);
  const won = await claim(deps.db, 'email', due);
  let sent = 0;
  for (const d of due.filter((x) => won.has(`${x.org_id}/${Number(x.signup_id)}`))) {
    if (d.erased || !d.email) {
      await settle(deps.db, d, 'email', 'skipped', 'no email address');
      continue;
    }
    if (d.suppressed) {
      await settle(deps.db, d, 'email', 'skipped', 'address suppressed');
      continue;
    }
    try {
      const outcome = await deps.email.send({
        from: { name: d.org_name, address: deps.config.EMAIL_FROM },
        to: { name: d.name, address: d.email },
        ...reminderEmail(d),
        sendId: { messageId: `volunteer-reminder-${d.signup_id}`, recipientId: `c${d.contact_id}` },
      });
      if (outcome.status === 'sent') {
        await settle(deps.db, d, 'email', 'sent');
        sent++;
      } else await settle(deps.db, d, 'email', 'failed', `${outcome.failure.kind}: ${outcome.failure.message}`);
    } catch (error) {
      await settle(deps.db, d, 'email', 'failed', String(error));
    }
  }
  return sent;
}

/** Per organization: its provider, quiet hours (a reminder due inside them waits) and template. */
async function smsReminders(deps: ReminderDeps, now: Date, limit: number) {
  const orgs = [...new Set((await dueReminders(deps.db, 'sms', now, limit)).map((d) => d.org_id))];
  let sent = 0;
  for (const orgId of orgs) {
    const settings = await settingsRow(deps.db, orgId);
    const provider = providerFromSettings(deps, settings);
    if (!provider) continue;
    const due = await dueReminders(deps.db, 'sms', now, limit, orgId);
    if (due.length === 0 || nextSendTime(now, due[0]!.timezone, quietHoursOf(settings)) > now) continue;
    const won = await claim(deps.db, 'sms', due);
    for (const d of due.filter((x) => won.has(`${x.org_id}/${Number(x.signup_id)}`)))
      if (await textOne(deps, provider, d)) sent++;
  }
  return sent;
}

async function textOne(deps: ReminderDeps, provider: SmsProvider, d: Due) {
  if (d.erased || !d.phone || !isSmsCapableE164(d.phone)) {
    await settle(deps.db, d, 'sms', 'skipped', 'no mobile number');
    return false;
  }
  if (d.sms_refused) {
    await settle(deps.db, d, 'sms', 'skipped', 'SMS consent withdrawn');
    return false;
  }
  const template = d.template_id ? await findTemplate(deps.db, d.org_id, Number(d.template_id)) : undefined;
  if (!template) {
    await settle(deps.db, d, 'sms', 'failed', 'template deleted');
    return false;
  }
  const templateParams = templateParamsFor(template.params, {
    contactName: d.name,
    organizationName: d.org_name,
    volunteering: { opportunity: d.title, time: shiftLabel(d), place: d.place },
  });
  try {
    const result = await provider.send({
      phone: d.phone,
      signName: template.signName,
      templateCode: template.templateCode,
      templateParams,
      reference: `v${d.signup_id}`,
    });
    if (result.ok) {
      await settle(deps.db, d, 'sms', 'sent');
      return true;
    }
    const { failure } = result;
    // As for sends: an error that does not prove the message stayed unsent is never retried.
    await settle(
      deps.db,
      d,
      'sms',
      failure.kind === 'unavailable' ? 'uncertain' : 'failed',
      `${failure.kind} ${failure.providerCode}: ${failure.message}`,
    );
  } catch (error) {
    await settle(deps.db, d, 'sms', 'uncertain', `may have gone out; not sent again (${String(error)})`);
  }
  return false;
}

/**
 * Sends the reminders that are due (hoursBefore a shift starts, to each confirmed volunteer): an email
 * and/or a text with the opportunity's approved template. Each at most once per signup and channel.
 */
export async function sendVolunteerReminders(deps: ReminderDeps, options: { batch?: number } = {}) {
  const now = deps.clock.now();
  const batch = options.batch ?? 200;
  await deps.db.execute(sql`
    update volunteer_reminders set status = 'uncertain', reason = 'in flight when the sender stopped; not sent again'
    where status = 'sending' and claimed_at < now() - make_interval(mins => ${IN_FLIGHT_MINUTES})`);
  return { email: await emailReminders(deps, now, batch), sms: await smsReminders(deps, now, batch) };
}
