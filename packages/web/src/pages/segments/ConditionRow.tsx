import { Button, DatePicker, Input, InputNumber, Select, Space } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Category, TagWithCount } from '../../api/contacts';
import { consentChannels } from '../../api/giving';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { fenToYuan, yuanToFen } from '../../lib/money';
import { DivisionCascader } from '../../components/DivisionCascader';

/** One condition of a segment definition (see server modules/segments/definition.ts). */
export type Condition = { field: ConditionField } & Record<string, unknown>;
export const conditionFields = [
  'tag',
  'province',
  'category',
  'kind',
  'gifts',
  'giftCount',
  'totalGiven',
  'lastGift',
  'firstGift',
  'consent',
  'created',
] as const;
export type ConditionField = (typeof conditionFields)[number];

const thisYear = new Date().getFullYear();

/** A sensible starting condition when the field changes. */
export function blankCondition(field: ConditionField): Condition {
  switch (field) {
    case 'tag':
      return { field, op: 'has' };
    case 'province':
    case 'category':
      return { field, op: 'in', values: [] };
    case 'kind':
      return { field, op: 'is', value: 'person' };
    case 'gifts':
      return { field, op: 'gave', period: { year: thisYear - 1 } };
    case 'giftCount':
      return { field, op: 'gte', value: 2 };
    case 'totalGiven':
      return { field, op: 'gte', amount: 100_000 };
    case 'lastGift':
    case 'firstGift':
      return { field, op: 'before', date: `${thisYear}-01-01` };
    case 'consent':
      return { field, op: 'granted', channel: 'sms' };
    case 'created':
      return { field, period: { lastDays: 30 } };
  }
}

type PeriodChoice = 'any' | 'year' | 'lastDays';
function PeriodEditor({
  value,
  onChange,
  optional,
}: {
  value: unknown;
  onChange: (p: unknown) => void;
  optional: boolean;
}) {
  const t = useT();
  const p = (value ?? null) as { year?: number; lastDays?: number } | null;
  const choice: PeriodChoice = p?.year !== undefined ? 'year' : p?.lastDays !== undefined ? 'lastDays' : 'any';
  return (
    <Space.Compact>
      <Select<PeriodChoice>
        value={choice}
        style={{ width: 120 }}
        onChange={(c) =>
          onChange(c === 'year' ? { year: thisYear - 1 } : c === 'lastDays' ? { lastDays: 365 } : undefined)
        }
        options={[
          ...(optional ? [{ value: 'any' as const, label: t('seg.period.any') }] : []),
          { value: 'year', label: t('seg.period.year') },
          { value: 'lastDays', label: t('seg.period.lastDays') },
        ]}
      />
      {choice === 'year' && (
        <InputNumber
          min={1900}
          max={2200}
          value={p?.year}
          onChange={(y) => y && onChange({ year: y })}
          style={{ width: 100 }}
        />
      )}
      {choice === 'lastDays' && (
        <InputNumber
          min={1}
          max={36600}
          value={p?.lastDays}
          onChange={(d) => d && onChange({ lastDays: d })}
          addonAfter={t('seg.days')}
          style={{ width: 140 }}
        />
      )}
    </Space.Compact>
  );
}

export function ConditionRow({
  value,
  onChange,
  onRemove,
}: {
  value: Condition;
  onChange: (c: Condition) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const scope = useOrg();
  const tags = useQuery({
    queryKey: ['tags', scope.org.slug],
    queryFn: () => api.get<TagWithCount[]>(scope.path('/tags')),
  });
  const categories = useQuery({
    queryKey: ['categories', scope.org.slug],
    queryFn: () => api.get<Category[]>(scope.path('/categories')),
  });
  const set = (patch: Record<string, unknown>) => onChange({ ...value, ...patch });
  const op = (ops: string[]) => (
    <Select
      value={value.op as string}
      style={{ width: 130 }}
      onChange={(o: string) => set({ op: o })}
      options={ops.map((o) => ({ value: o, label: t(`seg.op.${o}` as Parameters<typeof t>[0]) }))}
    />
  );
  let editor: React.ReactNode = null;
  switch (value.field) {
    case 'tag':
      editor = (
        <>
          {op(['has', 'hasNot'])}
          <Select
            style={{ minWidth: 160 }}
            value={value.tag as number | undefined}
            placeholder={t('contacts.filterTag')}
            onChange={(tag: number) => set({ tag })}
            options={(tags.data ?? []).map((tg) => ({ value: tg.id, label: tg.name }))}
          />
        </>
      );
      break;
    case 'province':
      editor = (
        <>
          {op(['in', 'notIn'])}
          <DivisionCascader
            depth={1}
            value={(value.values as string[])?.slice(0, 1)}
            onChange={(codes) => set({ values: codes.slice(0, 1) })}
            style={{ width: 160 }}
          />
        </>
      );
      break;
    case 'category':
      editor = (
        <>
          {op(['in', 'notIn'])}
          <Select
            mode="tags"
            style={{ minWidth: 180 }}
            value={value.values as string[]}
            onChange={(values: string[]) => set({ values })}
            options={(categories.data ?? []).map((c) => ({ value: c.category, label: c.category }))}
          />
        </>
      );
      break;
    case 'kind':
      editor = (
        <Select
          value={value.value as string}
          style={{ width: 140 }}
          onChange={(v: string) => set({ value: v })}
          options={[
            { value: 'person', label: t('contact.kind.person') },
            { value: 'organization', label: t('contact.kind.organization') },
          ]}
        />
      );
      break;
    case 'gifts':
      editor = (
        <>
          {op(['gave', 'didNotGive'])}
          <PeriodEditor
            optional
            value={value.period}
            onChange={(period) => onChange({ field: 'gifts', op: value.op, ...(period ? { period } : {}) })}
          />
        </>
      );
      break;
    case 'giftCount':
      editor = (
        <>
          {op(['gte', 'lte', 'eq'])}
          <InputNumber min={0} value={value.value as number} onChange={(v) => set({ value: v ?? 0 })} />
        </>
      );
      break;
    case 'totalGiven':
      editor = (
        <>
          {op(['gte', 'lte'])}
          <Input
            prefix="¥"
            style={{ width: 140 }}
            defaultValue={fenToYuan(Number(value.amount ?? 0), false)}
            onChange={(e) => {
              const fen = yuanToFen(e.target.value);
              if (fen !== null) set({ amount: fen });
            }}
          />
        </>
      );
      break;
    case 'lastGift':
    case 'firstGift':
      editor = (
        <>
          {op(['before', 'after'])}
          <DatePicker
            value={value.date ? dayjs(value.date as string) : null}
            onChange={(d) => d && set({ date: d.format('YYYY-MM-DD') })}
          />
        </>
      );
      break;
    case 'consent':
      editor = (
        <>
          {op(['granted', 'notGranted'])}
          <Select
            value={value.channel as string}
            style={{ width: 120 }}
            onChange={(channel: string) => set({ channel })}
            options={consentChannels.map((c) => ({ value: c, label: t(`consent.channel.${c}`) }))}
          />
        </>
      );
      break;
    case 'created':
      editor = <PeriodEditor optional={false} value={value.period} onChange={(period) => set({ period })} />;
      break;
  }
  return (
    <Space wrap style={{ marginBottom: 8 }}>
      <Select<ConditionField>
        value={value.field}
        style={{ width: 150 }}
        onChange={(f) => onChange(blankCondition(f))}
        options={conditionFields.map((f) => ({ value: f, label: t(`seg.field.${f}`) }))}
      />
      {editor}
      <Button icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('common.remove')} />
    </Space>
  );
}
