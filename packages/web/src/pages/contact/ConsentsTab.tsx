import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Contact } from '../../api/contacts';
import { consentSources, evidenceTypes } from '../../api/enums';
import {
  consentChannels,
  consentPurposes,
  staffEvidenceTypes,
  type ConsentChannel,
  type ConsentInput,
  type ConsentRecord,
  type ConsentState,
  type ConsentStatus,
  type StaffEvidenceType,
} from '../../api/giving';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { QueryError } from '../../components/QueryError';

const known = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);

interface ConsentForm {
  channel: ConsentChannel;
  purpose: string;
  evidenceType: StaffEvidenceType;
  evidenceText: string;
}

/** Current consent per channel and purpose (the latest record wins), the full history as evidence, and grant/withdraw. */
export function ConsentsTab({ contact }: { contact: Contact }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [action, setAction] = useState<{ status: ConsentStatus; channel?: ConsentChannel; purpose?: string } | null>(
    null,
  );
  const [form] = Form.useForm<ConsentForm>();
  const key = ['consents', scope.org.slug, contact.id];
  const records = useQuery({
    queryKey: key,
    queryFn: () => api.get<ConsentState>(scope.path(`/contacts/${contact.id}/consents`)),
  });
  const record = useMutation({
    mutationFn: (input: ConsentInput) => api.post<ConsentRecord>(scope.path(`/contacts/${contact.id}/consents`), input),
    onSuccess: (_r, input) => {
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: ['timeline', scope.org.slug, contact.id] });
      message.success(input.status === 'granted' ? t('consent.grantedDone') : t('consent.withdrawnDone'));
      setAction(null);
      form.resetFields();
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });
  const history = records.data?.history ?? [];
  const current = records.data?.current ?? [];
  const canWrite = scope.can('consent:write') && !contact.erasedAt;
  const open = (status: ConsentStatus, channel?: ConsentChannel, purpose?: string) => {
    setAction({ status, channel, purpose });
    form.setFieldsValue({
      channel: channel ?? 'sms',
      purpose: purpose ?? 'fundraising',
      evidenceType: 'staff_entry',
      evidenceText: '',
    });
  };

  return (
    <>
      {records.isError && <QueryError error={records.error} retry={() => void records.refetch()} />}
      <Typography.Paragraph type="secondary">{t('consent.explain')}</Typography.Paragraph>
      {canWrite && (
        <Button type="primary" onClick={() => open('granted')} style={{ marginBottom: 12 }}>
          {t('consent.record')}
        </Button>
      )}
      <Table<ConsentRecord>
        rowKey="id"
        size="small"
        loading={records.isPending}
        dataSource={current}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('consent.none') }}
        columns={[
          {
            title: t('consent.channel'),
            dataIndex: 'channel',
            render: (c: ConsentChannel) => t(`consent.channel.${c}`),
          },
          {
            title: t('consent.purpose'),
            dataIndex: 'purpose',
            render: (p: string) => (known(consentPurposes, p) ? t(`consent.purpose.${p}`) : p),
          },
          {
            title: t('consent.status'),
            dataIndex: 'status',
            render: (s: ConsentStatus) => (
              <Tag color={s === 'granted' ? 'green' : 'default'}>{t(`consent.status.${s}`)}</Tag>
            ),
          },
          {
            title: t('consent.since'),
            dataIndex: 'recordedAt',
            render: (v: string) => formatDateTime(v, scope.org.timezone),
          },
          {
            title: '',
            key: 'action',
            render: (_v, r) =>
              canWrite && (
                <Button
                  size="small"
                  danger={r.status === 'granted'}
                  onClick={() => open(r.status === 'granted' ? 'withdrawn' : 'granted', r.channel, r.purpose)}
                >
                  {r.status === 'granted' ? t('consent.withdraw') : t('consent.grant')}
                </Button>
              ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('consent.history')}
      </Typography.Title>
      <Table<ConsentRecord>
        rowKey="id"
        size="small"
        dataSource={history}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 860 }}
        columns={[
          {
            title: t('consent.when'),
            dataIndex: 'recordedAt',
            width: 150,
            render: (v: string) => formatDateTime(v, scope.org.timezone),
          },
          {
            title: t('consent.channel'),
            dataIndex: 'channel',
            width: 70,
            render: (c: ConsentChannel) => t(`consent.channel.${c}`),
          },
          {
            title: t('consent.purpose'),
            dataIndex: 'purpose',
            width: 90,
            render: (p: string) => (known(consentPurposes, p) ? t(`consent.purpose.${p}`) : p),
          },
          {
            title: t('consent.status'),
            dataIndex: 'status',
            width: 80,
            render: (s: ConsentStatus) => t(`consent.status.${s}`),
          },
          {
            title: t('consent.source'),
            dataIndex: 'source',
            width: 90,
            render: (v: string) => (known(consentSources, v) ? t(`consent.source.${v}`) : v),
          },
          {
            title: t('consent.evidence'),
            dataIndex: 'evidence',
            render: (e: Record<string, unknown>) =>
              [known(evidenceTypes, e.type) ? t(`consent.evidence.${e.type}`) : e.type, e.text, e.ref]
                .filter(Boolean)
                .map(String)
                .join(' · ') || '—',
          },
        ]}
      />
      <Modal
        open={action !== null}
        title={action?.status === 'withdrawn' ? t('consent.withdrawTitle') : t('consent.grantTitle')}
        okText={action?.status === 'withdrawn' ? t('consent.withdraw') : t('consent.grant')}
        okButtonProps={{ danger: action?.status === 'withdrawn' }}
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        confirmLoading={record.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            action &&
            record.mutate({
              channel: v.channel,
              purpose: v.purpose,
              status: action.status,
              source: 'staff',
              evidence: { type: v.evidenceType, text: v.evidenceText },
            })
          }
        >
          <Form.Item name="channel" label={t('consent.channel')} rules={[{ required: true }]}>
            <Select
              disabled={Boolean(action?.channel)}
              options={consentChannels.map((c) => ({ value: c, label: t(`consent.channel.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="purpose" label={t('consent.purpose')} rules={[{ required: true }]}>
            <Select
              disabled={Boolean(action?.purpose)}
              options={consentPurposes.map((p) => ({ value: p, label: t(`consent.purpose.${p}`) }))}
            />
          </Form.Item>
          <Form.Item name="evidenceType" label={t('consent.evidenceType')} rules={[{ required: true }]}>
            <Select options={staffEvidenceTypes.map((e) => ({ value: e, label: t(`consent.evidence.${e}`) }))} />
          </Form.Item>
          <Form.Item
            name="evidenceText"
            label={t('consent.evidenceText')}
            extra={t('consent.evidenceHelp')}
            rules={[{ required: true, message: t('consent.evidenceRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
