import { useState } from 'react';
import { Alert, Form, List, Modal, Select, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { api } from '../../api/client';
import type { TestResult } from '../../api/mailings';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { useSession } from '../../lib/session';
import { errorMessage } from '../../components/errors';

interface Props {
  mailingId: number;
  open: boolean;
  onClose(): void;
  /** Saves what is on screen first, so the test shows it; false when it could not be saved. */
  beforeSend(): Promise<boolean>;
}

/** A copy to up to five addresses (usually one's own), to see the email in a real inbox before it goes out. */
export function TestSendModal({ mailingId, open, onClose, beforeSend }: Props) {
  const t = useT();
  const scope = useOrg();
  const session = useSession();
  const [form] = Form.useForm<{ emails: string[] }>();
  const [sending, setSending] = useState(false);
  const [results, setResults] = useState<TestResult['results'] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const send = async ({ emails }: { emails: string[] }) => {
    setSending(true);
    setResults(null);
    setFailure(null);
    try {
      if (!(await beforeSend())) return;
      const answer = await api.post<TestResult>(scope.path(`/mailings/${mailingId}/test`), {
        emails: emails.map((e) => e.trim()),
      });
      setResults(answer.results);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSending(false);
    }
  };
  const close = () => {
    setResults(null);
    setFailure(null);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('mailings.test.title')}
      okText={t('mailings.test.send')}
      cancelText={t('mailings.test.close')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={sending}
      destroyOnClose
    >
      <Typography.Paragraph type="secondary">{t('mailings.test.help')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ emails: session.data ? [session.data.user.email] : [] }}
        onFinish={(v) => void send(v)}
      >
        <Form.Item
          name="emails"
          label={t('mailings.test.emails')}
          extra={t('mailings.test.emailsHelp')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('mailings.test.emailsRequired') },
            { type: 'array', max: 5, message: t('mailings.test.emailsMax') },
            { type: 'array', defaultField: { type: 'email', message: t('mailings.emailRule') } },
          ]}
        >
          <Select mode="tags" tokenSeparators={[',', '，', ' ', ';', '；']} open={false} suffixIcon={null} />
        </Form.Item>
      </Form>
      {failure && <Alert type="error" showIcon message={failure} />}
      {results && (
        <List
          size="small"
          header={t('mailings.test.results')}
          dataSource={results}
          renderItem={(r) => (
            <List.Item>
              <List.Item.Meta
                avatar={
                  r.status === 'sent' ? (
                    <CheckCircleTwoTone twoToneColor="#52c41a" />
                  ) : (
                    <CloseCircleTwoTone twoToneColor="#ff4d4f" />
                  )
                }
                title={r.email}
                description={
                  r.status === 'sent' ? t('mailings.test.sent') : `${t('mailings.test.failed')}${r.error ?? ''}`
                }
              />
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
