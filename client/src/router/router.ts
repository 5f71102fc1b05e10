import { useSyncExternalStore } from 'react';

/*
 * A few routes do not need a router library: the path is the state, pushState changes it, and
 * popstate (back/forward) reports changes we did not make.
 */
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === `${window.location.pathname}${window.location.search}`) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current path, re-rendering on navigation. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export type Route =
  | { name: 'home' }
  | { name: 'dev' }
  | { name: 'login' }
  | { name: 'cases' }
  | { name: 'newCase' }
  | { name: 'case'; caseId: string }
  | { name: 'join' }
  | { name: 'room' }
  | { name: 'caseRoom'; caseId: string }
  | { name: 'caseAgreement'; caseId: string }
  | { name: 'agreement' }
  | { name: 'confirmation' }
  | { name: 'confirmationQueue' }
  | { name: 'caseConfirmation'; caseId: string }
  | { name: 'dashboard' }
  // Grid work (issue #14): the grid worker's home, a field report, a lighter item.
  | { name: 'grid' }
  | { name: 'gridReport' }
  | { name: 'gridNewItem' }
  | { name: 'gridRegistry' }
  // Ledger and follow-up (台账与回访)
  | { name: 'ledger' }
  | { name: 'ledgerPrint' }
  | { name: 'caseFollowUp'; caseId: string }
  | { name: 'survey' }
  | { name: 'dispatch' }
  | { name: 'guided' }
  // Resident self-application (issue #14 item 2): the public form, status and answer links, directory; a mediator's profile.
  | { name: 'apply' }
  | { name: 'applyQr' }
  | { name: 'applicationStatus' }
  | { name: 'applicationRespond' }
  | { name: 'mediators' }
  | { name: 'mediatorProfile' }
  | { name: 'notFound' };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/dev' || path.startsWith('/dev/')) return { name: 'dev' };
  if (path === '/login') return { name: 'login' };
  if (path === '/join') return { name: 'join' };
  if (path === '/room') return { name: 'room' };
  if (path === '/agreement') return { name: 'agreement' };
  if (path === '/confirmation') return { name: 'confirmation' };
  if (path === '/confirmation/queue') return { name: 'confirmationQueue' };
  if (path === '/cases') return { name: 'cases' };
  // Early warning (#15): /dashboard/warnings, /dashboard/warnings/areas, /dashboard/work-orders(/:id) are the dashboard's sub-pages.
  if (path === '/dashboard' || path.startsWith('/dashboard/')) return { name: 'dashboard' };
  if (path === '/dispatch') return { name: 'dispatch' };
  if (path === '/guided') return { name: 'guided' };
  if (path === '/cases/new') return { name: 'newCase' };
  if (path === '/grid') return { name: 'grid' };
  if (path === '/grid/report') return { name: 'gridReport' };
  if (path === '/grid/items/new') return { name: 'gridNewItem' };
  if (path === '/admin/grids') return { name: 'gridRegistry' };
  if (path === '/ledger') return { name: 'ledger' };
  if (path === '/ledger/print') return { name: 'ledgerPrint' };
  if (path === '/survey') return { name: 'survey' };
  const followUp = /^\/cases\/([^/]+)\/follow-up$/.exec(path);
  if (followUp) return { name: 'caseFollowUp', caseId: decodeURIComponent(followUp[1]!) };
  if (path === '/apply') return { name: 'apply' };
  if (path === '/apply/status') return { name: 'applicationStatus' };
  if (path === '/apply/qr') return { name: 'applyQr' };
  if (path === '/apply/respond') return { name: 'applicationRespond' };
  if (path === '/mediators') return { name: 'mediators' };
  if (path === '/profile') return { name: 'mediatorProfile' };
  const match = /^\/cases\/([^/]+)$/.exec(path);
  if (match) return { name: 'case', caseId: decodeURIComponent(match[1]!) };
  const room = /^\/cases\/([^/]+)\/room$/.exec(path);
  if (room) return { name: 'caseRoom', caseId: decodeURIComponent(room[1]!) };
  const agreement = /^\/cases\/([^/]+)\/agreement$/.exec(path);
  if (agreement) return { name: 'caseAgreement', caseId: decodeURIComponent(agreement[1]!) };
  const confirmation = /^\/cases\/([^/]+)\/confirmation$/.exec(path);
  if (confirmation) return { name: 'caseConfirmation', caseId: decodeURIComponent(confirmation[1]!) };
  return { name: 'notFound' };
}

/** Pages that need a signed-in staff member. */
export function isStaffRoute(route: Route): boolean {
  return route.name === 'cases' || route.name === 'newCase' || route.name === 'case' || route.name === 'caseRoom' || route.name === 'caseAgreement' || route.name === 'confirmationQueue' || route.name === 'caseConfirmation' || route.name === 'dashboard' || route.name === 'grid' || route.name === 'gridReport' || route.name === 'gridNewItem' || route.name === 'gridRegistry' || route.name === 'ledger' || route.name === 'ledgerPrint' || route.name === 'caseFollowUp' || route.name === 'dispatch' || route.name === 'guided' || route.name === 'mediatorProfile';
}
