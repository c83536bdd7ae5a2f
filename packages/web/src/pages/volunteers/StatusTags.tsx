import { Tag } from 'antd';
import type { OpportunityStatus, SignupStatus } from '../../api/volunteers';
import { useT } from '../../i18n';

const opportunityColors: Record<OpportunityStatus, string> = { draft: 'default', open: 'green', closed: 'blue' };

/** 草稿, 招募中 or 已结束. */
export function OpportunityStatusTag({ status }: { status: OpportunityStatus }) {
  const t = useT();
  return <Tag color={opportunityColors[status]}>{t(`volunteers.status.${status}`)}</Tag>;
}

const signupColors: Record<SignupStatus, string> = {
  confirmed: 'blue',
  waitlisted: 'orange',
  cancelled: 'default',
  attended: 'green',
  no_show: 'red',
};

/** Where a volunteer's place stands: 已报名, 候补, 已取消, 已签到 or 未到. */
export function SignupStatusTag({ status }: { status: SignupStatus }) {
  const t = useT();
  return <Tag color={signupColors[status]}>{t(`volunteers.signup.${status}`)}</Tag>;
}
