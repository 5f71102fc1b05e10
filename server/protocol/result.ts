import { z } from 'zod';
import { ErrorBodySchema, type ErrorBody } from './errors.ts';

/** The one shape of every socket acknowledgement. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export function ackSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ErrorBodySchema }),
  ]);
}
