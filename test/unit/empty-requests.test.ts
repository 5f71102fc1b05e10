import { describe, expect, it } from 'vitest';
import { requests, type RequestName } from '../../server/protocol/index.ts';

/*
 * A request that needs nothing (or only optional fields) must not quietly accept whatever else a
 * client sends: `{ foo: 1 }` is a malformed request, answered `invalid_input` like any other.
 */
const acceptingEmpty = (Object.keys(requests) as RequestName[]).filter((event) => requests[event].request.safeParse({}).success);

describe('requests that take no parameters', () => {
  it('are the ones we expect', () => {
    expect(acceptingEmpty.sort()).toEqual(['caucus:end', 'room:end', 'room:enter', 'room:joinMedia', 'room:leave']);
  });

  it.each(acceptingEmpty)('%s rejects an unknown field', (event) => {
    expect(requests[event].request.safeParse({ foo: 1 }).success).toBe(false);
  });
});
