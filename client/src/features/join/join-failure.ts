import type { ApiError } from '../../api/api-error.ts';

export type JoinFailure = 'otherDevice' | 'expired' | 'withdrawn' | 'closed' | 'invalid' | 'network' | 'noLink' | 'heldApart';

/** What went wrong, for the resident: the server names the kind of dead link in `reason`. */
export function joinFailureOf(error: ApiError): JoinFailure {
  if (error.code === 'network') return 'network';
  switch (error.reason) {
    case 'other_device':
      return 'otherDevice';
    case 'invitation_withdrawn':
      return 'withdrawn';
    case 'invitation_expired':
      return 'expired';
    case 'case_closed':
      return 'closed';
    case 'held_apart':
      return 'heldApart';
    default:
      return error.code === 'forbidden' ? 'otherDevice' : 'invalid';
  }
}
