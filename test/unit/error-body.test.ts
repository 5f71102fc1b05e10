import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_REASONS, readErrorBody } from '../../server/protocol/error-body.ts';
import { ErrorBodySchema } from '../../server/protocol/errors.ts';
import { IdLast4Schema } from '../../server/protocol/identity.ts';
import { isIdLast4 } from '../../server/protocol/id-last4.ts';

/*
 * The resident's pages read errors and check ID digits without zod (protocol/error-body.ts,
 * id-last4.ts). These hold the hand-written readers to the schemas the server speaks with.
 */

const almostErrorBody = fc.record(
  {
    code: fc.oneof(fc.constantFrom(...ERROR_CODES), fc.string(), fc.integer()),
    message: fc.oneof(fc.string(), fc.constant(undefined), fc.integer()),
    fields: fc.oneof(fc.constant(undefined), fc.array(fc.record({ path: fc.oneof(fc.string(), fc.integer()), message: fc.string() }, { requiredKeys: ['message'] })), fc.string()),
    reason: fc.oneof(fc.constant(undefined), fc.constantFrom(...ERROR_REASONS), fc.string()),
    retryAfterSeconds: fc.oneof(fc.constant(undefined), fc.integer({ min: -5, max: 100 }), fc.double(), fc.string()),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('reading an error body without zod', () => {
  it('accepts exactly what ErrorBodySchema accepts, and yields the same value', () => {
    fc.assert(
      fc.property(fc.oneof(almostErrorBody, fc.anything()), (value) => {
        const parsed = ErrorBodySchema.safeParse(value);
        expect(readErrorBody(value)).toEqual(parsed.success ? parsed.data : undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a real refusal', () => {
    const body = { code: 'rate_limited', message: 'Too many requests.', retryAfterSeconds: 3, fields: [{ path: 'text', message: 'too long' }], reason: 'room_locked' };
    expect(readErrorBody(body)).toEqual(body);
    expect(readErrorBody({ ...body, code: 'teapot' })).toBeUndefined();
  });
});

describe('the last four ID characters without zod', () => {
  it('agrees with IdLast4Schema on typed text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\s?[0-9xX]{3,5}\s?$/), fc.string({ maxLength: 6 })), (typed) => {
        expect(isIdLast4(typed)).toBe(IdLast4Schema.safeParse(typed).success);
      }),
      { numRuns: 2000 },
    );
  });
});
