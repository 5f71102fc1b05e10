import { randomBytes } from 'node:crypto';
import { digestToken } from '../../auth/tokens.ts';
import { AppError } from '../../protocol/errors.ts';
import type { KeyValueStore } from '../../store/store.ts';

export type LinkPurpose = 'status' | 'respond';

export interface LinkTarget {
  purpose: LinkPurpose;
  caseId: string;
  participantId: string;
}

/** How long each link works: the applicant follows the whole case; the respondent answers within two weeks. */
const LIFETIME_SECONDS: Record<LinkPurpose, number> = { status: 365 * 86_400, respond: 14 * 86_400 };

/**
 * The applicant's status link and the respondent's answer link: opaque random tokens whose SHA-256
 * alone is stored (a copy of the store opens nothing), expiring with their record. Unlike invitations
 * they keep working on a closed case, so the applicant can still read how it ended.
 */
export class ApplicationLinks {
  constructor(private readonly kv: KeyValueStore) {}

  async create(target: LinkTarget): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.kv.set(key(token), target, { ttlSeconds: LIFETIME_SECONDS[target.purpose] });
    return token;
  }

  async resolve(token: string, purpose: LinkPurpose): Promise<LinkTarget> {
    const target = await this.kv.get<LinkTarget>(key(token));
    if (!target || target.purpose !== purpose) throw new AppError('unauthenticated', 'This link is not valid or has expired.', undefined, { reason: 'invitation_invalid' });
    return target;
  }
}

const key = (token: string) => `application-link:${digestToken(token)}`;
