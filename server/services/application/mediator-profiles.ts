import { requireStaff } from '../../auth/policy.ts';
import type { Account, Principal } from '../../auth/principal.ts';
import type { MediatorProfileRequest, PublicDirectory } from '../../protocol/application.ts';
import { AppError } from '../../protocol/errors.ts';
import type { KeyValueStore } from '../../store/store.ts';
import type { AccountService } from '../account-service.ts';
import type { Directory } from '../directory.ts';

export interface MediatorProfile extends MediatorProfileRequest {
  updatedAt: string;
}

/**
 * Mediators' public profiles for the directory residents choose from (organisation, speciality;
 * people's mediation is free). A mediator appears only after opting in; they or an admin edit it.
 */
export class MediatorProfiles {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly accounts: AccountService,
    private readonly directory: Directory,
    private readonly now: () => Date,
  ) {}

  async get(principal: Principal, accountId: string): Promise<MediatorProfile> {
    await this.editable(principal, accountId);
    return (await this.kv.get<MediatorProfile>(key(accountId))) ?? { listed: false, speciality: '', updatedAt: '' };
  }

  async update(principal: Principal, accountId: string, request: MediatorProfileRequest): Promise<MediatorProfile> {
    await this.editable(principal, accountId);
    if (request.listed && !request.speciality) throw new AppError('invalid_input', 'Say what you mediate before appearing in the directory.', [{ path: 'speciality', message: 'required when listed' }]);
    const profile: MediatorProfile = { ...request, updatedAt: this.now().toISOString() };
    await this.kv.set(key(accountId), profile);
    return profile;
  }

  /** A mediator a resident may choose: active, listed, of that organisation. */
  async listedMediator(accountId: string, orgId: string): Promise<Account | undefined> {
    const account = await this.accounts.get(accountId);
    if (account?.role !== 'mediator' || account.disabled || account.orgId !== orgId) return undefined;
    return (await this.kv.get<MediatorProfile>(key(accountId)))?.listed ? account : undefined;
  }

  /** Every organisation, with the mediators who opted in. */
  async publicDirectory(): Promise<PublicDirectory> {
    const [orgs, views] = await Promise.all([this.directory.orgs(), this.accounts.list()]);
    const listed = await Promise.all(
      views
        .filter((a) => a.role === 'mediator' && !a.disabled && a.orgId)
        .map(async (a) => ({ account: a, profile: await this.kv.get<MediatorProfile>(key(a.accountId)) })),
    );
    return {
      free: true,
      orgs: orgs
        .sort((a, b) => a.orgId.localeCompare(b.orgId))
        .map((org) => ({
          orgId: org.orgId,
          name: org.name,
          mediators: listed
            .filter(({ account, profile }) => account.orgId === org.orgId && profile?.listed)
            .map(({ account, profile }) => ({ accountId: account.accountId, name: account.displayName, speciality: profile!.speciality, ...(profile!.introduction ? { introduction: profile!.introduction } : {}) })),
        })),
    };
  }

  /** Admins edit anyone's profile; a mediator their own. The account must be a mediator's. */
  private async editable(principal: Principal, accountId: string): Promise<void> {
    const caller = requireStaff(principal, ['admin', 'mediator']);
    if (caller.role === 'mediator' && caller.accountId !== accountId) throw new AppError('forbidden', 'Mediators edit their own public profile only.');
    const account = await this.accounts.get(accountId);
    if (account?.role !== 'mediator') throw new AppError('not_found', 'No such mediator.');
  }
}

const key = (accountId: string) => `mediator-profile:${accountId}`;
