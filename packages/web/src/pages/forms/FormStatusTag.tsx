import { Tag, Tooltip } from 'antd';
import type { FormStatus } from '../../api/forms';
import { useT } from '../../i18n';

const colors: Record<FormStatus, string> = { draft: 'default', open: 'green', closed: 'blue' };

/** The form's state as the public meets it: an open form past its closing time or limit takes nothing. */
export function FormStatusTag({ status, accepting }: { status: FormStatus; accepting: boolean }) {
  const t = useT();
  if (status === 'open' && !accepting)
    return (
      <Tooltip title={t('forms.status.notAcceptingHelp')}>
        <Tag color="orange">{t('forms.status.notAccepting')}</Tag>
      </Tooltip>
    );
  return <Tag color={colors[status]}>{t(`forms.status.${status}`)}</Tag>;
}
