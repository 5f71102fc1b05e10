import type { RequestHandler } from 'express';
import type { Principal } from '../auth/principal.ts';
import { AUDIENCES, claimedAudience } from '../auth/tokens.ts';
import { AppError } from '../protocol/errors.ts';

export interface Authenticators {
  staff(token: string): Promise<Principal>;
  resident(token: string): Promise<Principal>;
}

/**
 * Resolves `Authorization: Bearer …` into a principal. No header means anonymous; a header whose
 * token does not verify is refused outright, never treated as anonymous.
 */
export function authenticate(authenticators: Authenticators): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (!header) {
      res.locals.principal = { kind: 'anonymous' } satisfies Principal;
      return next();
    }
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) return next(new AppError('unauthenticated', 'Use "Authorization: Bearer <token>".'));
    try {
      res.locals.principal = claimedAudience(token) === AUDIENCES.resident ? await authenticators.resident(token) : await authenticators.staff(token);
      next();
    } catch (error) {
      next(error);
    }
  };
}
