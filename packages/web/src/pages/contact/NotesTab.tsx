import { App, Button, Form, Input, List, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Contact, Note } from '../../api/contacts';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { formatDateTime } from '../../lib/dates';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { QueryError } from '../../components/QueryError';

/** Staff notes about the contact, newest first. */
export function NotesTab({ contact }: { contact: Contact }) {
  const t = useT();
  const scope = useOrg();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const key = ['notes', scope.org.slug, contact.id];
  const base = scope.path(`/contacts/${contact.id}/notes`);
  const notes = useQuery({ queryKey: key, queryFn: () => api.get<Note[]>(base) });
  const add = useMutation({
    mutationFn: (v: { body: string }) => api.post<Note>(base, v),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: ['timeline', scope.org.slug, contact.id] });
      form.resetFields();
    },
    onError: (error) => {
      applyFieldErrors(form, error);
      message.error(errorMessage(error));
    },
  });
  return (
    <>
      {notes.isError && <QueryError error={notes.error} retry={() => void notes.refetch()} />}
      {scope.can('contacts:write') && !contact.erasedAt && (
        <Form form={form} onFinish={(v) => add.mutate(v)} style={{ marginBottom: 16 }}>
          <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('notes.required') }]}>
            <Input.TextArea rows={3} maxLength={10_000} placeholder={t('notes.placeholder')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('notes.add')}
          </Button>
        </Form>
      )}
      <List<Note>
        loading={notes.isPending}
        dataSource={notes.data ?? []}
        locale={{ emptyText: t('notes.empty') }}
        renderItem={(n) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Typography.Text type="secondary">{`${n.authorName ?? t('common.unknown')} · ${formatDateTime(n.createdAt, scope.org.timezone)}`}</Typography.Text>
              }
              description={
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, color: 'inherit' }}>
                  {n.body}
                </Typography.Paragraph>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
