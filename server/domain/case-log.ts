import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { CaseEvent, EventDraft } from './case-events.ts';
import type { Actor } from './case-types.ts';

/** The `prevHash` of a case's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the canonical encoding of everything in the event except its own hash. */
export function hashEvent(event: Omit<CaseEvent, 'hash'>): string {
  const { caseId, seq, type, actor, at, data, prevHash } = event;
  return createHash('sha256').update(canonicalJson({ caseId, seq, type, actor, at, data, prevHash })).digest('hex');
}

/** Turns decisions into the next links of the chain after `previous` (seq 0 / genesis for a new case). */
export function chainEvents(
  caseId: string,
  previous: { seq: number; hash: string },
  drafts: EventDraft[],
  actor: Actor,
  at: string,
): CaseEvent[] {
  const events: CaseEvent[] = [];
  let prev = previous;
  for (const draft of drafts) {
    const unhashed = { ...draft, caseId, seq: prev.seq + 1, actor, at, prevHash: prev.hash } as Omit<CaseEvent, 'hash'>;
    const event = { ...unhashed, hash: hashEvent(unhashed) } as CaseEvent;
    events.push(event);
    prev = event;
  }
  return events;
}

export type ChainVerdict =
  | { valid: true; length: number; headHash: string }
  | { valid: false; length: number; brokenAtSeq: number; reason: 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch' | 'wrong_case' };

/** Walks the chain from the first event and names the first link that does not hold. */
export function verifyChain(caseId: string, events: readonly CaseEvent[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const expectedSeq = index + 1;
    const broken = (reason: Extract<ChainVerdict, { valid: false }>['reason']): ChainVerdict => ({
      valid: false,
      length: events.length,
      brokenAtSeq: expectedSeq,
      reason,
    });
    if (event.seq !== expectedSeq) return broken('seq_gap');
    if (event.caseId !== caseId) return broken('wrong_case');
    if (event.prevHash !== prevHash) return broken('prev_hash_mismatch');
    if (hashEvent(event) !== event.hash) return broken('hash_mismatch');
    prevHash = event.hash;
  }
  return { valid: true, length: events.length, headHash: prevHash };
}
