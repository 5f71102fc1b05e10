/** Why the document engine refused or failed; callers map these to their own error codes. */
export type DocumentErrorCode =
  /** A character has no glyph in the document font (a rare name character, an emoji). */
  | 'unsupported_character'
  /** A signature image is not a PNG pdf-lib can read. */
  | 'invalid_image'
  | 'font_unavailable'
  /** The PDF already carries a signature: rewriting it would break that signature. */
  | 'already_signed'
  /** The signing identity could not be read, does not match, or is incomplete on disk. */
  | 'identity_unavailable'
  | 'signing_failed';

export class DocumentError extends Error {
  readonly details: Record<string, unknown> | undefined;

  constructor(
    readonly code: DocumentErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DocumentError';
    this.details = options?.details;
  }
}
