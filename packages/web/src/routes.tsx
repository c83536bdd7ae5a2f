import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Result, Button } from 'antd';
import { PageSpinner } from './components/PageSpinner';
import { useSession } from './lib/session';
import { useT } from './i18n';
import { errorMessage } from './components/errors';
import { OrgLayout } from './components/OrgLayout';

const SignIn = lazy(() => import('./pages/SignIn'));
const Setup = lazy(() => import('./pages/Setup'));
const AcceptInvitation = lazy(() => import('./pages/AcceptInvitation'));
const Home = lazy(() => import('./pages/Home'));
const Contacts = lazy(() => import('./pages/Contacts'));
const ContactPage = lazy(() => import('./pages/contact/ContactPage'));
const ImportWizard = lazy(() => import('./pages/ImportWizard'));
const Duplicates = lazy(() => import('./pages/Duplicates'));
const Segments = lazy(() => import('./pages/Segments'));
const Reports = lazy(() => import('./pages/Reports'));
const Members = lazy(() => import('./pages/Members'));
const Audit = lazy(() => import('./pages/Audit'));
const CustomFields = lazy(() => import('./pages/CustomFields'));
const Projects = lazy(() => import('./pages/Projects'));
const Flows = lazy(() => import('./pages/Flows'));
const Campaigns = lazy(() => import('./pages/Campaigns'));
const CampaignPage = lazy(() => import('./pages/campaign/CampaignPage'));
const BankTransfers = lazy(() => import('./pages/BankTransfers'));
const MonthlyGifts = lazy(() => import('./pages/MonthlyGifts'));
const Pledges = lazy(() => import('./pages/Pledges'));
const Partnerships = lazy(() => import('./pages/Partnerships'));
const PaymentSettings = lazy(() => import('./pages/PaymentSettings'));
const Forms = lazy(() => import('./pages/Forms'));
const FormPage = lazy(() => import('./pages/forms/FormPage'));
const Mailings = lazy(() => import('./pages/Mailings'));
const MailingPage = lazy(() => import('./pages/mailings/MailingPage'));
const Sms = lazy(() => import('./pages/Sms'));
const SmsSendPage = lazy(() => import('./pages/sms/SmsSendPage'));
const Volunteers = lazy(() => import('./pages/Volunteers'));
const OpportunityPage = lazy(() => import('./pages/volunteers/OpportunityPage'));

/** Pages that need a signed-in user: otherwise off to sign-in, and back here afterwards. */
function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const t = useT();
  if (session.isPending) return <PageSpinner />;
  if (session.isError)
    return (
      <Result
        status="warning"
        title={t('error.serverUnreachable')}
        subTitle={errorMessage(session.error)}
        extra={<Button onClick={() => session.refetch()}>{t('common.retry')}</Button>}
      />
    );
  if (!session.data)
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

function FirstOrg() {
  const session = useSession();
  const t = useT();
  const first = session.data?.memberships[0];
  if (!first) return <Result status="info" title={t('org.none')} subTitle={t('org.noneHelp')} />;
  return <Navigate to={`/o/${first.org.slug}`} replace />;
}

function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('error.pageNotFound')}
      extra={<Button href="/admin/">{t('common.backHome')}</Button>}
    />
  );
}

export function AppRoutes() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Routes>
        <Route path="/sign-in" element={<SignIn />} />
        <Route path="/setup" element={<Setup />} />
        <Route path="/invitation/:token" element={<AcceptInvitation />} />
        <Route
          path="/"
          element={
            <RequireSession>
              <FirstOrg />
            </RequireSession>
          }
        />
        <Route
          path="/o/:org"
          element={
            <RequireSession>
              <OrgLayout />
            </RequireSession>
          }
        >
          <Route index element={<Home />} />
          <Route path="contacts" element={<Contacts />} />
          <Route path="contacts/:id" element={<ContactPage />} />
          <Route path="imports" element={<ImportWizard />} />
          <Route path="duplicates" element={<Duplicates />} />
          <Route path="segments" element={<Segments />} />
          <Route path="reports" element={<Reports />} />
          <Route path="campaigns" element={<Campaigns />} />
          <Route path="campaigns/:id" element={<CampaignPage />} />
          <Route path="bank-transfers" element={<BankTransfers />} />
          <Route path="monthly-gifts" element={<MonthlyGifts />} />
          <Route path="pledges" element={<Pledges />} />
          <Route path="partnerships" element={<Partnerships />} />
          <Route path="payment-settings" element={<PaymentSettings />} />
          <Route path="forms" element={<Forms />} />
          <Route path="forms/:formId" element={<FormPage />} />
          <Route path="mailings" element={<Mailings />} />
          <Route path="mailings/:mailingId" element={<MailingPage />} />
          <Route path="sms" element={<Sms />} />
          <Route path="sms/:sendId" element={<SmsSendPage />} />
          <Route path="volunteers" element={<Volunteers />} />
          <Route path="volunteers/:opportunityId" element={<OpportunityPage />} />
          <Route path="projects" element={<Projects />} />
          <Route path="flows" element={<Flows />} />
          <Route path="members" element={<Members />} />
          <Route path="audit" element={<Audit />} />
          <Route path="custom-fields" element={<CustomFields />} />
          <Route path="*" element={<NotFound />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
