import type { AccountView } from '@protocol';
import { TIERS, type StaffCaseView, type Tier } from '../../api/api-types.ts';

/*
 * Which dispatch controls to offer; the server decides (server/services/dispatch-commands.ts and the
 * case machine). These mirror its rules so we do not offer buttons it would refuse.
 */

const MEDIATING: readonly StaffCaseView['status'][] = ['accepted', 'scheduled', 'in_session', 'drafting', 'signing'];
const OPEN_WORK: readonly StaffCaseView['status'][] = ['intake', 'accepted', 'scheduled', 'in_session', 'drafting'];

const isMediatorOfRecord = (account: AccountView, c: StaffCaseView) => c.mediator?.accountId === account.accountId && !!c.mediator.acceptedAt;
const isReporter = (account: AccountView, c: StaffCaseView) => c.openedBy.kind === 'account' && c.openedBy.accountId === account.accountId;

/** A mediator takes an unassigned case of their organisation; a grid worker a grid-tier case they reported. */
export function takeOffer(account: AccountView, c: StaffCaseView): 'take' | 'selfMediate' | undefined {
  if (c.status !== 'intake') return undefined;
  if (account.role === 'mediator' && account.orgId === c.orgId && (!c.mediator || (c.mediator.accountId === account.accountId && !c.mediator.acceptedAt))) {
    // An assigned mediator answers through the acceptance panel instead.
    return c.mediator ? undefined : 'take';
  }
  if (account.role === 'grid_worker' && isReporter(account, c) && c.tier === 'grid' && !c.mediator && account.orgId === c.orgId) return 'selfMediate';
  return undefined;
}

/** The tier above, when whoever runs the case may escalate it there. */
export function nextTier(account: AccountView, c: StaffCaseView): Tier | undefined {
  if (!OPEN_WORK.includes(c.status)) return undefined;
  const runs = account.role === 'admin' || isMediatorOfRecord(account, c) || (c.status === 'intake' && isReporter(account, c) && !c.transfers?.length);
  if (!runs) return undefined;
  const next = TIERS[TIERS.indexOf(c.tier) + 1];
  // Handing over to a mediator happens only before sessions are scheduled.
  if (next === 'mediator' && c.mediator && c.status !== 'intake' && c.status !== 'accepted') return undefined;
  return next;
}

export function canTransfer(account: AccountView, c: StaffCaseView): boolean {
  if (c.status !== 'intake' && c.status !== 'accepted') return false;
  if (account.role === 'admin' || account.role === 'centre_staff') return true;
  return isMediatorOfRecord(account, c) || (c.status === 'intake' && isReporter(account, c) && !c.transfers?.length);
}

export const canAskGuidance = (account: AccountView, c: StaffCaseView) => isMediatorOfRecord(account, c) && MEDIATING.includes(c.status);

export const canAnswerGuidance = (account: AccountView, c: StaffCaseView, courtId: string) => account.role === 'judge' && account.courtId === courtId && MEDIATING.includes(c.status);
