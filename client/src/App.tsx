import { lazy, Suspense, useEffect } from 'react';
import { useStaffSession } from './api/use-staff-session.ts';
import { AppHeader } from './components/AppHeader.tsx';
import { NotFoundPage } from './components/NotFoundPage.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { CaseListPage } from './features/cases/CaseListPage.tsx';
import { CasePage } from './features/cases/CasePage.tsx';
import { NewCasePage } from './features/cases/NewCasePage.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { ResidentJoinPage } from './features/join/ResidentJoinPage.tsx';
import { isStaffRoute, navigate, parseRoute, usePathname, type Route } from './router/router.ts';

// The development call page carries the media stack; nobody else (residents on phones least of all) downloads it.
const DevRoomPage = lazy(() => import('./features/dev-room/DevRoomPage.tsx').then((module) => ({ default: module.DevRoomPage })));
// The room pages carry it too; a resident downloads them only on tapping “进入调解室”.
const ResidentRoomPage = lazy(() => import('./features/room/ResidentRoomPage.tsx').then((module) => ({ default: module.ResidentRoomPage })));
const StaffRoomPage = lazy(() => import('./features/room/StaffRoomPage.tsx').then((module) => ({ default: module.StaffRoomPage })));
// The agreement pages (signature pad included) load when opened.
const StaffAgreementPage = lazy(() => import('./features/agreement/StaffAgreementPage.tsx').then((module) => ({ default: module.StaffAgreementPage })));
const ResidentAgreementPage = lazy(() => import('./features/agreement/ResidentAgreementPage.tsx').then((module) => ({ default: module.ResidentAgreementPage })));
// Judicial confirmation: the resident's application page, the judge's queue and review page.
const ResidentConfirmationPage = lazy(() => import('./features/confirmation/ResidentConfirmationPage.tsx').then((module) => ({ default: module.ResidentConfirmationPage })));
const ConfirmationQueuePage = lazy(() => import('./features/confirmation/ConfirmationQueuePage.tsx').then((module) => ({ default: module.ConfirmationQueuePage })));
const ConfirmationReviewPage = lazy(() => import('./features/confirmation/ConfirmationReviewPage.tsx').then((module) => ({ default: module.ConfirmationReviewPage })));
// The dashboard carries the chart library; only staff who open it download it.
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage.tsx').then((module) => ({ default: module.DashboardPage })));
// Resident self-application: residents download only these pages; staff only the profile page.
const ApplyPage = lazy(() => import('./features/apply/ApplyPage.tsx').then((module) => ({ default: module.ApplyPage })));
const ApplyQrPage = lazy(() => import('./features/apply/ApplyQrPage.tsx').then((module) => ({ default: module.ApplyQrPage })));
const ApplicationStatusPage = lazy(() => import('./features/apply/ApplicationStatusPage.tsx').then((module) => ({ default: module.ApplicationStatusPage })));
const RespondentPage = lazy(() => import('./features/apply/RespondentPage.tsx').then((module) => ({ default: module.RespondentPage })));
const MediatorDirectoryPage = lazy(() => import('./features/apply/MediatorDirectoryPage.tsx').then((module) => ({ default: module.MediatorDirectoryPage })));
const MediatorProfilePage = lazy(() => import('./features/apply/MediatorProfilePage.tsx').then((module) => ({ default: module.MediatorProfilePage })));

/** The self-application pages: residents' pages (big type, no staff links) except the mediator's profile. */
function applicationPage(route: Route) {
  switch (route.name) {
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
    default:
      return undefined;
  }
}

function page(route: Route) {
  const application = applicationPage(route);
  if (application) return <Suspense fallback={null}>{application}</Suspense>;
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'dev':
      return (
        <Suspense fallback={null}>
          <DevRoomPage />
        </Suspense>
      );
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
      return (
        <Suspense fallback={null}>
          <ResidentRoomPage />
        </Suspense>
      );
    case 'caseRoom':
      return (
        <Suspense fallback={null}>
          <StaffRoomPage key={route.caseId} caseId={route.caseId} />
        </Suspense>
      );
    case 'caseAgreement':
      return (
        <Suspense fallback={null}>
          <StaffAgreementPage key={route.caseId} caseId={route.caseId} />
        </Suspense>
      );
    case 'agreement':
      return (
        <Suspense fallback={null}>
          <ResidentAgreementPage />
        </Suspense>
      );
    case 'confirmation':
      return (
        <Suspense fallback={null}>
          <ResidentConfirmationPage />
        </Suspense>
      );
    case 'confirmationQueue':
      return (
        <Suspense fallback={null}>
          <ConfirmationQueuePage />
        </Suspense>
      );
    case 'caseConfirmation':
      return (
        <Suspense fallback={null}>
          <ConfirmationReviewPage key={route.caseId} caseId={route.caseId} />
        </Suspense>
      );
    case 'dashboard':
      return (
        <Suspense fallback={null}>
          <DashboardPage />
        </Suspense>
      );
    case 'notFound':
      return <NotFoundPage />;
  }
}

export function App() {
  const route = parseRoute(usePathname());
  const session = useStaffSession();
  const needsSignIn = isStaffRoute(route) && !session;
  const signedInOnLogin = route.name === 'login' && !!session;

  useEffect(() => {
    if (needsSignIn) navigate('/login', { replace: true });
    else if (signedInOnLogin) navigate('/cases', { replace: true });
  }, [needsSignIn, signedInOnLogin]);

  const resident =
    route.name === 'join' || route.name === 'room' || route.name === 'agreement' || route.name === 'confirmation' || route.name === 'apply' || route.name === 'applyQr' || route.name === 'applicationStatus' || route.name === 'applicationRespond' || route.name === 'mediators';
  const classes = ['app', resident ? 'resident' : '', route.name === 'room' || route.name === 'caseRoom' ? 'room-page' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <AppHeader resident={resident} />
      <main>{needsSignIn || signedInOnLogin ? null : page(route)}</main>
    </div>
  );
}
