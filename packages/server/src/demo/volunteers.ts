import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { OrgContext } from '../http/authorize.ts';
import { contacts } from '../modules/contacts/tables.ts';
import { forms } from '../modules/forms/tables.ts';
import {
  addSignup,
  createOpportunity,
  createShift,
  logHours,
  setOpportunityStatus,
  signUp,
} from '../modules/volunteers/index.ts';

export const DEMO_OPPORTUNITY = 'minqin-spring-trees';

/** Midnight in Shanghai, `days` from now, plus `hour` hours: a shift's start the demo can show. */
const shanghai = (now: Date, days: number, hour: number) => {
  const day = new Date(now.getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
};

/**
 * A volunteer opportunity (民勤春季植树) with its sign-up form, two shifts next week with a few people
 * signed up through the form, and last month's shift with the hours its volunteers served, so the
 * public page, the roster and contacts' volunteer history have something to show.
 */
export async function seedDemoVolunteers(db: Db, ctx: OrgContext, now: Date) {
  const [form] = await db
    .insert(forms)
    .values({
      orgId: ctx.org.id,
      slug: 'minqin-volunteers',
      title: '民勤春季植树志愿者报名',
      description: '',
      fields: [
        { key: 'name', type: 'text', label: '姓名', required: true, mapTo: 'name' },
        { key: 'phone', type: 'phone', label: '手机号', required: true, mapTo: 'phone' },
        { key: 'email', type: 'email', label: '邮箱（接收活动提醒）', mapTo: 'email' },
        { key: 'size', type: 'single', label: '衣服尺码', options: ['S', 'M', 'L', 'XL'] },
        {
          key: 'sms',
          type: 'consent',
          label: '我同意青禾公益通过短信告诉我之后的志愿活动',
          consent: { channel: 'sms', purpose: 'volunteering' },
        },
      ],
      settings: { tags: ['志愿者'], thankYou: '报名成功！出发前一天我们会发提醒，请留意短信和邮件。' },
    })
    .returning();
  const opportunity = await createOpportunity(db, ctx, {
    slug: DEMO_OPPORTUNITY,
    title: '民勤春季植树',
    description:
      '在腾格里沙漠和巴丹吉林沙漠之间的民勤，和当地农民一起种梭梭、压草方格。\n提供午餐和往返大巴，请穿耐磨的鞋、带好防晒。',
    location: '甘肃省武威市民勤县',
    divisionCode: '620621',
    skills: ['体力好', '能吃苦', '会开车优先'],
    formId: form!.id,
    waitlist: true,
    reminders: { hoursBefore: 24, email: true, smsTemplateId: null },
  });
  const shift = (days: number, title: string, capacity: number) =>
    createShift(db, ctx, opportunity.id, {
      title,
      startsAt: shanghai(now, days, 8).toISOString(),
      endsAt: shanghai(now, days, 12).toISOString(),
      capacity,
      location: '青土湖治沙点',
    });
  const past = await shift(-30, '三月试种', 10);
  const saturday = await shift(7, '第一批', 30);
  await shift(8, '第二批', 20);
  await setOpportunityStatus(db, ctx, opportunity.id, 'open');

  const people = [
    { name: '周晓雨', phone: '13912340101', email: 'zhouxy@example.org', sms: 'on' },
    { name: '韩梅', phone: '13912340102', email: 'hanmei@example.org' },
    { name: '马骏', phone: '13912340103', sms: 'on' },
    { name: '沈佳', phone: '13912340104', email: 'shenjia@example.org' },
  ];
  for (const person of people)
    await signUp(
      db,
      { org: ctx.org, opportunityId: opportunity.id },
      { shiftIds: [saturday.id], answers: { ...person, size: 'M' } },
      now,
      { answers: 'answers', shifts: 'shiftIds' },
    );
  // Last month's shift, recorded by staff afterwards: who came, and for how long.
  const veterans = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, ctx.org.id), eq(contacts.kind, 'person'), isNotNull(contacts.phone)))
    .orderBy(asc(contacts.id))
    .limit(5);
  for (const [i, veteran] of veterans.entries()) {
    const place = await addSignup(db, ctx, opportunity.id, {
      shiftId: past.id,
      contactId: veteran.id,
      note: '',
      allowOverCapacity: false,
    });
    await logHours(db, ctx, place.id, { minutes: [240, 210, 240, 180, 225][i]! });
  }
}
