import { z } from 'zod';
import { ERROR_CODES, ERROR_REASONS } from './error-body.ts';

/** Every error a client can receive, over HTTP or a socket ack. One enum, one shape. */
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const FieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/** Which of several refusals under one code it was, for clients that explain each differently. */
export const ErrorReasonSchema = z.enum(ERROR_REASONS);
export type ErrorReason = z.infer<typeof ErrorReasonSchema>;

export const ErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  fields: z.array(FieldIssueSchema).optional(),
  reason: ErrorReasonSchema.optional(),
  /** For `rate_limited`: seconds until trying again makes sense. */
  retryAfterSeconds: z.number().int().nonnegative().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** HTTP status for each code; socket acks carry the code itself. */
export const httpStatusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  payload_too_large: 413,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  illegal_transition: 409,
  room_full: 409,
  media_unavailable: 503,
  rate_limited: 429,
  internal: 500,
};

/** A failure the server means to report to the client; anything else is reported as `internal`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssue[],
    readonly extra: { reason?: ErrorReason; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.extra.reason ? { reason: this.extra.reason } : {}),
      ...(this.extra.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.extra.retryAfterSeconds } : {}),
    };
  }
}

export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
