import type { ErrorBody } from './errors.ts';

/** The one shape of every socket acknowledgement. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
