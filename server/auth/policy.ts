import type { CaseState } from '../domain/case-types.ts';
import { AppError } from '../protocol/errors.ts';
import type { Account, Principal } from './principal.ts';

/**
 * Who may do what with a case. Staff see the cases of their organisation (mediators, grid
 * workers) or court (judges); residents see only their own case; admins see everything.
 */
export function canReadCase(principal: Principal, state: CaseState): boolean {
  switch (principal.kind) {
    case 'anonymous':
      return false;
    case 'resident':
      return principal.caseId === state.caseId;
    case 'staff':
      return canStaffRead(principal, state);
  }
}

/** The organisations whose cases a staff member reads: centre staff, theirs and those under it. */
export function orgScopeOf(principal: Extract<Principal, { kind: 'staff' }>): string[] {
  const { account } = principal;
  if (!account.orgId) return [];
  return account.role === 'centre_staff' ? (principal.orgScope ?? [account.orgId]) : [account.orgId];
}

/**
 * The case-index keys whose union holds every case a staff member may read: their list and their
 * ledger start from it, and `canReadCase` stays the judge of each case in it.
 */
export function readableCaseIndexes(principal: Principal): string[] {
  const account = requireStaff(principal);
  switch (account.role) {
    case 'admin':
      return ['all'];
    case 'judge':
      return [`court:${account.courtId}`, `guided:${account.courtId}`, `opener:${account.accountId}`];
    default:
      return [...(principal.kind === 'staff' ? orgScopeOf(principal) : []).map((orgId) => `org:${orgId}`), `opener:${account.accountId}`];
  }
}

function canStaffRead(principal: Extract<Principal, { kind: 'staff' }>, state: CaseState): boolean {
  const { account } = principal;
  // Closed loop (#14): whoever reported the case follows it to its outcome, wherever it was sent.
  if (state.openedBy.kind === 'account' && state.openedBy.accountId === account.accountId) return true;
  switch (account.role) {
    case 'admin':
      return true;
    case 'mediator':
    case 'grid_worker':
    case 'centre_staff':
      return orgScopeOf(principal).includes(state.orgId);
    case 'judge':
      // The court that referred it or reviews its confirmation, and the court guiding its mediation.
      return !!account.courtId && (account.courtId === state.courtId || account.courtId === state.guidingCourtId);
  }
}

/** Running the case (parties, invitations, sessions, outcome): its mediator, its opener while at intake, or an admin. */
export function canManageCase(principal: Principal, state: CaseState): boolean {
  if (principal.kind !== 'staff') return false;
  const { account } = principal;
  if (account.role === 'admin') return true;
  if (!canStaffRead(principal, state)) return false;
  if (state.mediator?.accountId === account.accountId) return true;
  // A case transferred elsewhere (#14) is no longer its opener's to run.
  return state.status === 'intake' && state.openedBy.kind === 'account' && state.openedBy.accountId === account.accountId && !state.transfers?.length;
}

export function requireStaff(principal: Principal, roles?: Account['role'][]): Account {
  if (principal.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first.');
  if (principal.kind !== 'staff' || (roles && !roles.includes(principal.account.role))) throw new AppError('forbidden', 'You may not do this.');
  return principal.account;
}

/** Refuses with not_found, not forbidden, so a stranger cannot learn which case ids exist. */
export function requireRead(principal: Principal, state: CaseState | undefined): CaseState {
  if (principal.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first.');
  if (!state || !canReadCase(principal, state)) throw new AppError('not_found', 'No such case.');
  return state;
}

export function requireManage(principal: Principal, state: CaseState | undefined): CaseState {
  const readable = requireRead(principal, state);
  if (!canManageCase(principal, readable)) throw new AppError('forbidden', 'Only the mediator of this case may do this.');
  return readable;
}
