import { Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Allocation, Project } from '../../api/flows';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { FlowTab, projectColumn } from './FlowTab';
import { AmountField, at, BudgetLineField, DateField, fen, ProjectField } from './fields';

interface Values {
  projectId: number;
  budgetLineId?: number;
  amountYuan: string;
  day: Dayjs;
  fund?: string;
  note?: string;
}

/** 拨付: money from gifts into a project, oldest unallocated gifts first. */
export function AllocationsTab({ projects }: { projects: Project[] }) {
  const t = useT();
  const scope = useOrg();
  return (
    <FlowTab<Allocation, Values>
      path="/allocations"
      projects={projects}
      permission="funds:write"
      recordLabel="allocations.record"
      emptyLabel="allocations.empty"
      initialValues={{ day: dayjs() }}
      columns={[
        { title: t('flows.date'), dataIndex: 'allocatedAt', render: (v: string) => formatDate(v, scope.org.timezone) },
        projectColumn(t('flows.project'), projects),
        {
          title: t('flows.amount'),
          dataIndex: 'amount',
          align: 'right',
          render: (v: number, a) => formatMoney(v, a.currency),
        },
        { title: t('allocations.sources'), dataIndex: 'sources', render: (s: Allocation['sources']) => s.length },
      ]}
      fields={(form) => (
        <>
          <ProjectField projects={projects} />
          <BudgetLineField projects={projects} form={form} />
          <AmountField />
          <DateField />
          <Form.Item name="fund" label={t('allocations.fund')} extra={t('allocations.fifoHelp')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="note" label={t('allocations.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      )}
      toBody={async (v) => ({
        projectId: v.projectId,
        budgetLineId: v.budgetLineId ?? null,
        amount: fen(v.amountYuan),
        allocatedAt: at(v.day),
        fund: v.fund || undefined,
        note: v.note || undefined,
      })}
    />
  );
}
