import { Card, Form, Input, InputNumber, Radio, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { GoodsMovement, Project, StockLine } from '../../api/flows';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDate } from '../../lib/dates';
import { formatMoney, yuanToFen } from '../../lib/money';
import { FlowTab, projectColumn } from './FlowTab';
import { at, DateField, ProjectField } from './fields';

interface Values {
  direction: 'in' | 'out';
  item: string;
  unit: string;
  quantity: number;
  valueYuan: string;
  store: string;
  projectId?: number;
  day: Dayjs;
}

function Stock() {
  const t = useT();
  const scope = useOrg();
  const stock = useQuery({
    queryKey: ['flows', scope.org.slug, 'stock'],
    queryFn: () => api.get<StockLine[]>(scope.path('/goods/stock')),
  });
  return (
    <Card size="small" title={t('goods.stock')} style={{ marginBottom: 12 }}>
      <Table<StockLine>
        rowKey={(s) => `${s.store}|${s.item}|${s.unit}|${s.currency}`}
        size="small"
        pagination={false}
        loading={stock.isPending}
        dataSource={(stock.data ?? []).filter((s) => s.quantity !== 0)}
        locale={{ emptyText: t('goods.stockEmpty') }}
        columns={[
          { title: t('goods.store'), dataIndex: 'store' },
          { title: t('goods.item'), dataIndex: 'item' },
          {
            title: t('goods.quantity'),
            dataIndex: 'quantity',
            align: 'right',
            render: (q: number, s) => `${q} ${s.unit}`,
          },
          {
            title: t('goods.value'),
            dataIndex: 'value',
            align: 'right',
            render: (v: number, s) => formatMoney(v, s.currency),
          },
        ]}
      />
    </Card>
  );
}

/** 物资: in-kind goods into and out of stores; stock never goes below zero. */
export function GoodsTab({ projects }: { projects: Project[] }) {
  const t = useT();
  const scope = useOrg();
  return (
    <FlowTab<GoodsMovement, Values>
      path="/goods"
      projects={projects}
      permission="goods:write"
      recordLabel="goods.record"
      emptyLabel="goods.empty"
      initialValues={{ day: dayjs(), direction: 'in', quantity: 1 }}
      extra={<Stock />}
      columns={[
        { title: t('flows.date'), dataIndex: 'movedAt', render: (v: string) => formatDate(v, scope.org.timezone) },
        {
          title: t('goods.direction'),
          dataIndex: 'direction',
          render: (d: GoodsMovement['direction']) => t(`goods.${d}`),
        },
        { title: t('goods.item'), dataIndex: 'item' },
        {
          title: t('goods.quantity'),
          dataIndex: 'quantity',
          align: 'right',
          render: (q: number, g) => `${q} ${g.unit}`,
        },
        { title: t('goods.store'), dataIndex: 'store' },
        projectColumn(t('flows.project'), projects),
      ]}
      fields={() => (
        <>
          <Form.Item name="direction" label={t('goods.direction')}>
            <Radio.Group
              options={[
                { value: 'in', label: t('goods.in') },
                { value: 'out', label: t('goods.out') },
              ]}
            />
          </Form.Item>
          <Form.Item name="item" label={t('goods.item')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="unit" label={t('goods.unit')} rules={[{ required: true }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="quantity" label={t('goods.quantity')} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="valueYuan" label={t('goods.value')} rules={[{ required: true }]}>
            <Input inputMode="decimal" prefix="¥" />
          </Form.Item>
          <Form.Item name="store" label={t('goods.store')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <ProjectField projects={projects} required={false} />
          <DateField />
        </>
      )}
      toBody={async (v) => ({
        direction: v.direction,
        item: v.item,
        unit: v.unit,
        quantity: v.quantity,
        value: yuanToFen(v.valueYuan) ?? 0,
        store: v.store,
        projectId: v.projectId ?? null,
        movedAt: at(v.day),
      })}
    />
  );
}
