import { useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Space,
  Table,
  Typography,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { opportunitiesKey, opportunityKey, type Opportunity, type Shift } from '../../api/volunteers';
import { useI18n } from '../../i18n';
import { useOrg } from '../../lib/org';
import { shiftTimeText } from '../../lib/volunteering';
import { applyFieldErrors, errorHeadline, errorMessage } from '../../components/errors';
import { shiftBody, shiftFieldPath, shiftValuesOf, type ShiftValues } from './opportunityValues';

const NEW = -1;

/** The server's problems with a shift, renamed to the row's inputs (its two times are one range picker). */
const onRow = (error: unknown) =>
  error instanceof ApiError
    ? new ApiError(
        error.status,
        error.code,
        error.message,
        error.fields.map((f) => ({ ...f, path: shiftFieldPath(f.path) })),
      )
    : error;

/**
 * The shifts (班次), edited in their rows: times, places (empty for 不限), a place of their own. A shift
 * someone holds a place on cannot be deleted, nor its places cut below theirs; the server says so at the row.
 */
export function ShiftsCard({ opportunity, problem }: { opportunity?: Opportunity; problem?: string }) {
  const { t, locale } = useI18n();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ShiftValues>();
  const [editing, setEditing] = useState<number | null>(null);
  // A refusal with no field to point at (deleting a shift people hold places on) is said on its row.
  const [refused, setRefused] = useState<{ id: number; text: string } | null>(null);
  const canWrite = scope.can('volunteers:write');
  const tz = scope.org.timezone;

  const saved = (o: Opportunity) => {
    queryClient.setQueryData(opportunityKey(scope.org.slug, o.id), o);
    void queryClient.invalidateQueries({ queryKey: opportunitiesKey(scope.org.slug) });
  };
  const base = opportunity ? scope.path(`/volunteers/opportunities/${opportunity.id}/shifts`) : '';
  const save = useMutation({
    mutationFn: (values: ShiftValues) =>
      editing === NEW
        ? api.post<Opportunity>(base, shiftBody(values))
        : api.patch<Opportunity>(`${base}/${editing}`, shiftBody(values)),
    onSuccess: (o) => {
      saved(o);
      setEditing(null);
      message.success(t('common.saved'));
    },
    onError: (error) => {
      const unmatched = applyFieldErrors(form, onRow(error));
      message.error(unmatched.length ? errorMessage(error) : errorHeadline(error));
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete<Opportunity>(`${base}/${id}`),
    onSuccess: saved,
    onError: (error, id) => setRefused({ id, text: errorMessage(error) }),
  });

  if (!opportunity)
    return (
      <Card size="small" title={t('volunteers.shifts')}>
        <Typography.Text type="secondary">{t('volunteers.shiftsAfterSave')}</Typography.Text>
      </Card>
    );

  const edit = (shift: Shift | null) => {
    setRefused(null);
    form.resetFields();
    form.setFieldsValue(shift ? shiftValuesOf(shift) : { title: '', range: undefined, capacity: null, location: null });
    setEditing(shift ? shift.id : NEW);
  };
  const rows: Shift[] = [
    ...opportunity.shifts,
    ...(editing === NEW
      ? [
          {
            id: NEW,
            title: '',
            startsAt: '',
            endsAt: '',
            capacity: null,
            location: null,
            confirmed: 0,
            waitlisted: 0,
            attended: 0,
            placesLeft: null,
          },
        ]
      : []),
  ];
  // A column whose cell is an input on the row being edited, and the saved value on the others.
  const editable = (
    name: keyof ShiftValues,
    width: number,
    input: ReactNode,
    shown: (s: Shift) => ReactNode,
    rules?: { required: boolean; message: string }[],
  ) => ({
    title: t(`volunteers.shift.${name === 'range' ? 'time' : name}`),
    width,
    render: (_: unknown, s: Shift) =>
      s.id === editing ? (
        <Form.Item name={name} style={{ margin: 0 }} rules={rules}>
          {input}
        </Form.Item>
      ) : (
        shown(s)
      ),
  });
  const text = (name: 'title' | 'location', max: number) => (
    <Input
      maxLength={max}
      placeholder={t(`volunteers.shift.${name}Placeholder`)}
      aria-label={t(`volunteers.shift.${name}`)}
    />
  );

  return (
    <Card
      size="small"
      title={t('volunteers.shifts')}
      extra={
        canWrite && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => edit(null)} disabled={editing !== null}>
            {t('volunteers.shift.add')}
          </Button>
        )
      }
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} component={false}>
        <Table<Shift>
          rowKey="id"
          size="small"
          dataSource={rows}
          pagination={false}
          scroll={{ x: 880 }}
          rowClassName={(s) => (s.id === editing ? 'cw-editing-row' : '')}
          locale={{ emptyText: t('volunteers.shift.none') }}
          columns={[
            editable('title', 150, text('title', 100), (s) => s.title || '—'),
            editable(
              'range',
              330,
              <DatePicker.RangePicker
                showTime={{ format: 'HH:mm', minuteStep: 5 }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                placeholder={[t('volunteers.shift.startsAt'), t('volunteers.shift.endsAt')]}
              />,
              (s) => shiftTimeText(s.startsAt, s.endsAt, tz, locale),
              [{ required: true, message: t('volunteers.shift.timeRequired') }],
            ),
            editable(
              'capacity',
              110,
              <InputNumber
                min={1}
                max={100_000}
                precision={0}
                placeholder={t('volunteers.unlimited')}
                aria-label={t('volunteers.shift.capacity')}
                style={{ width: '100%' }}
              />,
              (s) => s.capacity ?? t('volunteers.unlimited'),
            ),
            editable('location', 150, text('location', 200), (s) => s.location || '—'),
            {
              title: t('volunteers.shift.signedUp'),
              width: 90,
              render: (_: unknown, s) =>
                s.id === NEW ? (
                  ''
                ) : (
                  <Space size={4} wrap>
                    <span>{s.confirmed}</span>
                    {s.waitlisted > 0 && (
                      <Typography.Text type="warning">
                        {t('volunteers.waitlistedCount', { count: s.waitlisted })}
                      </Typography.Text>
                    )}
                  </Space>
                ),
            },
            ...(canWrite
              ? [
                  {
                    title: t('volunteers.actions'),
                    width: 150,
                    render: (_: unknown, s: Shift) =>
                      s.id === editing ? (
                        <Space size={4}>
                          <Button
                            size="small"
                            type="primary"
                            loading={save.isPending}
                            onClick={() => void form.validateFields().then((v) => save.mutate(v))}
                          >
                            {t('common.save')}
                          </Button>
                          <Button size="small" onClick={() => setEditing(null)}>
                            {t('volunteers.cancelEdit')}
                          </Button>
                        </Space>
                      ) : (
                        <Space size={4} wrap>
                          <Button
                            size="small"
                            icon={<EditOutlined />}
                            disabled={editing !== null}
                            onClick={() => edit(s)}
                            aria-label={t('volunteers.shift.edit')}
                          />
                          <Popconfirm
                            title={t('volunteers.shift.deleteConfirm')}
                            okButtonProps={{ danger: true }}
                            onConfirm={() => {
                              setRefused(null);
                              remove.mutate(s.id);
                            }}
                          >
                            <Button
                              size="small"
                              danger
                              icon={<DeleteOutlined />}
                              disabled={editing !== null}
                              aria-label={t('volunteers.shift.delete')}
                            />
                          </Popconfirm>
                          {refused?.id === s.id && (
                            <Typography.Text type="danger" className="cw-row-problem">
                              {refused.text}
                            </Typography.Text>
                          )}
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Form>
    </Card>
  );
}
