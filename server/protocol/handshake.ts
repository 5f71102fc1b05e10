import { z } from 'zod';
import { DisplayNameSchema } from './media.ts';

/**
 * What a socket presents when it connects. Only the development room exists so far; the
 * authenticated kinds (access token, invitation token) join this union in later work.
 */
export const HandshakeAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dev'), displayName: DisplayNameSchema }),
]);
export type HandshakeAuth = z.infer<typeof HandshakeAuthSchema>;
