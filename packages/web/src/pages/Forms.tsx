import { Button, Empty, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useForms, type FormListItem } from '../api/forms';
import { useT } from '../i18n';
import { useOrg } from '../lib/org';
import { formatDate } from '../lib/dates';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { FormStatusTag } from './forms/FormStatusTag';

/** Sign-up forms and surveys: each answer goes into the supporter database. */
export default function Forms() {
  const t = useT();
  const scope = useOrg();
  const navigate = useNavigate();
  const forms = useForms();
  const canWrite = scope.can('forms:write');

  return (
    <>
      <PageTitle
        title={t('forms.title')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('new')}>
              {t('forms.create')}
            </Button>
          )
        }
      />
      {forms.isError && <QueryError error={forms.error} retry={() => void forms.refetch()} />}
      <Table<FormListItem>
        rowKey="id"
        loading={forms.isPending}
        dataSource={forms.data ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{
          emptyText: (
            <Empty
              description={
                <Typography.Paragraph style={{ maxWidth: 480, margin: '0 auto' }}>
                  {canWrite ? t('forms.empty') : t('forms.emptyReadOnly')}
                </Typography.Paragraph>
              }
            >
              {canWrite && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('new')}>
                  {t('forms.create')}
                </Button>
              )}
            </Empty>
          ),
        }}
        columns={[
          {
            title: t('forms.name'),
            render: (_: unknown, f) => <Link to={String(f.id)}>{f.title}</Link>,
          },
          {
            title: t('forms.status'),
            render: (_: unknown, f) => <FormStatusTag status={f.status} accepting={f.accepting} />,
          },
          { title: t('forms.responseCount'), dataIndex: 'responseCount', align: 'right' },
          {
            title: t('forms.publicLink'),
            render: (_: unknown, f) =>
              f.status === 'draft' ? (
                <Tag>{t('forms.notPublic')}</Tag>
              ) : (
                <a href={f.publicUrl} target="_blank" rel="noreferrer">
                  {`${window.location.origin}${f.publicUrl}`}
                </a>
              ),
          },
          {
            title: t('forms.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDate(v, scope.org.timezone),
          },
        ]}
      />
    </>
  );
}
