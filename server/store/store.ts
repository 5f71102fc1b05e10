import type { CaseEvent } from '../domain/case-events.ts';

/**
 * The event store behind every case. Two implementations (Redis for production, files for
 * `npm start` with no services) pass one conformance suite, `test/integration/store-conformance.test.ts`.
 *
 * Durability contract: when a method's promise resolves, what it wrote survives a crash of
 * this process (and, for Redis with `appendfsync always`, of redis-server).
 */

/** Secondary indexes kept in step with the events: `org:<id>`, `mediator:<id>`, `court:<id>`, `all`. */
export type IndexName = string;

export interface IndexChange {
  op: 'add' | 'remove';
  index: IndexName;
  caseId: string;
}

export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
  constructor(
    readonly caseId: string,
    readonly expectedSeq: number,
    readonly actualSeq: number,
  ) {
    super(`case ${caseId}: expected last seq ${expectedSeq}, found ${actualSeq}`);
  }
}

export interface EventStore {
  /**
   * Appends `events` (seq expectedSeq+1, +2, …) and applies `indexChanges`, all or nothing.
   * Rejects with StoreConflictError, writing nothing, when the case's last seq is not `expectedSeq`
   * (0 for a new case): of two writers racing for seq N, exactly one wins.
   */
  append(caseId: string, expectedSeq: number, events: readonly CaseEvent[], indexChanges?: readonly IndexChange[]): Promise<void>;
  /** Every event of the case in seq order, exactly as stored (verification is the caller's). */
  read(caseId: string): Promise<CaseEvent[]>;
  /** The case's events after seq `afterSeq`, in order: what a reader holding the first `afterSeq` lacks. */
  readAfter(caseId: string, afterSeq: number): Promise<CaseEvent[]>;
  /** Case ids in an index, in no particular order. */
  listIndex(index: IndexName): Promise<string[]>;
}

/** Small records outside the case log: accounts, token revocations, device bindings, secrets, counters. */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  /** With `ttlSeconds` the key goes away on its own that long after (real time): for records that only matter until then. */
  set<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<void>;
  /** Writes only if the key is absent; true when it wrote. */
  setIfAbsent<T>(key: string, value: T): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * Reads and deletes the key in one atomic step: of any number of concurrent takers of a key, exactly one
   * gets its value and the others undefined. For things that may be used once (a refresh token).
   */
  take<T>(key: string): Promise<T | undefined>;
  /**
   * Atomically adds 1 and returns the new value (starting from 0). With `ttlSeconds`, a counter without an
   * expiry (a new one) expires that long after; a live counter keeps the expiry it has, so the window of a
   * count starts at its first increment.
   */
  increment(key: string, options?: { ttlSeconds?: number }): Promise<number>;
  /** Keys starting with `prefix`. */
  keys(prefix: string): Promise<string[]>;
}

export interface Store {
  readonly kind: 'redis' | 'file';
  readonly events: EventStore;
  readonly kv: KeyValueStore;
  close(): Promise<void>;
}
