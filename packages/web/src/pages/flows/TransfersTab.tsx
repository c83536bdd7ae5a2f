import { Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Project, Transfer } from '../../api/flows';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { FlowTab, projectColumn } from './FlowTab';
import { AmountField, at, DateField, fen, ProjectField } from './fields';

interface Values {
  direction: 'sent' | 'received';
  projectId: number;
  partnerName: string;
  partnerUscc?: string;
  amountYuan: string;
  day: Dayjs;
  counterpartCode?: string;
  counterpartOrigin?: string;
}

/** 机构间转账: money to or from a partner organization, naming the partner's own log entry. */
export function TransfersTab({ projects }: { projects: Project[] }) {
  const t = useT();
  const scope = useOrg();
  return (
    <FlowTab<Transfer, Values>
      path="/transfers"
      projects={projects}
      permission="funds:write"
      recordLabel="transfers.record"
      emptyLabel="transfers.empty"
      initialValues={{ day: dayjs(), direction: 'sent' }}
      columns={[
        {
          title: t('flows.date'),
          dataIndex: 'transferredAt',
          render: (v: string) => formatDate(v, scope.org.timezone),
        },
        {
          title: t('transfers.direction'),
          dataIndex: 'direction',
          render: (d: Transfer['direction']) => t(`transfers.${d}`),
        },
        projectColumn(t('flows.project'), projects),
        { title: t('transfers.partner'), dataIndex: 'partnerName' },
        {
          title: t('flows.amount'),
          dataIndex: 'amount',
          align: 'right',
          render: (v: number, x) => formatMoney(v, x.currency),
        },
        { title: t('transfers.counterpart'), dataIndex: 'counterpartCode', render: (v: string | null) => v ?? '—' },
      ]}
      fields={() => (
        <>
          <Form.Item name="direction" label={t('transfers.direction')}>
            <Radio.Group
              options={[
                { value: 'sent', label: t('transfers.sent') },
                { value: 'received', label: t('transfers.received') },
              ]}
            />
          </Form.Item>
          <ProjectField projects={projects} />
          <Form.Item name="partnerName" label={t('transfers.partner')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="partnerUscc" label={t('transfers.uscc')}>
            <Input maxLength={18} />
          </Form.Item>
          <AmountField />
          <DateField />
          <Form.Item name="counterpartCode" label={t('transfers.counterpart')}>
            <Input maxLength={16} />
          </Form.Item>
          <Form.Item name="counterpartOrigin" label={t('transfers.origin')}>
            <Input maxLength={300} placeholder="ngo.example.org/ledger" />
          </Form.Item>
        </>
      )}
      toBody={async (v) => ({
        direction: v.direction,
        projectId: v.projectId,
        partnerName: v.partnerName,
        partnerUscc: v.partnerUscc || undefined,
        amount: fen(v.amountYuan),
        transferredAt: at(v.day),
        counterpartCode: v.counterpartCode || undefined,
        counterpartOrigin: v.counterpartOrigin || undefined,
      })}
    />
  );
}
