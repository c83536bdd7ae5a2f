import { Alert, Button } from 'antd';
import { useT } from '../i18n';
import { errorMessage } from './errors';

/** A failed load, with what went wrong and a way to try again. */
export function QueryError({ error, retry }: { error: unknown; retry?: () => void }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      message={t('error.loadFailed')}
      description={errorMessage(error)}
      action={
        retry && (
          <Button size="small" onClick={retry}>
            {t('common.retry')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
