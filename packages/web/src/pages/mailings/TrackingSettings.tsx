import { App, Card, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { sessionKey } from '../../lib/session';
import { errorMessage } from '../../components/errors';

/** Open and click tracking: off unless an admin turns it on for the whole organization. */
export function TrackingSettings() {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const toggle = useMutation({
    mutationFn: (emailTracking: boolean) => api.patch(scope.path(''), { emailTracking }),
    onSuccess: () => {
      message.success(t('mailings.tracking.saved'));
      void queryClient.invalidateQueries({ queryKey: sessionKey });
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  return (
    <Card size="small" title={t('mailings.tracking.title')}>
      <Switch
        checked={scope.org.emailTracking}
        disabled={!scope.can('org:manage')}
        loading={toggle.isPending}
        onChange={(on) => toggle.mutate(on)}
        aria-label={t('mailings.tracking.title')}
      />{' '}
      <Typography.Text>{t(scope.org.emailTracking ? 'mailings.tracking.on' : 'mailings.tracking.off')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('mailings.tracking.help')}
      </Typography.Paragraph>
      {!scope.can('org:manage') && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('mailings.tracking.adminsOnly')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
