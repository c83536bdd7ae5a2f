import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { api } from '../../api/client';
import type { Opportunity, Signup } from '../../api/volunteers';
import { useI18n } from '../../i18n';
import { useOrg } from '../../lib/org';
import { shiftTimeText } from '../../lib/volunteering';
import { ContactPicker } from '../../components/ContactPicker';
import { useFormMutation } from '../../components/useFormMutation';
import { useRosterRefresh } from './SignupActions';

interface AddValues {
  contactId: number;
  shiftId: number;
  note?: string;
  allowOverCapacity?: boolean;
}

/** 添加志愿者: a contact who signed up by phone or walked in, put on a shift by staff. */
export function AddVolunteerModal({
  opportunity,
  shiftId,
  open,
  onClose,
}: {
  opportunity: Opportunity;
  shiftId?: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const scope = useOrg();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const refresh = useRosterRefresh(opportunity.id);
  const add = useFormMutation(
    form,
    (v: AddValues) =>
      api.post<Signup>(scope.path(`/volunteers/opportunities/${opportunity.id}/signups`), {
        ...v,
        note: v.note?.trim() ?? '',
        allowOverCapacity: v.allowOverCapacity ?? false,
      }),
    (saved) => {
      refresh();
      message.success(
        t(saved.status === 'waitlisted' ? 'volunteers.added.waitlisted' : 'volunteers.added.confirmed', {
          name: saved.contactName,
        }),
      );
      form.resetFields();
      onClose();
    },
  );
  const tz = scope.org.timezone;
  return (
    <Modal
      open={open}
      title={t('volunteers.add')}
      okText={t('volunteers.addOk')}
      onOk={() => void form.validateFields().then((v) => add.mutate(v))}
      confirmLoading={add.isPending}
      onCancel={onClose}
      destroyOnClose
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ shiftId }}>
        <Form.Item
          name="contactId"
          label={t('volunteers.add.contact')}
          rules={[{ required: true, message: t('volunteers.add.contactRequired') }]}
          extra={t('volunteers.add.contactHelp')}
        >
          <ContactPicker />
        </Form.Item>
        <Form.Item
          name="shiftId"
          label={t('volunteers.add.shift')}
          rules={[{ required: true, message: t('volunteers.add.shiftRequired') }]}
        >
          <Select
            options={opportunity.shifts.map((s) => ({
              value: s.id,
              label: [s.title, shiftTimeText(s.startsAt, s.endsAt, tz, locale)].filter(Boolean).join(' · '),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('volunteers.add.note')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="allowOverCapacity" valuePropName="checked" extra={t('volunteers.add.overCapacityHelp')}>
          <Checkbox>{t('volunteers.add.overCapacity')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
