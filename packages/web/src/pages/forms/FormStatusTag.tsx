import { Tag } from 'antd';
import type { FormStatus } from '../../api/forms';
import { useT } from '../../i18n';

const colors: Record<FormStatus, string> = { draft: 'default', open: 'green', closed: 'blue' };

export function FormStatusTag({ status }: { status: FormStatus }) {
  const t = useT();
  return <Tag color={colors[status]}>{t(`forms.status.${status}`)}</Tag>;
}
