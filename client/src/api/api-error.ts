import { readErrorBody, type ErrorCode, type ErrorReason, type FieldIssue } from '@protocol/error-body.ts';

/** `network`: the request never got an answer (offline, server down). */
export type ApiErrorCode = ErrorCode | 'network';

/** A refused or failed API call, carrying the protocol's code and, for forms, the field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields: FieldIssue[] = [],
    /** Which refusal it was, where the server tells several apart under one code. */
    readonly reason?: ErrorReason,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The issue the server reported for one form field (by its path, e.g. `idNumber`). */
  fieldIssue(path: string): FieldIssue | undefined {
    return this.fields.find((issue) => issue.path === path);
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    const body: unknown = await response.json().catch(() => undefined);
    const error = readErrorBody((body as { error?: unknown } | undefined)?.error);
    if (error) return new ApiError(response.status, error.code, error.message, error.fields, error.reason, error.retryAfterSeconds);
    return new ApiError(response.status, response.status >= 500 ? 'internal' : 'invalid_input', `HTTP ${response.status}`);
  }
}

/** Any thrown value as an ApiError, so pages handle one type. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
}
