import { App, Button, Dropdown, Space } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { opportunitiesKey, opportunityKey, rosterKey, type Signup } from '../../api/volunteers';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { signupActions, type SignupAction } from '../../lib/volunteering';
import { errorMessage } from '../../components/errors';

/** After any change to places: the roster, the shifts' counts, the list and the volunteers' histories. */
export function useRosterRefresh(opportunityId: number) {
  const scope = useOrg();
  const queryClient = useQueryClient();
  return (changed: Signup[] = []) => {
    const ids = new Map(changed.map((s) => [s.id, s]));
    queryClient.setQueryData<Signup[]>(rosterKey(scope.org.slug, opportunityId), (list) =>
      list?.map((s) => ids.get(s.id) ?? s),
    );
    void queryClient.invalidateQueries({ queryKey: rosterKey(scope.org.slug, opportunityId) });
    void queryClient.invalidateQueries({ queryKey: opportunityKey(scope.org.slug, opportunityId) });
    void queryClient.invalidateQueries({ queryKey: opportunitiesKey(scope.org.slug) });
    void queryClient.invalidateQueries({ queryKey: ['contact-volunteering', scope.org.slug] });
    void queryClient.invalidateQueries({ queryKey: ['timeline', scope.org.slug] });
  };
}

const done: Record<
  Exclude<SignupAction, 'hours'>,
  'volunteers.done.checkIn' | 'volunteers.done.checkOut' | 'volunteers.done.noShow' | 'volunteers.done.cancel'
> = {
  'check-in': 'volunteers.done.checkIn',
  'check-out': 'volunteers.done.checkOut',
  'no-show': 'volunteers.done.noShow',
  cancel: 'volunteers.done.cancel',
};

/** A place's buttons: 签到 or 签退, 登记时长, and behind ⋯ 未到 and 取消报名 (confirmed first). */
export function SignupActions({
  signup,
  onHours,
  block,
}: {
  signup: Signup;
  onHours: (signup: Signup) => void;
  /** On a phone the main button is wide and tall enough for a thumb. */
  block?: boolean;
}) {
  const t = useT();
  const { message, modal } = App.useApp();
  const refresh = useRosterRefresh(signup.opportunityId);
  const scope = useOrg();
  const act = useMutation({
    mutationFn: (action: Exclude<SignupAction, 'hours'>) =>
      api.post<Signup>(scope.path(`/volunteers/signups/${signup.id}/${action}`)),
    onSuccess: (saved, action) => {
      refresh([saved]);
      message.success(t(done[action], { name: saved.contactName }));
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const allowed = signupActions(signup);
  if (allowed.length === 0) return null;
  const size = block ? 'middle' : 'small';
  const main = allowed.includes('check-in') ? 'check-in' : allowed.includes('check-out') ? 'check-out' : null;
  const more = [
    allowed.includes('no-show') && {
      key: 'no-show',
      label: t('volunteers.action.noShow'),
      onClick: () =>
        modal.confirm({
          title: t('volunteers.noShowConfirm', { name: signup.contactName }),
          content: signup.minutes ? t('volunteers.noShowHelp') : undefined,
          onOk: () => act.mutate('no-show'),
        }),
    },
    allowed.includes('cancel') && {
      key: 'cancel',
      danger: true,
      label: t('volunteers.action.cancel'),
      onClick: () =>
        modal.confirm({
          title: t('volunteers.cancelConfirm', { name: signup.contactName }),
          content: signup.status === 'confirmed' ? t('volunteers.cancelHelp') : undefined,
          okButtonProps: { danger: true },
          okText: t('volunteers.action.cancel'),
          onOk: () => act.mutate('cancel'),
        }),
    },
  ].filter((x) => x !== false);

  return (
    <Space size={4} wrap style={block ? { width: '100%' } : undefined}>
      {main && (
        <Button
          type="primary"
          size={size}
          loading={act.isPending && act.variables === main}
          onClick={() => act.mutate(main)}
        >
          {t(main === 'check-in' ? 'volunteers.action.checkIn' : 'volunteers.action.checkOut')}
        </Button>
      )}
      {allowed.includes('hours') && (
        <Button size={size} onClick={() => onHours(signup)}>
          {t('volunteers.action.hours')}
        </Button>
      )}
      {more.length > 0 && (
        <Dropdown menu={{ items: more }} trigger={['click']}>
          <Button size={size} icon={<MoreOutlined />} aria-label={t('volunteers.action.more')} />
        </Dropdown>
      )}
    </Space>
  );
}
