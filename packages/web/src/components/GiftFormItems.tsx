import { DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../i18n';

/** The channels staff pick from when they record money that arrived. */
export const giftChannels = [
  'bank_transfer',
  'wechat_pay',
  'alipay',
  'cash',
  'tencent_gongyi',
  'alipay_gongyi',
  'other',
] as const;

/** When the money arrived (never a future day) and how: fields `receivedOn` and `channel`. */
export function ReceivedFormItems() {
  const t = useT();
  return (
    <>
      <Form.Item name="receivedOn" label={t('gifts.date')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs().endOf('day'))} />
      </Form.Item>
      <Form.Item name="channel" label={t('gifts.channel')} rules={[{ required: true }]}>
        <Select options={giftChannels.map((c) => ({ value: c, label: t(`gifts.channel.${c}`) }))} />
      </Form.Item>
    </>
  );
}

/** What the money is for: fields `campaign` and `fund`. */
export function CampaignFundFormItems() {
  const t = useT();
  return (
    <>
      <Form.Item name="campaign" label={t('gifts.campaign')}>
        <Input />
      </Form.Item>
      <Form.Item name="fund" label={t('gifts.fund')}>
        <Input />
      </Form.Item>
    </>
  );
}
