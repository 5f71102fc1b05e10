import type { AccountView } from '@protocol';
import type { CaseStatus, StaffCaseView } from '../../api/api-types.ts';

/*
 * Which controls to offer. The server decides every request (server/auth/policy.ts and the
 * transition table in server/domain/case-machine.ts); these mirror its rules only so we do not
 * offer buttons it would refuse.
 */

const OPEN_WORK: readonly CaseStatus[] = ['intake', 'accepted', 'scheduled', 'in_session', 'drafting'];
const INVITABLE: readonly CaseStatus[] = ['accepted', 'scheduled', 'in_session', 'drafting', 'signing', 'signed', 'confirmation_requested'];
const SCHEDULABLE: readonly CaseStatus[] = ['accepted', 'scheduled', 'in_session', 'drafting', 'signing'];

/** Running the case: its mediator, its opener while at intake, or an admin. */
export function canManage(account: AccountView, c: StaffCaseView): boolean {
  if (account.role === 'admin') return true;
  if (c.mediator?.accountId === account.accountId) return true;
  return c.status === 'intake' && c.openedBy.kind === 'account' && c.openedBy.accountId === account.accountId;
}

/** The assigned mediator deciding whether to take the case. */
export function awaitsMyAcceptance(account: AccountView, c: StaffCaseView): boolean {
  return c.status === 'intake' && !!c.mediator && !c.mediator.acceptedAt && c.mediator.accountId === account.accountId;
}

export const canEditParticipants = (c: StaffCaseView) => OPEN_WORK.includes(c.status);
export const canInvite = (c: StaffCaseView) => INVITABLE.includes(c.status);
export const canSchedule = (c: StaffCaseView) => SCHEDULABLE.includes(c.status);

const ROOM_OPEN: readonly CaseStatus[] = ['accepted', 'scheduled', 'in_session', 'drafting', 'signing'];

/** Entering the case's mediation room: its mediator once accepted, and guiding judges. */
export function canEnterRoom(account: AccountView, c: StaffCaseView): boolean {
  if (!ROOM_OPEN.includes(c.status)) return false;
  if (account.role === 'judge') return true;
  // A grid worker mediating a simple case themselves is its mediator of record (#14).
  return (account.role === 'mediator' || account.role === 'grid_worker') && c.mediator?.accountId === account.accountId && !!c.mediator.acceptedAt;
}
