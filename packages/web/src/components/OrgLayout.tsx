import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate, useParams } from 'react-router-dom';
import { Layout, Menu, Select, Segmented, Dropdown, Button, Result, App, Grid, Drawer } from 'antd';
import {
  HomeOutlined,
  TeamOutlined,
  UploadOutlined,
  MergeCellsOutlined,
  FilterOutlined,
  BarChartOutlined,
  UserSwitchOutlined,
  AuditOutlined,
  FormOutlined,
  ProfileOutlined,
  LogoutOutlined,
  UserOutlined,
  MenuOutlined,
  FundOutlined,
  AccountBookOutlined,
  HeartOutlined,
  BankOutlined,
  ApartmentOutlined,
  ScheduleOutlined,
  SyncOutlined,
  WalletOutlined,
  MailOutlined,
  MessageOutlined,
  SmileOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useI18n, type Locale, type MessageKey } from '../i18n';
import { sessionKey, useSession } from '../lib/session';
import { OrgContext, orgScope } from '../lib/org';
import type { Permission } from '../lib/permissions';
import { PageSpinner } from './PageSpinner';
import { errorMessage } from './errors';

interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  needs?: Permission;
}

const nav: NavItem[] = [
  { path: '', label: 'nav.home', icon: <HomeOutlined /> },
  { path: 'contacts', label: 'nav.contacts', icon: <TeamOutlined /> },
  { path: 'imports', label: 'nav.import', icon: <UploadOutlined />, needs: 'contacts:import' },
  { path: 'duplicates', label: 'nav.duplicates', icon: <MergeCellsOutlined />, needs: 'contacts:merge' },
  { path: 'segments', label: 'nav.segments', icon: <FilterOutlined /> },
  { path: 'reports', label: 'nav.reports', icon: <BarChartOutlined /> },
  { path: 'campaigns', label: 'nav.campaigns', icon: <HeartOutlined /> },
  { path: 'forms', label: 'nav.forms', icon: <FormOutlined />, needs: 'forms:read' },
  { path: 'mailings', label: 'nav.mailings', icon: <MailOutlined />, needs: 'email:read' },
  { path: 'sms', label: 'nav.sms', icon: <MessageOutlined />, needs: 'sms:read' },
  { path: 'volunteers', label: 'nav.volunteers', icon: <SmileOutlined />, needs: 'volunteers:read' },
  { path: 'monthly-gifts', label: 'nav.monthly', icon: <SyncOutlined />, needs: 'gifts:read' },
  { path: 'pledges', label: 'nav.pledges', icon: <ScheduleOutlined />, needs: 'gifts:read' },
  { path: 'partnerships', label: 'nav.partnerships', icon: <ApartmentOutlined /> },
  { path: 'bank-transfers', label: 'nav.transfers', icon: <BankOutlined />, needs: 'gifts:read' },
  { path: 'projects', label: 'nav.projects', icon: <FundOutlined /> },
  { path: 'flows', label: 'nav.flows', icon: <AccountBookOutlined /> },
  { path: 'members', label: 'nav.members', icon: <UserSwitchOutlined />, needs: 'members:manage' },
  { path: 'custom-fields', label: 'nav.customFields', icon: <ProfileOutlined />, needs: 'org:manage' },
  { path: 'payment-settings', label: 'nav.paymentSettings', icon: <WalletOutlined />, needs: 'org:manage' },
  { path: 'audit', label: 'nav.audit', icon: <AuditOutlined />, needs: 'audit:read' },
];

// Phones and narrow windows get the navigation in a drawer; the same width as antd's md breakpoint.
const phoneQuery = '(max-width: 767.98px)';

/** The frame of every organization page: navigation, organization switch, language, sign-out. */
export function OrgLayout() {
  const { org: slug } = useParams();
  const session = useSession();
  const { t, locale, setLocale } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [menuOpen, setMenuOpen] = useState(false);
  const membership = session.data?.memberships.find((m) => m.org.slug === slug);
  const scope = useMemo(() => (membership ? orgScope(membership.org, membership.role) : null), [membership]);

  if (!scope || !session.data) {
    return (
      <Result status="404" title={t('org.notMember')} extra={<Button href="/admin/">{t('common.backHome')}</Button>} />
    );
  }
  const base = `/o/${scope.org.slug}`;
  const section = location.pathname.slice(base.length + 1).split('/')[0] ?? '';
  const items = nav
    .filter((n) => !n.needs || scope.can(n.needs))
    .map((n) => ({
      key: n.path,
      icon: n.icon,
      label: <Link to={n.path ? `${base}/${n.path}` : base}>{t(n.label)}</Link>,
    }));
  const signOut = async () => {
    try {
      await api.delete('/session');
    } catch (error) {
      message.error(errorMessage(error));
    }
    queryClient.clear();
    queryClient.setQueryData(sessionKey, null);
    navigate('/sign-in');
  };
  // Before its first effect useBreakpoint knows no sizes; ask the window, so a phone never shows the sider.
  const mobile = screens.md === undefined ? window.matchMedia(phoneQuery).matches : !screens.md;
  const navigation = (
    <>
      <div className="cw-brand">Commonweal</div>
      <Menu theme="dark" mode="inline" selectedKeys={[section]} items={items} onClick={() => setMenuOpen(false)} />
    </>
  );

  return (
    <OrgContext.Provider value={scope}>
      <Layout style={{ minHeight: '100vh' }}>
        {mobile ? (
          <Drawer
            open={menuOpen}
            onClose={() => setMenuOpen(false)}
            placement="left"
            width={220}
            closable={false}
            className="cw-nav-drawer"
          >
            {navigation}
          </Drawer>
        ) : (
          <Layout.Sider width={200} className="cw-sider">
            {navigation}
          </Layout.Sider>
        )}
        <Layout>
          <Layout.Header className="cw-header">
            {mobile && <Button icon={<MenuOutlined />} aria-label={t('nav.menu')} onClick={() => setMenuOpen(true)} />}
            <Select
              value={scope.org.slug}
              style={{ minWidth: 160, maxWidth: 280 }}
              variant="borderless"
              aria-label={t('org.switch')}
              onChange={(next: string) => navigate(`/o/${next}`)}
              options={session.data.memberships.map((m) => ({ value: m.org.slug, label: m.org.name }))}
            />
            <div style={{ flex: 1 }} />
            <Segmented<Locale>
              size="small"
              value={locale}
              onChange={setLocale}
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Dropdown
              menu={{
                items: [
                  { key: 'role', label: `${session.data.user.email} · ${t(`role.${scope.role}`)}`, disabled: true },
                  { key: 'signout', icon: <LogoutOutlined />, label: t('auth.signOut'), onClick: () => void signOut() },
                ],
              }}
            >
              <Button type="text" icon={<UserOutlined />}>
                {mobile ? null : session.data.user.name}
              </Button>
            </Dropdown>
          </Layout.Header>
          <Layout.Content className="cw-content">
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </OrgContext.Provider>
  );
}
