import { AppError } from '../protocol/errors.ts';
import type { KeyValueStore } from '../store/store.ts';
import { waitAfterFailures, waitRemainingMs, type BackoffPolicy, type FailureCount } from './failure-window.ts';

/**
 * Guessing one account's password from one address: five tries free, then a minute's wait, doubling with
 * each further failure up to an hour. Counted per account AND address, so a guesser elsewhere cannot lock
 * the real user out.
 */
export const ACCOUNT_AT_ADDRESS_POLICY: BackoffPolicy = { freeFailures: 5, firstWaitMs: 60_000, maxWaitMs: 60 * 60_000, windowSeconds: 24 * 3600 };
/** Spraying many accounts from one address: a wider allowance, since offices share an address. */
export const ADDRESS_POLICY: BackoffPolicy = { freeFailures: 50, firstWaitMs: 60_000, maxWaitMs: 60 * 60_000, windowSeconds: 3600 };

/** A failure count in the store: an atomic counter (its TTL is the window) and the time of the latest failure. */
interface CounterKeys {
  count: string;
  lastAt: string;
}

/**
 * Limits staff sign-in attempts per account at a client address and per address. Counts live in the shared
 * key-value store as atomic counters, so concurrent failures on every server instance all count.
 *
 * An attempt is counted against its account and address before the password is checked, and a success
 * takes that back: otherwise any number of guesses sent at once would all pass the wait check before the
 * first of them failed. Of attempts racing past the check, those beyond the free allowance are refused, and
 * they stay counted.
 */
export class LoginThrottle {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly now: () => number,
  ) {}

  /** Admits one attempt, or refuses it with `rate_limited` (and when to retry) while a wait is running. */
  async admit(username: string, address: string): Promise<void> {
    const now = this.now();
    const pair = accountAtAddressKeys(username, address);
    const [accountAtAddress, fromAddress] = await Promise.all([this.read(pair, now), this.read(addressKeys(address), now)]);
    refuseFor(Math.max(waitRemainingMs(accountAtAddress, now, ACCOUNT_AT_ADDRESS_POLICY), waitRemainingMs(fromAddress, now, ADDRESS_POLICY)));

    const attempt = await this.count(pair, now, ACCOUNT_AT_ADDRESS_POLICY);
    // Counted by someone else since the read: attempts racing this one, whose outcome is not known yet.
    const racing = attempt - 1 !== accountAtAddress.failures;
    if (racing && attempt > ACCOUNT_AT_ADDRESS_POLICY.freeFailures) refuseFor(waitAfterFailures(attempt, ACCOUNT_AT_ADDRESS_POLICY));
  }

  /** The admitted attempt failed: it stays counted for the account at the address, and counts for the address. */
  async failed(address: string): Promise<void> {
    await this.count(addressKeys(address), this.now(), ADDRESS_POLICY);
  }

  /** The admitted attempt succeeded: the account's failures at this address are forgotten. */
  async succeeded(username: string, address: string): Promise<void> {
    const pair = accountAtAddressKeys(username, address);
    await Promise.all([this.kv.delete(pair.count), this.kv.delete(pair.lastAt)]);
  }

  private async read(keys: CounterKeys, now: number): Promise<FailureCount> {
    const [failures, lastAt] = await Promise.all([this.kv.get<number>(keys.count), this.kv.get<number>(keys.lastAt)]);
    // A count whose time is not written yet was made just now.
    return { failures: failures ?? 0, lastAt: lastAt ?? now };
  }

  private async count(keys: CounterKeys, now: number, policy: BackoffPolicy): Promise<number> {
    const failures = await this.kv.increment(keys.count, { ttlSeconds: policy.windowSeconds });
    await this.kv.set(keys.lastAt, now, { ttlSeconds: policy.windowSeconds });
    return failures;
  }
}

function refuseFor(waitMs: number): void {
  if (waitMs <= 0) return;
  const retryAfterSeconds = Math.ceil(waitMs / 1000);
  throw new AppError('rate_limited', `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, undefined, { retryAfterSeconds });
}

// Username and address are encoded so that neither can forge the other's part of a key.
const accountAtAddressKeys = (username: string, address: string) =>
  counterKeys(`login-failures:account-at-address:${encodeURIComponent(username.trim().toLowerCase())}:${encodeURIComponent(address)}`);
const addressKeys = (address: string) => counterKeys(`login-failures:address:${encodeURIComponent(address)}`);
const counterKeys = (base: string): CounterKeys => ({ count: `${base}:count`, lastAt: `${base}:last-at` });
