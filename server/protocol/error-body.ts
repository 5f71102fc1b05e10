/**
 * The error shape every client receives, as plain constants and one hand-written reader: no zod.
 * A resident's phone reads refusals long before it needs the validation library, so the pages on
 * its path import this file instead of the whole contract. `errors.ts` builds its schemas from the
 * same lists, and a property test holds `readErrorBody` to `ErrorBodySchema`.
 */
export const ERROR_CODES = [
  'invalid_input',
  'payload_too_large',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'illegal_transition',
  'room_full',
  'media_unavailable',
  'rate_limited',
  'internal',
] as const;

/** Which of several refusals under one code it was, for clients that explain each differently. */
export const ERROR_REASONS = ['invitation_withdrawn', 'invitation_expired', 'invitation_invalid', 'case_closed', 'other_device', 'room_locked', 'no_session', 'removed_from_case', 'account_disabled', 'logged_out', 'held_apart'] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type ErrorReason = (typeof ERROR_REASONS)[number];

export interface FieldIssue {
  path: string;
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldIssue[] | undefined;
  reason?: ErrorReason | undefined;
  /** For `rate_limited`: seconds until trying again makes sense. */
  retryAfterSeconds?: number | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFieldIssue = (value: unknown): value is FieldIssue => isRecord(value) && typeof value.path === 'string' && typeof value.message === 'string';

/** `value` as an error body when it is one (unknown keys dropped, as the schema does), else undefined. */
export function readErrorBody(value: unknown): ErrorBody | undefined {
  if (!isRecord(value)) return undefined;
  const { code, message, fields, reason, retryAfterSeconds } = value;
  if (!(ERROR_CODES as readonly unknown[]).includes(code) || typeof message !== 'string') return undefined;
  if (fields !== undefined && !(Array.isArray(fields) && fields.every(isFieldIssue))) return undefined;
  if (reason !== undefined && !(ERROR_REASONS as readonly unknown[]).includes(reason)) return undefined;
  if (retryAfterSeconds !== undefined && !(typeof retryAfterSeconds === 'number' && Number.isSafeInteger(retryAfterSeconds) && retryAfterSeconds >= 0)) return undefined;
  return {
    code: code as ErrorCode,
    message,
    ...(fields !== undefined ? { fields: (fields as FieldIssue[]).map((issue) => ({ path: issue.path, message: issue.message })) } : {}),
    ...(reason !== undefined ? { reason: reason as ErrorReason } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
}
