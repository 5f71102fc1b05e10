import { AppError } from '../protocol/errors.ts';
import type { KeyValueStore } from '../store/store.ts';
import { lockRemainingMs, recordFailure, type FailurePolicy, type FailureWindow } from './failure-window.ts';

/** Guessing one account's password: five wrong tries lock it for a quarter of an hour. */
export const ACCOUNT_POLICY: FailurePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Spraying many accounts from one address: a wider allowance, since offices share an address. */
export const ADDRESS_POLICY: FailurePolicy = { maxFailures: 50, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/**
 * Limits staff sign-in attempts per username and per client address. Windows live in the shared
 * key-value store, so every server instance counts the same failures; a success clears the
 * account's count.
 */
export class LoginThrottle {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly now: () => number,
  ) {}

  /** Refuses with `rate_limited` (and when to retry) while either the account or the address is locked. */
  async check(username: string, address: string): Promise<void> {
    const now = this.now();
    const [account, client] = await Promise.all([this.kv.get<FailureWindow>(accountKey(username)), this.kv.get<FailureWindow>(addressKey(address))]);
    const waitMs = Math.max(lockRemainingMs(account, now, ACCOUNT_POLICY), lockRemainingMs(client, now, ADDRESS_POLICY));
    if (waitMs > 0) {
      const retryAfterSeconds = Math.ceil(waitMs / 1000);
      throw new AppError('rate_limited', `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, undefined, { retryAfterSeconds });
    }
  }

  async failed(username: string, address: string): Promise<void> {
    const now = this.now();
    await Promise.all([
      this.kv.set(accountKey(username), recordFailure(await this.kv.get<FailureWindow>(accountKey(username)), now, ACCOUNT_POLICY), { ttlSeconds: forgetAfterSeconds(ACCOUNT_POLICY) }),
      this.kv.set(addressKey(address), recordFailure(await this.kv.get<FailureWindow>(addressKey(address)), now, ADDRESS_POLICY), { ttlSeconds: forgetAfterSeconds(ADDRESS_POLICY) }),
    ]);
  }

  async succeeded(username: string): Promise<void> {
    await this.kv.delete(accountKey(username));
  }
}

/** A window stops mattering once both it and a lock it could cause are over. */
const forgetAfterSeconds = (policy: FailurePolicy) => (policy.windowMs + policy.lockMs) / 1000 + 60;
const accountKey = (username: string) => `login-failures:account:${username.trim().toLowerCase()}`;
const addressKey = (address: string) => `login-failures:address:${address}`;
