import type { Db } from '../../db/client.ts';
import { insertActivities } from '../contacts/index.ts';
import type * as repo from './repo.ts';
import { minutesText } from './time.ts';

/** What happened to a volunteer's place, as the contact's timeline records it (type `volunteer`). */
export type VolunteerAction =
  'signed_up' | 'waitlisted' | 'promoted' | 'cancelled' | 'checked_in' | 'hours' | 'no_show';

const summaries: Record<VolunteerAction, (title: string, minutes: number | null) => string> = {
  signed_up: (title) => `报名了志愿活动「${title}」`,
  waitlisted: (title) => `报名了志愿活动「${title}」（候补）`,
  promoted: (title) => `志愿活动「${title}」从候补转为正式报名`,
  cancelled: (title) => `取消了志愿活动「${title}」的报名`,
  checked_in: (title) => `志愿活动「${title}」签到`,
  hours: (title, minutes) => `志愿活动「${title}」记录服务时长 ${minutesText(minutes ?? 0)}`,
  no_show: (title) => `志愿活动「${title}」未到场`,
};

/** Timeline lines for signups; the data carries what the console words itself (activityText.ts). */
export function recordVolunteering(
  db: Db,
  orgId: string,
  items: {
    action: VolunteerAction;
    signup: repo.SignupRow;
    opportunityTitle: string;
    shift: Pick<repo.ShiftRow, 'title' | 'startsAt'>;
    actorUserId?: string | null;
  }[],
) {
  return insertActivities(
    db,
    orgId,
    items.map(({ action, signup, opportunityTitle, shift, actorUserId }) => ({
      contactId: signup.contactId,
      type: 'volunteer',
      summary: summaries[action](opportunityTitle, signup.minutes),
      actorUserId: actorUserId ?? null,
      data: {
        action,
        signupId: signup.id,
        opportunityId: signup.opportunityId,
        opportunityTitle,
        shiftId: signup.shiftId,
        shiftTitle: shift.title,
        startsAt: shift.startsAt.toISOString(),
        ...(action === 'hours' ? { minutes: signup.minutes } : {}),
      },
    })),
  );
}
