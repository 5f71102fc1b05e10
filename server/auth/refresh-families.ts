import { randomUUID } from 'node:crypto';
import { moduleLogger } from '../logger.ts';
import { AppError } from '../protocol/errors.ts';
import type { KeyValueStore } from '../store/store.ts';
import { digestToken, newRefreshToken } from './tokens.ts';

const log = moduleLogger('refresh-families');

/** What a refresh token was issued as. Kept for the token's whole lifetime, spent or not, so a replay is recognised. */
interface IssuedRefreshToken {
  accountId: string;
  familyId: string;
  expiresAt: string;
}

export interface RefreshFamilyMember {
  accountId: string;
  familyId: string;
}

const SIGN_IN_AGAIN = 'Please sign in again.';

/**
 * Rotating refresh tokens in families: a sign-in starts a family, each refresh spends the presented token
 * and the next one joins the same family. A token presented after it was spent means two holders (a stolen
 * copy, or two uses at once): it is refused and the whole family ends, so whichever holder has the newest
 * token loses it too, and both must sign in again.
 *
 * Keys (only SHA-256 digests of tokens are stored): `refresh-issued:<digest>` what the token is, for its
 * lifetime; `refresh:<digest>` present while it is unspent, taken atomically on use; `refresh-family-revoked:<id>`
 * for as long as any token of the family could still be presented.
 */
export class RefreshFamilies {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly lifetimeSeconds: number,
    private readonly now: () => number,
  ) {}

  /** The first token of a new family. */
  start(accountId: string): Promise<string> {
    return this.issue({ accountId, familyId: randomUUID() });
  }

  /** Spends `token`; refused with `unauthenticated` when it is unknown, expired, spent before, or its family has ended. */
  async spend(token: string): Promise<RefreshFamilyMember> {
    const digest = digestToken(token);
    const issued = await this.kv.get<IssuedRefreshToken>(issuedKey(digest));
    if (!issued || Date.parse(issued.expiresAt) <= this.now()) throw new AppError('unauthenticated', SIGN_IN_AGAIN);
    // Checked before the take: of racing uses, the one that takes the token has passed this check before any
    // loser can end the family, so exactly one use succeeds.
    if (await this.kv.get(revokedKey(issued.familyId))) throw new AppError('unauthenticated', SIGN_IN_AGAIN);
    if ((await this.kv.take(liveKey(digest))) === undefined) {
      log.warn({ accountId: issued.accountId, familyId: issued.familyId }, 'spent refresh token presented again; ending its family');
      await this.revoke(issued.familyId);
      throw new AppError('unauthenticated', SIGN_IN_AGAIN);
    }
    return { accountId: issued.accountId, familyId: issued.familyId };
  }

  /** The next token of the family `member` was spent from. */
  next(member: RefreshFamilyMember): Promise<string> {
    return this.issue(member);
  }

  /** Ends the family of `token` (logout), when it is the account's; anything else is ignored. */
  async end(token: string, accountId: string): Promise<void> {
    const digest = digestToken(token);
    const issued = await this.kv.get<IssuedRefreshToken>(issuedKey(digest));
    if (!issued || issued.accountId !== accountId) return;
    await this.revoke(issued.familyId);
    await this.kv.delete(liveKey(digest));
  }

  private async issue(member: RefreshFamilyMember): Promise<string> {
    const { token, digest } = newRefreshToken();
    const expiresAt = new Date(this.now() + this.lifetimeSeconds * 1000).toISOString();
    const ttl = { ttlSeconds: this.keepSeconds() };
    // What it is before that it is live: a live token always has its record.
    await this.kv.set<IssuedRefreshToken>(issuedKey(digest), { ...member, expiresAt }, ttl);
    await this.kv.set(liveKey(digest), true, ttl);
    return token;
  }

  private async revoke(familyId: string): Promise<void> {
    // Every token of the family was issued before now (or, racing, just after) and expires within a lifetime.
    await this.kv.set(revokedKey(familyId), { at: new Date(this.now()).toISOString() }, { ttlSeconds: this.keepSeconds() });
  }

  /** A minute's margin over the lifetime, for clock skew between instances. */
  private keepSeconds(): number {
    return this.lifetimeSeconds + 60;
  }
}

const issuedKey = (digest: string) => `refresh-issued:${digest}`;
const liveKey = (digest: string) => `refresh:${digest}`;
const revokedKey = (familyId: string) => `refresh-family-revoked:${familyId}`;
