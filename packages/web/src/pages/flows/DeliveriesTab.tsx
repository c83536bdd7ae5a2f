import { Form, Input, InputNumber } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import dayjs, { type Dayjs } from 'dayjs';
import type { Delivery, Project } from '../../api/flows';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDate } from '../../lib/dates';
import { formatMoney, yuanToFen } from '../../lib/money';
import { FlowTab, projectColumn } from './FlowTab';
import { at, DateField, FileField, ProjectField, uploadPicked } from './fields';

interface Values {
  projectId: number;
  beneficiaryRef: string;
  aid: string;
  quantity?: number;
  valueYuan?: string;
  day: Dayjs;
  acknowledgement?: UploadFile[];
  acknowledgementText?: string;
}

/** 受益人交付: aid delivered; the log holds a commitment to the beneficiary and the acknowledgement's hash. */
export function DeliveriesTab({ projects }: { projects: Project[] }) {
  const t = useT();
  const scope = useOrg();
  return (
    <FlowTab<Delivery, Values>
      path="/deliveries"
      projects={projects}
      permission="goods:write"
      recordLabel="deliveries.record"
      emptyLabel="deliveries.empty"
      initialValues={{ day: dayjs() }}
      columns={[
        { title: t('flows.date'), dataIndex: 'deliveredAt', render: (v: string) => formatDate(v, scope.org.timezone) },
        projectColumn(t('flows.project'), projects),
        { title: t('deliveries.aid'), dataIndex: 'aid' },
        { title: t('deliveries.beneficiary'), dataIndex: 'beneficiaryRef', render: (v: string | null) => v ?? '—' },
        {
          title: t('goods.value'),
          dataIndex: 'value',
          align: 'right',
          render: (v: number, d) => formatMoney(v, d.currency),
        },
      ]}
      fields={() => (
        <>
          <ProjectField projects={projects} />
          <Form.Item
            name="beneficiaryRef"
            label={t('deliveries.beneficiary')}
            extra={t('deliveries.beneficiaryHelp')}
            rules={[{ required: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="aid" label={t('deliveries.aid')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="quantity" label={t('goods.quantity')}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="valueYuan" label={t('goods.value')}>
            <Input inputMode="decimal" prefix="¥" />
          </Form.Item>
          <DateField />
          <FileField name="acknowledgement" label="deliveries.ackFile" />
          <Form.Item name="acknowledgementText" label={t('deliveries.ackText')} extra={t('deliveries.ackRequired')}>
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
        </>
      )}
      toBody={async (v) => ({
        projectId: v.projectId,
        beneficiaryRef: v.beneficiaryRef,
        aid: v.aid,
        quantity: v.quantity ?? null,
        value: yuanToFen(v.valueYuan ?? '') ?? 0,
        deliveredAt: at(v.day),
        acknowledgementId: (await uploadPicked(scope, v.acknowledgement)) ?? null,
        acknowledgementText: v.acknowledgementText || null,
      })}
    />
  );
}
