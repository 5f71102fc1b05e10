import type { CaseEvent } from '../domain/case-events.ts';
import type { IndexChange } from './store.ts';

/** A caller's mistake (a malformed id, events out of sequence), as opposed to a conflict or an I/O failure. */
export class StoreInputError extends Error {
  override name = 'StoreInputError';
}

const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Case ids become file names and Redis key segments: nothing that could leave a directory or forge another key. */
export function assertCaseId(caseId: string): void {
  if (!CASE_ID.test(caseId)) throw new StoreInputError(`invalid case id ${JSON.stringify(caseId)}`);
}

export function isCaseId(value: string): boolean {
  return CASE_ID.test(value);
}

/** Checks what both stores rely on before anything is written. */
export function assertAppendable(caseId: string, expectedSeq: number, events: readonly CaseEvent[], indexChanges: readonly IndexChange[]): void {
  assertCaseId(caseId);
  if (!Number.isSafeInteger(expectedSeq) || expectedSeq < 0) throw new StoreInputError(`case ${caseId}: invalid expected seq ${expectedSeq}`);
  if (events.length === 0) throw new StoreInputError(`case ${caseId}: nothing to append`);
  for (const [offset, event] of events.entries()) {
    if (event.caseId !== caseId || event.seq !== expectedSeq + 1 + offset) {
      throw new StoreInputError(`case ${caseId}: event ${offset} is ${event.caseId}#${event.seq}, expected ${caseId}#${expectedSeq + 1 + offset}`);
    }
  }
  for (const change of indexChanges) {
    if (change.op !== 'add' && change.op !== 'remove') throw new StoreInputError(`case ${caseId}: invalid index op ${JSON.stringify(change.op)}`);
    if (change.index.length === 0) throw new StoreInputError(`case ${caseId}: empty index name`);
    // The file store rebuilds indexes by replaying each case's own file; only changes to the appending
    // case's own membership have an order that replay can reproduce.
    if (change.caseId !== caseId) throw new StoreInputError(`case ${caseId}: index change for another case ${change.caseId}`);
  }
}

/** Values are stored as JSON text; a value JSON cannot represent is refused rather than stored as nothing. */
export function encodeValue(value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new StoreInputError(`value of type ${typeof value} cannot be stored as JSON`);
  return json;
}

export function decodeValue<T>(json: string): T {
  return JSON.parse(json) as T;
}

/** A TTL option in whole seconds (at least 1), or undefined for none; a nonsense TTL is refused. */
export function ttlOf(options: { ttlSeconds?: number } | undefined): number | undefined {
  const ttl = options?.ttlSeconds;
  if (ttl === undefined) return undefined;
  if (!Number.isFinite(ttl) || ttl <= 0) throw new StoreInputError(`ttlSeconds must be a positive number, not ${ttl}`);
  return Math.max(1, Math.ceil(ttl));
}

/** A seq to read after: a whole number from 0. */
export function assertSeq(seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new StoreInputError(`a seq must be a whole number from 0, not ${seq}`);
}
