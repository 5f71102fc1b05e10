import type { ApiError } from '../api/api-error.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { MessageParams } from '../i18n/i18n.tsx';

/**
 * The text to show under one form field when the API refused it: our own wording for the field
 * when we have one (the server's messages are English and technical), else the server's message.
 */
export function fieldErrorText(
  error: ApiError | undefined,
  path: string,
  t: (key: MessageKey, params?: MessageParams) => string,
  wording?: MessageKey,
): string | undefined {
  const issue = error?.fieldIssue(path);
  if (!issue) return undefined;
  return wording ? t(wording) : issue.message;
}
