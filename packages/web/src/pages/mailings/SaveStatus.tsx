import { Typography } from 'antd';
import { CheckOutlined, LoadingOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import type { SaveState } from './useMailingSave';

const pad = (n: number) => String(n).padStart(2, '0');

/** Whether what is on screen is saved, so nobody wonders before leaving the page. */
export function SaveStatus({ state, savedAt }: { state: SaveState; savedAt: Date | null }) {
  const t = useT();
  if (state === 'saving')
    return (
      <Typography.Text type="secondary">
        <LoadingOutlined /> {t('mailings.save.saving')}
      </Typography.Text>
    );
  if (state === 'dirty') return <Typography.Text type="secondary">{t('mailings.save.dirty')}</Typography.Text>;
  if (state === 'incomplete') return <Typography.Text type="warning">{t('mailings.save.incomplete')}</Typography.Text>;
  if (state === 'invalid') return <Typography.Text type="warning">{t('mailings.save.invalid')}</Typography.Text>;
  if (state === 'failed') return <Typography.Text type="danger">{t('mailings.save.failed')}</Typography.Text>;
  if (!savedAt) return null;
  return (
    <Typography.Text type="secondary" className="cw-save-status">
      <CheckOutlined />{' '}
      {t('mailings.save.savedAt', { time: `${pad(savedAt.getHours())}:${pad(savedAt.getMinutes())}` })}
    </Typography.Text>
  );
}
