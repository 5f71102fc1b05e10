import type { ApiError } from '../../api/api-error.ts';

export type JoinFailure = 'otherDevice' | 'expired' | 'withdrawn' | 'closed' | 'invalid' | 'network' | 'noLink';

/**
 * What went wrong, for the resident. The server answers every dead link with 401 `unauthenticated`
 * and says which kind only in its (English) message, so the message is matched here.
 */
export function joinFailureOf(error: ApiError): JoinFailure {
  if (error.code === 'network') return 'network';
  if (error.code === 'forbidden') return 'otherDevice';
  if (error.code === 'unauthenticated') {
    if (/withdrawn|revoked/i.test(error.message)) return 'withdrawn';
    if (/expired/i.test(error.message)) return 'expired';
    if (/closed/i.test(error.message)) return 'closed';
  }
  return 'invalid';
}
