import type { Principal } from '../auth/principal.ts';
import { requireStaff } from '../auth/policy.ts';
import { isValidMobile } from '../domain/identity.ts';
import { AppError } from '../protocol/errors.ts';
import type { AccountService } from './account-service.ts';
import type { Directory } from './directory.ts';
import type { PiiVault } from './pii-vault.ts';

/** The vault's "case" under which staff members' own details are kept (never a case id: those are UUIDs). */
const STAFF = 'staff';

/**
 * How notices reach staff beyond the app (#14: assignment, escalation, guidance and the reporter's
 * closed loop go to the SMS sender too): a staff member's mobile, kept sealed in the PII vault like
 * the parties' phones, and the judges of a court.
 */
export class StaffContacts {
  constructor(
    private readonly accounts: AccountService,
    private readonly vault: PiiVault,
    private readonly directory: Directory,
  ) {}

  /** An admin sets anyone's number; a staff member their own. */
  async setPhone(principal: Principal, accountId: string, phone: string): Promise<{ accountId: string; phoneSet: true }> {
    const caller = requireStaff(principal);
    if (caller.role !== 'admin' && caller.accountId !== accountId) throw new AppError('forbidden', 'You may set your own number only.');
    if (!(await this.accounts.get(accountId))) throw new AppError('not_found', 'No such account.');
    if (!isValidMobile(phone)) throw new AppError('invalid_input', 'Please correct the highlighted fields.', [{ path: 'phone', message: 'not a valid mobile number' }]);
    await this.vault.put(STAFF, accountId, { phone });
    return { accountId, phoneSet: true };
  }

  async phoneOf(accountId: string): Promise<string | undefined> {
    return (await this.vault.get(STAFF, accountId))?.phone;
  }

  async courtJudges(courtId: string): Promise<string[]> {
    return (await this.accounts.list()).filter((a) => a.role === 'judge' && a.courtId === courtId && !a.disabled).map((a) => a.accountId);
  }

  async orgDispatchers(orgId: string): Promise<string[]> {
    const centres = await this.directory.orgAndAncestors(orgId);
    return (await this.accounts.list()).filter((a) => a.role === 'centre_staff' && !a.disabled && !!a.orgId && centres.includes(a.orgId)).map((a) => a.accountId);
  }
}
