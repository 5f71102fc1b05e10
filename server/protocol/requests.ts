import { z } from 'zod';
import { ErrorReasonSchema } from './errors.ts';
import { mediaPushes, mediaRequests } from './media.ts';
import { roomPushes, roomRequests } from './room.ts';

/** Every socket request and push of the protocol, in one table each. */
export const requests = { ...mediaRequests, ...roomRequests } as const;
export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestOf<E extends RequestName> = z.infer<Requests[E]['request']>;
export type ResponseOf<E extends RequestName> = z.infer<Requests[E]['response']>;

/** Why the server ended a connection for good: the client shows it and does not reconnect. */
export const RevocationReasonSchema = ErrorReasonSchema.extract(['invitation_withdrawn', 'removed_from_case', 'account_disabled', 'logged_out']);
export type RevocationReason = z.infer<typeof RevocationReasonSchema>;

/** Pushes about the connection itself rather than a room. */
export const sessionPushes = {
  /** Sent just before the server disconnects a revoked principal's socket. */
  'session:revoked': z.object({ reason: RevocationReasonSchema }),
} as const;

export const pushes = { ...mediaPushes, ...roomPushes, ...sessionPushes } as const;
export type Pushes = typeof pushes;
export type PushName = keyof Pushes;
export type PushOf<E extends PushName> = z.infer<Pushes[E]>;
