import { z } from 'zod';
import { ErrorBodySchema } from '../protocol/errors.ts';
import { HandshakeAuthSchema } from '../protocol/handshake.ts';
import { RevocationReasonSchema } from '../protocol/requests.ts';
import { ClusterIdSchema } from './keys.ts';
import { defineRpcMethod } from './redis-rpc.ts';

/**
 * What instances say to a room's node about the sockets connected to them. The handshake travels
 * with the first request so the room's node verifies the caller itself; the payload is checked
 * there by the request's own protocol schema, as for a socket of its own.
 */
export const forwardRequest = defineRpcMethod(
  'room.request',
  z.object({
    roomId: ClusterIdSchema,
    socketId: z.string().min(1).max(64),
    auth: HandshakeAuthSchema,
    event: z.string().min(1).max(64),
    payload: z.unknown(),
  }),
  z.union([
    z.object({ ok: z.literal(true), data: z.unknown() }),
    z.object({ ok: z.literal(false), error: ErrorBodySchema }),
    // This node does not run the room (any more): ask the lease again.
    z.object({ moved: z.literal(true) }),
  ]),
);

/** The socket went away on its instance; `revoked` when its access was withdrawn (the member then leaves at once). */
export const forwardDisconnect = defineRpcMethod(
  'room.disconnected',
  z.object({ socketId: z.string().min(1).max(64), revoked: RevocationReasonSchema.optional() }),
  z.object({}),
);
