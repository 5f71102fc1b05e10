import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../server/domain/canonical-json.ts';
import { chainEvents, GENESIS_HASH, hashEvent, verifyChain } from '../../../server/domain/case-log.ts';
import type { CaseEvent } from '../../../server/domain/case-events.ts';
import { caseIn } from './case-fixtures.ts';

describe('canonicalJson', () => {
  it('encodes equal values identically whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, 'x'] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('drops undefined members and keeps Chinese text as is', () => {
    expect(canonicalJson({ name: '张三', note: undefined })).toBe('{"name":"张三"}');
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

describe('the hash chain', () => {
  const events = () => caseIn('signed').events;

  it('links each event to the previous one from the genesis hash', () => {
    const chain = events();
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.prevHash).toBe(chain[i - 1]!.hash);
    expect(verifyChain('case-1', chain)).toEqual({ valid: true, length: chain.length, headHash: chain.at(-1)!.hash });
  });

  it('hashes who, what, when and the previous hash', () => {
    const [event] = events();
    const base = hashEvent(event!);
    expect(hashEvent({ ...event!, at: '2030-01-01T00:00:00.000Z' })).not.toBe(base);
    expect(hashEvent({ ...event!, actor: { kind: 'system' } })).not.toBe(base);
    expect(hashEvent({ ...event!, prevHash: 'f'.repeat(64) })).not.toBe(base);
  });

  it.each([3, 1, 7])('points at event %i when its data was altered', (seq) => {
    const chain = events();
    const tampered = chain.map((event) => (event.seq === seq ? ({ ...event, data: { ...event.data, forged: true } } as unknown as CaseEvent) : event));
    expect(verifyChain('case-1', tampered)).toMatchObject({ valid: false, brokenAtSeq: seq, reason: 'hash_mismatch' });
  });

  it('points at the next event when an event was altered and re-hashed to hide it', () => {
    const chain = events();
    const forged = { ...chain[2]!, at: '2020-01-01T00:00:00.000Z' } as CaseEvent;
    forged.hash = hashEvent(forged);
    const tampered = chain.map((event, index) => (index === 2 ? forged : event));
    expect(verifyChain('case-1', tampered)).toMatchObject({ valid: false, brokenAtSeq: 4, reason: 'prev_hash_mismatch' });
  });

  it('detects a removed event and an event copied from another case', () => {
    const chain = events();
    expect(verifyChain('case-1', [...chain.slice(0, 2), ...chain.slice(3)])).toMatchObject({ valid: false, brokenAtSeq: 3, reason: 'seq_gap' });
    expect(verifyChain('case-2', chain)).toMatchObject({ valid: false, brokenAtSeq: 1, reason: 'wrong_case' });
  });

  it('continues a chain from its head', () => {
    const chain = events();
    const head = chain.at(-1)!;
    const next = chainEvents('case-1', head, [{ type: 'mediation.failed', data: { reason: 'x' } }], { kind: 'system' }, '2026-11-24T03:00:00.000Z');
    expect(next[0]).toMatchObject({ seq: head.seq + 1, prevHash: head.hash });
    expect(verifyChain('case-1', [...chain, ...next]).valid).toBe(true);
  });
});
