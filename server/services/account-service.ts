import { randomUUID } from 'node:crypto';
import type { Account, Principal } from '../auth/principal.ts';
import { LoginThrottle } from '../auth/login-throttle.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { RefreshFamilies } from '../auth/refresh-families.ts';
import type { TokenService } from '../auth/tokens.ts';
import { AppError } from '../protocol/errors.ts';
import type { AccountView, CreateAccountRequest, SessionTokens } from '../protocol/accounts.ts';
import type { KeyValueStore } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { Directory } from './directory.ts';
import type { Revocations } from './revocations.ts';

export function accountView(account: Account): AccountView {
  const { accountId, username, displayName, role, orgId, courtId, disabled } = account;
  return { accountId, username, displayName, role, disabled, ...(orgId ? { orgId } : {}), ...(courtId ? { courtId } : {}) };
}

/** Staff accounts: creation by an admin, password sign-in, short access tokens with rotating refresh tokens, logout. */
export class AccountService {
  /** Compared against when the username is unknown, so both paths cost one scrypt. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly tokens: TokenService,
    private readonly directory: Directory,
    private readonly clock: Clock,
    private readonly revocations?: Revocations,
  ) {
    this.throttle = new LoginThrottle(kv, () => clock.now().getTime());
    this.refreshFamilies = new RefreshFamilies(kv, tokens.lifetimes.refreshSeconds, () => clock.now().getTime());
  }

  private readonly throttle: LoginThrottle;
  private readonly refreshFamilies: RefreshFamilies;

  async create(request: CreateAccountRequest): Promise<AccountView> {
    if (request.orgId && !(await this.directory.org(request.orgId))) throw new AppError('invalid_input', 'No such organisation.', [{ path: 'orgId', message: 'unknown organisation' }]);
    if (request.courtId && !(await this.directory.court(request.courtId))) throw new AppError('invalid_input', 'No such court.', [{ path: 'courtId', message: 'unknown court' }]);
    const account: Account = {
      accountId: randomUUID(),
      username: request.username,
      displayName: request.displayName,
      role: request.role,
      orgId: ['mediator', 'grid_worker', 'centre_staff'].includes(request.role) ? request.orgId : undefined,
      courtId: request.role === 'judge' ? request.courtId : undefined,
      passwordHash: await hashPassword(request.password),
      disabled: false,
      createdAt: this.clock.now().toISOString(),
    };
    // The record first, then the name: a crash in between leaves an unreachable record, never a name pointing nowhere.
    await this.kv.set(`account:${account.accountId}`, account);
    if (!(await this.kv.setIfAbsent(`account-username:${account.username}`, account.accountId))) {
      await this.kv.delete(`account:${account.accountId}`);
      throw new AppError('conflict', 'This username is taken.', [{ path: 'username', message: 'taken' }]);
    }
    return accountView(account);
  }

  async get(accountId: string): Promise<Account | undefined> {
    return this.kv.get<Account>(`account:${accountId}`);
  }

  async list(): Promise<AccountView[]> {
    const keys = await this.kv.keys('account-username:');
    const accounts = await Promise.all(keys.map(async (key) => this.get((await this.kv.get<string>(key)) ?? '')));
    return accounts.filter((a): a is Account => !!a).map(accountView).sort((a, b) => a.username.localeCompare(b.username));
  }

  /** Signs a staff member in; repeated failures of the account at an address, or from an address, are throttled (LoginThrottle). */
  async login(username: string, password: string, address: string): Promise<SessionTokens> {
    await this.throttle.admit(username, address);
    const accountId = await this.kv.get<string>(`account-username:${username.trim().toLowerCase()}`);
    const account = accountId ? await this.get(accountId) : undefined;
    const valid = await verifyPassword(password, account?.passwordHash ?? (await this.dummyPasswordHash()));
    if (!account || !valid || account.disabled) {
      await this.throttle.failed(address);
      throw new AppError('unauthenticated', 'Wrong username or password.');
    }
    await this.throttle.succeeded(username, address);
    return this.issue(account, await this.refreshFamilies.start(account.accountId));
  }

  private dummyPasswordHash(): Promise<string> {
    this.dummyHash ??= hashPassword('not-a-real-password');
    return this.dummyHash;
  }

  /** Rotation: the presented refresh token is spent and the next one of its family issued; see RefreshFamilies. */
  async refresh(refreshToken: string): Promise<SessionTokens> {
    const spent = await this.refreshFamilies.spend(refreshToken);
    const account = await this.get(spent.accountId);
    if (!account || account.disabled) throw new AppError('unauthenticated', 'Please sign in again.');
    return this.issue(account, await this.refreshFamilies.next(spent));
  }

  async logout(principal: Principal, refreshToken: string | undefined): Promise<void> {
    if (principal.kind !== 'staff') throw new AppError('unauthenticated', 'Sign in first.');
    // The revocation matters only while the token could still be presented; a minute's margin for clock skew.
    const remainingSeconds = principal.tokenExpiresAt - Math.floor(this.clock.now().getTime() / 1000);
    await this.kv.set(`revoked-jti:${principal.jti}`, { until: new Date(principal.tokenExpiresAt * 1000).toISOString() }, { ttlSeconds: Math.max(1, remainingSeconds) + 60 });
    if (refreshToken) await this.refreshFamilies.end(refreshToken, principal.account.accountId);
    // Only this session's connections end: the same account signed in on another device stays.
    this.revocations?.revoke({ principal: { kind: 'session', jti: principal.jti }, reason: 'logged_out' });
  }

  /** An admin disables (or re-enables) an account; disabling ends every session of it at once. */
  async setDisabled(accountId: string, disabled: boolean): Promise<AccountView> {
    const account = await this.get(accountId);
    if (!account) throw new AppError('not_found', 'No such account.');
    const updated: Account = { ...account, disabled };
    await this.kv.set(`account:${accountId}`, updated);
    if (disabled) this.revocations?.revoke({ principal: { kind: 'account', accountId }, reason: 'account_disabled' });
    return accountView(updated);
  }

  /** The staff principal behind an access token; refused when revoked by logout or the account is disabled. */
  async authenticate(accessToken: string): Promise<Principal> {
    const claims = this.tokens.verifyStaff(accessToken);
    if (await this.kv.get(`revoked-jti:${claims.jti}`)) throw new AppError('unauthenticated', 'This session has ended; sign in again.');
    const account = await this.get(claims.sub);
    if (!account || account.disabled || account.role !== claims.role) throw new AppError('unauthenticated', 'Invalid credentials.');
    // Centre staff read the cases of the organisations under their centre, as the directory stands now.
    const orgScope = account.role === 'centre_staff' && account.orgId ? await this.directory.orgScope(account.orgId) : undefined;
    return { kind: 'staff', account, jti: claims.jti, tokenExpiresAt: claims.exp, orgScope };
  }

  private issue(account: Account, refreshToken: string): SessionTokens {
    const access = this.tokens.signStaff(account.accountId, account.role);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt.toISOString(), refreshToken, account: accountView(account) };
  }
}
