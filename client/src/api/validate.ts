import { fieldIssuesOf } from '@protocol';
import type { z } from 'zod';
import { ApiError } from './api-error.ts';

/**
 * Checks a request against the protocol schema the server will check it with, before sending, and
 * fails the way the server would (invalid_input with field issues), so a form shows both kinds of
 * refusal in one place. The server remains the judge: some rules (ID check digits, known
 * organisations) only it applies.
 */
export function validateRequest<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError(400, 'invalid_input', 'Invalid request body.', fieldIssuesOf(parsed.error));
  return parsed.data;
}
