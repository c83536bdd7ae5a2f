import { DatePicker, Form, Input, Select, Upload, Button, type FormInstance } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd/es/upload/interface';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { Attachment, Project } from '../../api/flows';
import { noonOf } from '../../api/projects';
import { useT, type MessageKey } from '../../i18n';
import type { OrgScope } from '../../lib/org';
import { yuanToFen } from '../../lib/money';
import { amountRule } from '../../components/amountRule';

/** Fields every movement form shares. */
export function ProjectField({ projects, required = true }: { projects: Project[]; required?: boolean }) {
  const t = useT();
  return (
    <Form.Item name="projectId" label={t('flows.project')} rules={[{ required }]}>
      <Select
        allowClear={!required}
        options={projects.filter((p) => p.status === 'active').map((p) => ({ value: p.id, label: p.name }))}
      />
    </Form.Item>
  );
}

export function AmountField({ name = 'amountYuan', label = 'flows.amount' }: { name?: string; label?: MessageKey }) {
  const t = useT();
  return (
    <Form.Item name={name} label={t(label)} rules={[{ required: true }, amountRule(t)]}>
      <Input inputMode="decimal" prefix="¥" />
    </Form.Item>
  );
}

export function DateField() {
  const t = useT();
  return (
    <Form.Item name="day" label={t('flows.date')} rules={[{ required: true }]}>
      <DatePicker style={{ width: '100%' }} />
    </Form.Item>
  );
}

export function FileField({ name, label, required }: { name: string; label: MessageKey; required?: MessageKey }) {
  const t = useT();
  return (
    <Form.Item
      name={name}
      label={t(label)}
      valuePropName="fileList"
      getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
      rules={required ? [{ required: true, message: t(required) }] : []}
    >
      <Upload beforeUpload={() => false} maxCount={1}>
        <Button icon={<UploadOutlined />}>{t('expenses.upload')}</Button>
      </Upload>
    </Form.Item>
  );
}

/** Uploads the file picked in a FileField; its id goes into the movement. */
export async function uploadPicked(scope: OrgScope, files: UploadFile[] | undefined): Promise<number | undefined> {
  const file = files?.[0]?.originFileObj;
  if (!file) return undefined;
  const form = new FormData();
  form.append('file', file, file.name);
  return (await api.upload<Attachment>(scope.path('/attachments'), form)).id;
}

export const fen = (yuan: string) => yuanToFen(yuan)!;
export const at = (day: Dayjs) => noonOf(day);

/** The budget lines of the project picked in the same form. */
export function BudgetLineField<V extends { projectId?: number }>({
  projects,
  form,
}: {
  projects: Project[];
  form: FormInstance<V>;
}) {
  const t = useT();
  return (
    <Form.Item noStyle dependencies={['projectId']}>
      {() => {
        const projectId = (form.getFieldsValue(true) as { projectId?: number }).projectId;
        const project = projects.find((p) => p.id === projectId);
        return (
          <Form.Item name="budgetLineId" label={t('projects.budgetLine')}>
            <Select allowClear options={(project?.budgetLines ?? []).map((l) => ({ value: l.id, label: l.name }))} />
          </Form.Item>
        );
      }}
    </Form.Item>
  );
}
