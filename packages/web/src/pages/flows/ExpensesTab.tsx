import { Form, Input } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import dayjs, { type Dayjs } from 'dayjs';
import type { Expense, Project } from '../../api/flows';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { FlowTab, projectColumn } from './FlowTab';
import { AmountField, at, BudgetLineField, DateField, fen, FileField, ProjectField, uploadPicked } from './fields';

interface Values {
  projectId: number;
  budgetLineId?: number;
  payeeCategory: string;
  amountYuan: string;
  day: Dayjs;
  description?: string;
  invoice: UploadFile[];
}

/** 支出: a project's expense, with its invoice kept privately and only the invoice's hash logged. */
export function ExpensesTab({ projects }: { projects: Project[] }) {
  const t = useT();
  const scope = useOrg();
  return (
    <FlowTab<Expense, Values>
      path="/expenses"
      projects={projects}
      permission="funds:write"
      recordLabel="expenses.record"
      emptyLabel="expenses.empty"
      initialValues={{ day: dayjs() }}
      columns={[
        { title: t('flows.date'), dataIndex: 'paidAt', render: (v: string) => formatDate(v, scope.org.timezone) },
        projectColumn(t('flows.project'), projects),
        { title: t('expenses.category'), dataIndex: 'payeeCategory' },
        {
          title: t('flows.amount'),
          dataIndex: 'amount',
          align: 'right',
          render: (v: number, e) => formatMoney(v, e.currency),
        },
        { title: t('expenses.description'), dataIndex: 'description', render: (v: string | null) => v ?? '—' },
      ]}
      fields={(form) => (
        <>
          <ProjectField projects={projects} />
          <BudgetLineField projects={projects} form={form} />
          <Form.Item
            name="payeeCategory"
            label={t('expenses.category')}
            extra={t('expenses.categoryHelp')}
            rules={[{ required: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <AmountField />
          <DateField />
          <Form.Item name="description" label={t('expenses.description')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <FileField name="invoice" label="expenses.invoice" required="expenses.invoiceRequired" />
        </>
      )}
      toBody={async (v) => ({
        projectId: v.projectId,
        budgetLineId: v.budgetLineId ?? null,
        payeeCategory: v.payeeCategory,
        amount: fen(v.amountYuan),
        paidAt: at(v.day),
        description: v.description || undefined,
        invoiceId: await uploadPicked(scope, v.invoice),
      })}
    />
  );
}
