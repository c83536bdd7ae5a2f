import { Alert, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useProjects } from '../api/projects';
import { useT } from '../i18n';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { PageSpinner } from '../components/PageSpinner';
import { AllocationsTab } from './flows/AllocationsTab';
import { DeliveriesTab } from './flows/DeliveriesTab';
import { ExpensesTab } from './flows/ExpensesTab';
import { GoodsTab } from './flows/GoodsTab';
import { TransfersTab } from './flows/TransfersTab';

/** 资金与物资: allocations, expenses, transfers, goods and deliveries, each row with its tracking code. */
export default function Flows() {
  const t = useT();
  const projects = useProjects();
  const [params, setParams] = useSearchParams();
  if (projects.isPending) return <PageSpinner />;
  if (projects.isError) return <QueryError error={projects.error} retry={() => void projects.refetch()} />;
  const list = projects.data;
  return (
    <>
      <PageTitle title={t('flows.title')} />
      {list.length === 0 && <Alert type="info" showIcon message={t('flows.noProjects')} style={{ marginBottom: 12 }} />}
      <Tabs
        activeKey={params.get('tab') ?? 'allocations'}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={[
          { key: 'allocations', label: t('flows.tab.allocations'), children: <AllocationsTab projects={list} /> },
          { key: 'expenses', label: t('flows.tab.expenses'), children: <ExpensesTab projects={list} /> },
          { key: 'transfers', label: t('flows.tab.transfers'), children: <TransfersTab projects={list} /> },
          { key: 'goods', label: t('flows.tab.goods'), children: <GoodsTab projects={list} /> },
          { key: 'deliveries', label: t('flows.tab.deliveries'), children: <DeliveriesTab projects={list} /> },
        ]}
      />
    </>
  );
}
