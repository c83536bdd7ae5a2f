import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, Space, Tabs } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useFormDef, type FormDef } from '../../api/forms';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { PageTitle } from '../../components/PageTitle';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { errorMessage } from '../../components/errors';
import { useFormMutation } from '../../components/useFormMutation';
import { FormEditor } from './FormEditor';
import { FormStatusTag } from './FormStatusTag';
import { ResponsesTab } from './ResponsesTab';
import { ShareTab } from './ShareTab';
import { formBody, formValuesOf, newFormValues, type FormValues } from './formValues';

/** A form: its questions and settings, publishing, sharing and the responses. `new` makes one. */
export default function FormPage() {
  const { formId } = useParams();
  const isNew = formId === 'new';
  const id = isNew ? undefined : Number(formId);
  const t = useT();
  const scope = useOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [tab, setTab] = useState('design');
  const loaded = useFormDef(id);
  const f = loaded.data;
  const initial = useMemo(() => (f ? formValuesOf(f) : newFormValues), [f]);
  const canWrite = scope.can('forms:write');

  const remember = (saved: FormDef) => {
    queryClient.setQueryData(['form', scope.org.slug, saved.id], saved);
    void queryClient.invalidateQueries({ queryKey: ['forms', scope.org.slug] });
    if (isNew) navigate(`../${saved.id}`, { relative: 'path', replace: true });
  };
  // Publishing saves first, so what goes public is what is on screen; a new form is kept even if opening fails.
  const save = useFormMutation(
    form,
    async ({ values, thenOpen }: { values: FormValues; thenOpen: boolean }) => {
      const body = formBody(values);
      const saved = id
        ? await api.patch<FormDef>(scope.path(`/forms/${id}`), body)
        : await api.post<FormDef>(scope.path('/forms'), body);
      remember(saved);
      return thenOpen ? api.post<FormDef>(scope.path(`/forms/${saved.id}/open`)) : saved;
    },
    (saved) => {
      remember(saved);
      const before = f?.status ?? 'draft';
      message.success(saved.status === before ? t('common.saved') : t(`forms.became.${saved.status}`));
      if (saved.status === 'open' && before !== 'open') setTab('share');
    },
  );
  const submit = async (thenOpen: boolean) => {
    try {
      await form.validateFields();
    } catch {
      setTab('design');
      message.error(t('forms.fixFields'));
      return;
    }
    // What the server refuses is marked on the questions, so they are put in view.
    save.mutate({ values: form.getFieldsValue(true) as FormValues, thenOpen }, { onError: () => setTab('design') });
  };

  if (!isNew && loaded.isPending) return <PageSpinner />;
  if (loaded.isError) return <QueryError error={loaded.error} retry={() => void loaded.refetch()} />;

  const status = f?.status ?? 'draft';
  const close = () =>
    modal.confirm({
      title: t('forms.closeConfirm'),
      content: t('forms.closeHelp'),
      okText: t('forms.close'),
      onOk: () =>
        api
          .post<FormDef>(scope.path(`/forms/${id}/close`))
          .then((saved) => {
            remember(saved);
            message.success(t('forms.became.closed'));
          })
          .catch((error: unknown) => message.error(errorMessage(error))),
    });
  const actions = canWrite && (
    <Space wrap>
      <Button onClick={() => void submit(false)} loading={save.isPending}>
        {t('common.save')}
      </Button>
      {status !== 'open' && (
        <Button type="primary" onClick={() => void submit(true)} loading={save.isPending}>
          {status === 'closed' ? t('forms.reopen') : t('forms.open')}
        </Button>
      )}
      {status === 'open' && <Button onClick={close}>{t('forms.close')}</Button>}
      {f && status !== 'draft' && (
        <Button href={f.publicUrl} target="_blank">
          {t('forms.openPage')}
        </Button>
      )}
    </Space>
  );
  const editor = (
    <>
      {status === 'open' && (
        <Alert type="info" showIcon message={t('forms.liveEditHelp')} style={{ marginBottom: 12 }} />
      )}
      <FormEditor form={form} initial={initial} published={status !== 'draft'} disabled={!canWrite} />
    </>
  );

  return (
    <>
      <PageTitle
        title={
          <Space>
            {f ? f.title : t('forms.create')}
            {f && <FormStatusTag status={f.status} accepting={f.accepting} />}
          </Space>
        }
        extra={actions}
      />
      {/* One tree for new and saved forms, so the editor is not remounted when the first save lands. */}
      <Tabs
        activeKey={f ? tab : 'design'}
        onChange={setTab}
        items={[
          { key: 'design', label: t('forms.tab.design'), children: editor, forceRender: true },
          ...(f
            ? [
                { key: 'share', label: t('forms.tab.share'), children: <ShareTab form={f} /> },
                {
                  key: 'responses',
                  label: t('forms.tab.responses', { count: f.responseCount }),
                  children: <ResponsesTab form={f} />,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
