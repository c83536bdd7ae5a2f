import { useState } from 'react';
import {
  App,
  Button,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Progress,
  Row,
  Select,
  Switch,
  Table,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import type { Campaign } from '../../api/fundraising';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatMoney, yuanToFen } from '../../lib/money';
import { amountRule } from '../../components/amountRule';
import { ContactPicker } from '../../components/ContactPicker';
import { QueryError } from '../../components/QueryError';
import { applyFieldErrors, errorMessage } from '../../components/errors';

export interface MatchingFund {
  id: number;
  sponsorName: string;
  giftId: number;
  ratio: { numerator: number; denominator: number };
  cap: number;
  matched: number;
  remaining: number;
  perDonorCap: number | null;
  perDayCap: number | null;
  startsAt: string | null;
  endsAt: string | null;
  active: boolean;
}

interface FundForm {
  sponsorContactId: number;
  sponsorName: string;
  capYuan: string;
  ratio: string;
  perDonorYuan?: string;
  perDayYuan?: string;
  period?: [Dayjs | null, Dayjs | null];
  receivedAt: Dayjs;
  channel: string;
  paymentReference?: string;
}

// Donor : sponsor, as Chinese giving pages say it.
const ratios: Record<string, { numerator: number; denominator: number }> = {
  '1:1': { numerator: 1, denominator: 1 },
  '2:1': { numerator: 1, denominator: 2 },
  '1:2': { numerator: 2, denominator: 1 },
};

/** Matching funds (配捐) of a campaign: how much each sponsor pledged, matched and has left. */
export function MatchingTab({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FundForm>();
  const key = ['matching-funds', scope.org.slug, campaign.id];
  const funds = useQuery({
    queryKey: key,
    queryFn: () => api.get<MatchingFund[]>(scope.path(`/campaigns/${campaign.id}/matching-funds`)),
    refetchInterval: 15_000,
  });
  const canWrite = scope.can('campaigns:write') && scope.can('gifts:write');
  const m = (fen: number | null) => (fen === null ? '—' : formatMoney(fen, campaign.currency));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: ['campaign-totals', scope.org.slug, campaign.id] });
  };
  const create = useMutation({
    mutationFn: (v: FundForm) => {
      const [start, end] = v.period ?? [null, null];
      return api.post<MatchingFund>(scope.path(`/campaigns/${campaign.id}/matching-funds`), {
        sponsorContactId: v.sponsorContactId,
        sponsorName: v.sponsorName,
        cap: yuanToFen(v.capYuan),
        ratio: ratios[v.ratio],
        perDonorCap: v.perDonorYuan ? yuanToFen(v.perDonorYuan) : null,
        perDayCap: v.perDayYuan ? yuanToFen(v.perDayYuan) : null,
        startsAt: start ? start.startOf('day').toISOString() : null,
        endsAt: end ? end.endOf('day').toISOString() : null,
        receivedAt: v.receivedAt.hour(12).toISOString(),
        channel: v.channel,
        paymentReference: v.paymentReference || null,
      });
    },
    onSuccess: () => {
      refresh();
      message.success(t('matching.created'));
      setOpen(false);
      form.resetFields();
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });
  const toggle = useMutation({
    mutationFn: (f: MatchingFund) =>
      api.patch(scope.path(`/campaigns/${campaign.id}/matching-funds/${f.id}`), { active: !f.active }),
    onSuccess: refresh,
    onError: (error) => message.error(errorMessage(error)),
  });

  return (
    <>
      <Typography.Paragraph type="secondary">{t('matching.help')}</Typography.Paragraph>
      {canWrite && campaign.status !== 'closed' && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
          {t('matching.create')}
        </Button>
      )}
      {funds.isError && <QueryError error={funds.error} retry={() => void funds.refetch()} />}
      <Table<MatchingFund>
        rowKey="id"
        loading={funds.isPending}
        dataSource={funds.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty description={t('matching.empty')} /> }}
        columns={[
          { title: t('matching.sponsor'), dataIndex: 'sponsorName' },
          {
            title: t('matching.ratio'),
            render: (_: unknown, f) => `${f.ratio.denominator}:${f.ratio.numerator}`,
          },
          {
            title: t('matching.progress'),
            render: (_: unknown, f) => (
              <>
                <Progress percent={Math.floor((f.matched / f.cap) * 100)} size="small" />
                {t('matching.matchedOf', { matched: m(f.matched), cap: m(f.cap) })}
              </>
            ),
          },
          { title: t('matching.perDonor'), render: (_: unknown, f) => m(f.perDonorCap) },
          { title: t('matching.perDay'), render: (_: unknown, f) => m(f.perDayCap) },
          {
            title: t('matching.active'),
            render: (_: unknown, f) => (
              <Switch
                checked={f.active}
                disabled={!canWrite}
                loading={toggle.isPending}
                onChange={() => toggle.mutate(f)}
              />
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('matching.create')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        okText={t('common.save')}
        width={640}
        destroyOnClose
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => create.mutate(v)}
          initialValues={{ ratio: '1:1', channel: 'bank_transfer', receivedAt: dayjs() }}
        >
          <Form.Item
            name="sponsorContactId"
            label={t('matching.sponsorContact')}
            extra={t('matching.sponsorContactHelp')}
            rules={[{ required: true }]}
          >
            <ContactPicker />
          </Form.Item>
          <Form.Item
            name="sponsorName"
            label={t('matching.sponsorName')}
            extra={t('matching.sponsorNameHelp')}
            rules={[{ required: true, max: 100 }]}
          >
            <Input />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="capYuan" label={t('matching.capYuan')} rules={[{ required: true }, amountRule(t)]}>
                <Input inputMode="decimal" prefix="¥" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="ratio" label={t('matching.ratio')} extra={t('matching.ratioHelp')}>
                <Select
                  options={Object.keys(ratios).map((r) => ({
                    value: r,
                    label: t(`matching.ratio.${r}` as 'matching.ratio.1:1'),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="perDonorYuan" label={t('matching.perDonorYuan')} rules={[amountRule(t)]}>
                <Input inputMode="decimal" prefix="¥" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="perDayYuan" label={t('matching.perDayYuan')} rules={[amountRule(t)]}>
                <Input inputMode="decimal" prefix="¥" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="period" label={t('matching.period')} extra={t('matching.periodHelp')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="receivedAt" label={t('matching.receivedAt')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="paymentReference" label={t('matching.reference')}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="channel" hidden>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
