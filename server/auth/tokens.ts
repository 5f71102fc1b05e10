import { createHash, randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { AccountRole } from '../domain/case-types.ts';
import { AppError } from '../protocol/errors.ts';
import { systemClock, type Clock } from '../services/clock.ts';
import type { Keyring } from './keyring.ts';
import { LEGACY_ENV_KEY_ID, LEGACY_STORE_KEY_ID } from './secrets.ts';

export const ISSUER = 'mediation-room';
export const AUDIENCES = {
  staff: 'mediation-room:staff',
  resident: 'mediation-room:resident',
  invitation: 'mediation-room:invitation',
} as const;
const ALGORITHM = 'HS256';

const StaffClaimsSchema = z.object({ sub: z.string(), role: z.enum(['admin', 'mediator', 'grid_worker', 'judge', 'centre_staff']), jti: z.string(), exp: z.number() });
const ResidentClaimsSchema = z.object({ sub: z.string(), caseId: z.string(), inv: z.string(), jti: z.string(), exp: z.number() });
const InvitationClaimsSchema = z.object({ sub: z.string(), caseId: z.string(), jti: z.string(), exp: z.number() });

export type StaffClaims = z.infer<typeof StaffClaimsSchema>;
export type ResidentClaims = z.infer<typeof ResidentClaimsSchema>;
export type InvitationClaims = z.infer<typeof InvitationClaimsSchema>;

export interface TokenLifetimes {
  accessSeconds: number;
  refreshSeconds: number;
  residentSeconds: number;
}

/**
 * Signs and verifies every token. Verification always names the one algorithm, the issuer and
 * the audience, so a token of one kind (an invitation, say) never passes as another, and
 * `alg: none` or a token signed with another key is refused. Tokens carry the key id in their
 * header (`kid`); verification takes that key from the key file, so a rotation keeps links alive.
 */
export class TokenService {
  constructor(
    private readonly keys: Keyring,
    readonly lifetimes: TokenLifetimes,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Seconds since the epoch by our clock; tokens are stamped and checked with it. */
  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  signStaff(accountId: string, role: AccountRole): { token: string; jti: string; expiresAt: Date } {
    const jti = randomUUID();
    const token = jwt.sign({ role, iat: this.nowSeconds() }, this.signingKey(), {
      algorithm: ALGORITHM,
      keyid: this.keys.current('jwt').id,
      subject: accountId,
      audience: AUDIENCES.staff,
      issuer: ISSUER,
      jwtid: jti,
      expiresIn: this.lifetimes.accessSeconds,
    });
    return { token, jti, expiresAt: new Date((this.nowSeconds() + this.lifetimes.accessSeconds) * 1000) };
  }

  signResident(participantId: string, caseId: string, invitationId: string): { token: string; expiresAt: Date } {
    const token = jwt.sign({ caseId, inv: invitationId, iat: this.nowSeconds() }, this.signingKey(), {
      algorithm: ALGORITHM,
      keyid: this.keys.current('jwt').id,
      subject: participantId,
      audience: AUDIENCES.resident,
      issuer: ISSUER,
      jwtid: randomUUID(),
      expiresIn: this.lifetimes.residentSeconds,
    });
    return { token, expiresAt: new Date((this.nowSeconds() + this.lifetimes.residentSeconds) * 1000) };
  }

  signInvitation(invitationId: string, participantId: string, caseId: string, expiresAt: Date): string {
    const iat = this.nowSeconds();
    return jwt.sign({ caseId, iat }, this.signingKey(), {
      algorithm: ALGORITHM,
      keyid: this.keys.current('jwt').id,
      subject: participantId,
      audience: AUDIENCES.invitation,
      issuer: ISSUER,
      jwtid: invitationId,
      expiresIn: Math.max(1, Math.floor(expiresAt.getTime() / 1000) - iat),
    });
  }

  verifyStaff(token: string): StaffClaims {
    return this.verify(token, AUDIENCES.staff, StaffClaimsSchema);
  }

  verifyResident(token: string): ResidentClaims {
    return this.verify(token, AUDIENCES.resident, ResidentClaimsSchema);
  }

  verifyInvitation(token: string): InvitationClaims {
    return this.verify(token, AUDIENCES.invitation, InvitationClaimsSchema);
  }

  private signingKey(): Buffer {
    return this.keys.current('jwt').key;
  }

  /** The keys that may have signed this token: the one its `kid` names, or (no kid: an older version's token) the legacy ones. */
  private candidateKeys(token: string): Buffer[] {
    const kid = jwt.decode(token, { complete: true })?.header.kid;
    const ids = typeof kid === 'string' ? [kid] : [LEGACY_ENV_KEY_ID, LEGACY_STORE_KEY_ID];
    return ids.map((id) => this.keys.find('jwt', id)).filter((key): key is Buffer => key !== undefined);
  }

  private verify<T>(token: string, audience: string, schema: z.ZodType<T>): T {
    let payload: unknown;
    try {
      payload = this.verifyWithAnyKey(token, audience);
    } catch (error) {
      // A resident's link or session that ran out is told apart from a bad one; staff simply sign in again.
      if (error instanceof jwt.TokenExpiredError) throw new AppError('unauthenticated', 'This link or session has expired.', undefined, audience === AUDIENCES.staff ? {} : { reason: 'invitation_expired' });
      throw new AppError('unauthenticated', 'Invalid credentials.');
    }
    const claims = schema.safeParse(payload);
    if (!claims.success) throw new AppError('unauthenticated', 'Invalid credentials.');
    return claims.data;
  }

  private verifyWithAnyKey(token: string, audience: string): unknown {
    const keys = this.candidateKeys(token);
    if (keys.length === 0) throw new jwt.JsonWebTokenError('no key for this token');
    let failure: unknown;
    for (const key of keys) {
      try {
        return jwt.verify(token, key, { algorithms: [ALGORITHM], audience, issuer: ISSUER, clockTimestamp: this.nowSeconds() });
      } catch (error) {
        // An expired token signed with the right key must report expiry, whichever key is tried last.
        if (error instanceof jwt.TokenExpiredError) throw error;
        failure = error;
      }
    }
    throw failure;
  }
}

/** Opaque refresh tokens: only their SHA-256 is stored, so a copy of the store cannot be replayed. */
export function newRefreshToken(): { token: string; digest: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, digest: digestToken(token) };
}

export function digestToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Which kind of token this claims to be, read without verifying, only to pick the verifier; the
 * chosen verifier then checks everything.
 */
export function claimedAudience(token: string): string | undefined {
  const decoded = jwt.decode(token, { json: true });
  return typeof decoded?.aud === 'string' ? decoded.aud : undefined;
}
