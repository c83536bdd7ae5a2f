import { App, Button } from 'antd';
import { useMoveSend, type SendKind } from '../../api/outreach';
import { useT } from '../../i18n';

/** 取消定时: a scheduled send goes back to a draft, to change it or send it another time. */
export function UnscheduleButton({ kind, sendId }: { kind: SendKind; sendId: number }) {
  const t = useT();
  const { modal } = App.useApp();
  const act = useMoveSend(kind, sendId);
  const confirm = () =>
    modal.confirm({
      title: t('mailings.cancelScheduleConfirm'),
      content: t(kind.messages === 'sms' ? 'sms.cancelScheduleHelp' : 'mailings.cancelScheduleHelp'),
      okText: t('mailings.unschedule'),
      cancelText: t('mailings.keepGoing'),
      // A failure is said by the mutation; the dialog closes either way.
      onOk: () => act.mutateAsync('unschedule').catch(() => undefined),
    });
  return <Button onClick={confirm}>{t('mailings.unschedule')}</Button>;
}
