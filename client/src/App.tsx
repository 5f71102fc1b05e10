import { Suspense, useEffect, type ReactNode } from 'react';
import { useStaffSession } from './api/use-staff-session.ts';
import { AppHeader } from './components/AppHeader.tsx';
import { NotFoundPage } from './components/NotFoundPage.tsx';
import { ResidentJoinPage } from './features/join/ResidentJoinPage.tsx';
import { lazyPage } from './router/lazy-page.ts';
import { isStaffRoute, navigate, parseRoute, usePathname, type Route } from './router/router.ts';

/*
 * Only the invitation landing page is in the first download: a resident's phone fetches nothing it
 * will not show. Every other page, with its message catalogs, loads when first opened; the room
 * pages carry the media stack and the dashboard its chart library.
 */
const HomePage = lazyPage(() => import('./features/home/HomePage.tsx'), 'HomePage');
const DevRoomPage = lazyPage(() => import('./features/dev-room/DevRoomPage.tsx'), 'DevRoomPage', ['call']);
const LoginPage = lazyPage(() => import('./features/auth/LoginPage.tsx'), 'LoginPage', ['staff']);
const CaseListPage = lazyPage(() => import('./features/cases/CaseListPage.tsx'), 'CaseListPage', ['staff', 'application']);
const NewCasePage = lazyPage(() => import('./features/cases/NewCasePage.tsx'), 'NewCasePage', ['staff']);
const CasePage = lazyPage(() => import('./features/cases/CasePage.tsx'), 'CasePage', ['staff', 'agreement', 'confirmation', 'intake', 'application']);
const ResidentRoomPage = lazyPage(() => import('./features/room/ResidentRoomPage.tsx'), 'ResidentRoomPage');
const StaffRoomPage = lazyPage(() => import('./features/room/StaffRoomPage.tsx'), 'StaffRoomPage', ['staff', 'confirmation', 'call']);
const StaffAgreementPage = lazyPage(() => import('./features/agreement/StaffAgreementPage.tsx'), 'StaffAgreementPage', ['staff', 'agreement']);
const ResidentAgreementPage = lazyPage(() => import('./features/agreement/ResidentAgreementPage.tsx'), 'ResidentAgreementPage', ['agreement']);
const ResidentConfirmationPage = lazyPage(() => import('./features/confirmation/ResidentConfirmationPage.tsx'), 'ResidentConfirmationPage', ['confirmation', 'agreement']);
const ConfirmationQueuePage = lazyPage(() => import('./features/confirmation/ConfirmationQueuePage.tsx'), 'ConfirmationQueuePage', ['staff', 'confirmation']);
const ConfirmationReviewPage = lazyPage(() => import('./features/confirmation/ConfirmationReviewPage.tsx'), 'ConfirmationReviewPage', ['staff', 'confirmation', 'agreement']);
const DashboardPage = lazyPage(() => import('./features/dashboard/DashboardPage.tsx'), 'DashboardPage', ['staff', 'dashboard']);
const GridWorkPage = lazyPage(() => import('./features/intake/GridWorkPage.tsx'), 'GridWorkPage', ['staff', 'intake']);
const FieldReportPage = lazyPage(() => import('./features/intake/FieldReportPage.tsx'), 'FieldReportPage', ['staff', 'intake']);
const NewItemPage = lazyPage(() => import('./features/intake/NewItemPage.tsx'), 'NewItemPage', ['staff', 'intake']);
const GridRegistryPage = lazyPage(() => import('./features/intake/GridRegistryPage.tsx'), 'GridRegistryPage', ['staff', 'intake']);
const LedgerPage = lazyPage(() => import('./features/ledger/LedgerPage.tsx'), 'LedgerPage', ['staff', 'ledger']);
const LedgerPrintPage = lazyPage(() => import('./features/ledger/LedgerPrintPage.tsx'), 'LedgerPrintPage', ['staff', 'ledger']);
const FollowUpPage = lazyPage(() => import('./features/follow-up/FollowUpPage.tsx'), 'FollowUpPage', ['staff', 'ledger']);
const SurveyPage = lazyPage(() => import('./features/follow-up/SurveyPage.tsx'), 'SurveyPage', ['survey']);
const DispatchPage = lazyPage(() => import('./features/dispatch/DispatchPage.tsx'), 'DispatchPage', ['staff']);
const GuidedCasesPage = lazyPage(() => import('./features/dispatch/GuidedCasesPage.tsx'), 'GuidedCasesPage', ['staff']);

function page(route: Route): ReactNode {
const ApplyPage = lazyPage(() => import('./features/apply/ApplyPage.tsx'), 'ApplyPage', ['application']);
const ApplyQrPage = lazyPage(() => import('./features/apply/ApplyQrPage.tsx'), 'ApplyQrPage', ['application']);
const ApplicationStatusPage = lazyPage(() => import('./features/apply/ApplicationStatusPage.tsx'), 'ApplicationStatusPage', ['application']);
const RespondentPage = lazyPage(() => import('./features/apply/RespondentPage.tsx'), 'RespondentPage', ['application']);
const MediatorDirectoryPage = lazyPage(() => import('./features/apply/MediatorDirectoryPage.tsx'), 'MediatorDirectoryPage', ['application']);
const MediatorProfilePage = lazyPage(() => import('./features/apply/MediatorProfilePage.tsx'), 'MediatorProfilePage', ['staff', 'application']);
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'dev':
      return <DevRoomPage />;
    case 'login':
      return <LoginPage />;
    case 'cases':
      return <CaseListPage />;
    case 'newCase':
      return <NewCasePage />;
    case 'case':
      // Keyed so moving between cases starts each page fresh.
      return <CasePage key={route.caseId} caseId={route.caseId} />;
    case 'join':
      return <ResidentJoinPage />;
    case 'room':
      return <ResidentRoomPage />;
    case 'caseRoom':
      return <StaffRoomPage key={route.caseId} caseId={route.caseId} />;
    case 'caseAgreement':
      return <StaffAgreementPage key={route.caseId} caseId={route.caseId} />;
    case 'agreement':
      return <ResidentAgreementPage />;
    case 'confirmation':
      return <ResidentConfirmationPage />;
    case 'confirmationQueue':
      return <ConfirmationQueuePage />;
    case 'caseConfirmation':
      return <ConfirmationReviewPage key={route.caseId} caseId={route.caseId} />;
    case 'dashboard':
      return <DashboardPage />;
    case 'grid':
      return <GridWorkPage />;
    case 'gridReport':
      return <FieldReportPage />;
    case 'gridNewItem':
      return <NewItemPage />;
    case 'gridRegistry':
      return <GridRegistryPage />;
    case 'ledger':
      return <LedgerPage />;
    case 'ledgerPrint':
      return <LedgerPrintPage />;
    case 'caseFollowUp':
      return <FollowUpPage key={route.caseId} caseId={route.caseId} />;
    case 'survey':
      return <SurveyPage />;
    case 'dispatch':
      return <DispatchPage />;
    case 'guided':
      return <GuidedCasesPage />;
    case 'apply':
      return <ApplyPage />;
    case 'applyQr':
      return <ApplyQrPage />;
    case 'applicationStatus':
      return <ApplicationStatusPage />;
    case 'applicationRespond':
      return <RespondentPage />;
    case 'mediators':
      return <MediatorDirectoryPage />;
    case 'mediatorProfile':
      return <MediatorProfilePage />;
    case 'notFound':
      return <NotFoundPage />;
  }
  // Every route has its page: a route added without one fails the type check here.
  const unrouted: never = route;
  return unrouted;
}

/** Pages for the public and residents: large type, one column, no staff navigation. */
const RESIDENT_ROUTES = new Set<Route['name']>(['join', 'room', 'agreement', 'confirmation', 'survey', 'apply', 'applyQr', 'applicationStatus', 'applicationRespond', 'mediators']);

export function App() {
  const route = parseRoute(usePathname());
  const session = useStaffSession();
  const needsSignIn = isStaffRoute(route) && !session;
  const signedInOnLogin = route.name === 'login' && !!session;

  useEffect(() => {
    if (needsSignIn) navigate('/login', { replace: true });
    else if (signedInOnLogin) navigate('/cases', { replace: true });
  }, [needsSignIn, signedInOnLogin]);

  const resident = RESIDENT_ROUTES.has(route.name);
  const classes = ['app', resident ? 'resident' : '', route.name === 'room' || route.name === 'caseRoom' ? 'room-page' : '', route.name === 'ledgerPrint' ? 'print-page' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <AppHeader resident={resident} />
      <main>
        <Suspense fallback={null}>{needsSignIn || signedInOnLogin ? null : page(route)}</Suspense>
      </main>
    </div>
  );
}
