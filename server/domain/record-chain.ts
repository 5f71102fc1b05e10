import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { Actor } from './case-types.ts';
import { GENESIS_HASH } from './case-log.ts';

/**
 * A hash-chained log of something that is not a mediation case (the grid registry, a grid
 * worker's lighter items): the same link shape and hashing as the case log, so one verifier's
 * habits serve both. `stream` names the log (`grid-registry`, `item:<id>`).
 */
export interface ChainRecord<Type extends string = string, Data = unknown> {
  stream: string;
  seq: number;
  type: Type;
  actor: Actor;
  at: string;
  data: Data;
  prevHash: string;
  hash: string;
}

export function hashRecord(record: Omit<ChainRecord, 'hash'>): string {
  const { stream, seq, type, actor, at, data, prevHash } = record;
  return createHash('sha256').update(canonicalJson({ stream, seq, type, actor, at, data, prevHash })).digest('hex');
}

/** The next link after `previous` (seq 0 and the genesis hash for a new log). */
export function chainRecord<Type extends string, Data>(stream: string, previous: { seq: number; hash: string } | undefined, draft: { type: Type; data: Data }, actor: Actor, at: string): ChainRecord<Type, Data> {
  const head = previous ?? { seq: 0, hash: GENESIS_HASH };
  const unhashed = { stream, seq: head.seq + 1, type: draft.type, actor, at, data: draft.data, prevHash: head.hash };
  return { ...unhashed, hash: hashRecord(unhashed) };
}

export type RecordChainVerdict = { valid: true; length: number; headHash: string } | { valid: false; length: number; brokenAtSeq: number; reason: 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch' | 'wrong_stream' };

/** Walks the log from its first record and names the first link that does not hold. */
export function verifyRecords(stream: string, records: readonly ChainRecord[]): RecordChainVerdict {
  let prevHash = GENESIS_HASH;
  for (const [index, record] of records.entries()) {
    const seq = index + 1;
    const broken = (reason: Extract<RecordChainVerdict, { valid: false }>['reason']): RecordChainVerdict => ({ valid: false, length: records.length, brokenAtSeq: seq, reason });
    if (record.seq !== seq) return broken('seq_gap');
    if (record.stream !== stream) return broken('wrong_stream');
    if (record.prevHash !== prevHash) return broken('prev_hash_mismatch');
    if (hashRecord(record) !== record.hash) return broken('hash_mismatch');
    prevHash = record.hash;
  }
  return { valid: true, length: records.length, headHash: prevHash };
}
