import { z } from 'zod';
import { DisplayNameSchema } from './media.ts';

/**
 * What a socket presents when it connects; nothing is served before it is verified. Staff present
 * their access token, residents the session token their invitation link gave them; the
 * development room (when enabled) only a display name.
 */
export const HandshakeAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), accessToken: z.string().min(20).max(4000) }),
  z.object({ kind: z.literal('resident'), residentToken: z.string().min(20).max(4000) }),
  z.object({ kind: z.literal('dev'), displayName: DisplayNameSchema }),
]);
export type HandshakeAuth = z.infer<typeof HandshakeAuthSchema>;
