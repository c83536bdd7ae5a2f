import { useEffect } from 'react';
import { App, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { MAX_SHIFT_MINUTES } from '../../api/enums';
import type { Signup } from '../../api/volunteers';
import { useI18n } from '../../i18n';
import { useOrg } from '../../lib/org';
import { shiftTimeText, splitMinutes, toMinutes } from '../../lib/volunteering';
import { errorHeadline } from '../../components/errors';
import { useRosterRefresh } from './SignupActions';

interface HoursValues {
  hours: number | null;
  minutes: number | null;
  note?: string;
}

/** What to offer: the hours already logged, else the shift's length. */
const suggested = (s: Signup) =>
  s.minutes ?? Math.round((new Date(s.shiftEndsAt).getTime() - new Date(s.shiftStartsAt).getTime()) / 60_000);

/** 登记时长: the hours served, typed as hours and minutes and sent as whole minutes. */
export function HoursModal({ signup, onClose }: { signup: Signup | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const scope = useOrg();
  const { message } = App.useApp();
  const [form] = Form.useForm<HoursValues>();
  const refresh = useRosterRefresh(signup?.opportunityId ?? 0);
  useEffect(() => {
    if (!signup) return;
    const { hours, minutes } = splitMinutes(Math.min(suggested(signup), MAX_SHIFT_MINUTES));
    form.setFieldsValue({ hours, minutes, note: signup.note });
  }, [form, signup]);
  const save = useMutation({
    mutationFn: (v: HoursValues) =>
      api.post<Signup>(scope.path(`/volunteers/signups/${signup!.id}/hours`), {
        minutes: toMinutes(v.hours, v.minutes),
        note: v.note?.trim() ?? '',
      }),
    onSuccess: (saved) => {
      refresh([saved]);
      message.success(t('volunteers.done.hours', { name: saved.contactName }));
      onClose();
    },
    onError: (error) => {
      // The server speaks of minutes; the hours-and-minutes pair is where it is shown.
      const minutes = error instanceof ApiError ? error.fields.find((f) => f.path === 'body.minutes') : undefined;
      if (minutes) form.setFields([{ name: 'hours', errors: [minutes.message] }]);
      message.error(errorHeadline(error));
    },
  });
  const total = toMinutes(Form.useWatch('hours', form), Form.useWatch('minutes', form));

  return (
    <Modal
      open={signup !== null}
      title={t('volunteers.hours.title', { name: signup?.contactName ?? '' })}
      okText={t('common.save')}
      onOk={() => void form.validateFields().then((v) => total <= MAX_SHIFT_MINUTES && save.mutate(v))}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnClose
    >
      {signup && (
        <Typography.Paragraph type="secondary">
          {[signup.shiftTitle, shiftTimeText(signup.shiftStartsAt, signup.shiftEndsAt, scope.org.timezone, locale)]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          label={t('volunteers.hours.served')}
          required
          extra={t('volunteers.hours.help')}
          help={total > MAX_SHIFT_MINUTES ? t('volunteers.hours.tooMany') : undefined}
          validateStatus={total > MAX_SHIFT_MINUTES ? 'error' : undefined}
        >
          <Space wrap>
            {(
              [
                ['hours', 24, 'h', 'hoursLabel'],
                ['minutes', 59, 'm', 'minutesLabel'],
              ] as const
            ).map(([name, max, unit, label]) => (
              <Form.Item key={name} name={name} noStyle>
                <InputNumber
                  min={0}
                  max={max}
                  precision={0}
                  addonAfter={t(`volunteers.hours.${unit}`)}
                  aria-label={t(`volunteers.hours.${label}`)}
                  style={{ width: 130 }}
                />
              </Form.Item>
            ))}
          </Space>
        </Form.Item>
        <Form.Item name="note" label={t('volunteers.hours.note')}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('volunteers.hours.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
