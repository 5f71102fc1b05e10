import fs from 'node:fs/promises';
import path from 'node:path';
import type { CaseEvent } from '../domain/case-events.ts';
import { moduleLogger } from '../logger.ts';
import { appendLine, CorruptFileError, fsyncDirectory, readJsonl, truncateDurably, DATA_FILE_MODE } from './jsonl-file.ts';
import { KeyedQueue } from '../concurrency/keyed-queue.ts';
import { StoreConflictError, type EventStore, type IndexChange, type IndexName } from './store.ts';
import { assertAppendable, assertCaseId, assertSeq, isCaseId } from './store-input.ts';

const log = moduleLogger('file-event-store');

/** One line of a case file: everything one `append` wrote. */
interface CommitRecord {
  events: CaseEvent[];
  indexChanges: IndexChange[];
}

interface CaseFile {
  lastSeq: number;
  /** Acknowledged bytes; reads stop here, and anything beyond is cut off before the next append. */
  intactLength: number;
  hasTail: boolean;
  exists: boolean;
}

const NEW_CASE: CaseFile = { lastSeq: 0, intactLength: 0, hasTail: false, exists: false };

/** `<casesDir>/<caseId>.jsonl`, one commit record per line; indexes live in memory, rebuilt at open. */
export class FileEventStore implements EventStore {
  readonly #cases = new Map<string, CaseFile>();
  readonly #indexes = new Map<IndexName, Set<string>>();
  readonly #queue = new KeyedQueue();
  #closed = false;

  private constructor(readonly casesDir: string) {}

  /** Replays every case file once: the last seq of each case and all indexes come out of it. */
  static async load(casesDir: string): Promise<FileEventStore> {
    const store = new FileEventStore(casesDir);
    for (const name of (await fs.readdir(casesDir)).sort()) {
      const caseId = name.endsWith('.jsonl') ? name.slice(0, -'.jsonl'.length) : '';
      if (!isCaseId(caseId)) continue;
      const contents = await readJsonl(store.#fileOf(caseId));
      if (!contents) continue;
      const records = contents.records.map((record) => asCommitRecord(record, store.#fileOf(caseId)));
      for (const record of records) applyIndexChanges(store.#indexes, record.indexChanges);
      store.#cases.set(caseId, {
        lastSeq: records.reduce((count, record) => count + record.events.length, 0),
        intactLength: contents.intactLength,
        hasTail: contents.fileLength > contents.intactLength,
        exists: true,
      });
    }
    return store;
  }

  async append(caseId: string, expectedSeq: number, events: readonly CaseEvent[], indexChanges: readonly IndexChange[] = []): Promise<void> {
    assertAppendable(caseId, expectedSeq, events, indexChanges);
    this.#assertOpen();
    return this.#queue.run(caseId, async () => {
      const file = this.#cases.get(caseId) ?? NEW_CASE;
      if (file.lastSeq !== expectedSeq) throw new StoreConflictError(caseId, expectedSeq, file.lastSeq);
      const record: CommitRecord = { events: [...events], indexChanges: [...indexChanges] };
      const line = Buffer.from(`${JSON.stringify(record)}\n`);
      try {
        await this.#write(caseId, file, line);
      } catch (error) {
        // Part of the line may be in the file; it was never acknowledged, so the next append cuts it off.
        this.#cases.set(caseId, { ...file, hasTail: true });
        throw error;
      }
      this.#cases.set(caseId, { lastSeq: expectedSeq + events.length, intactLength: file.intactLength + line.length, hasTail: false, exists: true });
      applyIndexChanges(this.#indexes, indexChanges);
    });
  }

  async read(caseId: string): Promise<CaseEvent[]> {
    assertCaseId(caseId);
    this.#assertOpen();
    const file = this.#cases.get(caseId);
    if (!file || file.intactLength === 0) return [];
    // Stopping at the acknowledged length hides a record that an append in flight has written but not yet flushed.
    const contents = await readJsonl(this.#fileOf(caseId), file.intactLength);
    return (contents?.records ?? []).flatMap((record) => asCommitRecord(record, this.#fileOf(caseId)).events);
  }

  /** The whole file is read either way; a reader still saves folding what it has. */
  async readAfter(caseId: string, afterSeq: number): Promise<CaseEvent[]> {
    assertSeq(afterSeq);
    return (await this.read(caseId)).filter((event) => event.seq > afterSeq);
  }

  async listIndex(index: IndexName): Promise<string[]> {
    this.#assertOpen();
    return [...(this.#indexes.get(index) ?? [])];
  }

  /** Refuses new work and waits for appends already queued. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue.drain();
  }

  async #write(caseId: string, file: CaseFile, line: Buffer): Promise<void> {
    const handle = await fs.open(this.#fileOf(caseId), 'a', DATA_FILE_MODE);
    try {
      if (file.hasTail) {
        log.warn({ caseId, keptBytes: file.intactLength }, 'cutting an unacknowledged torn record off a case file');
        await truncateDurably(handle, file.intactLength);
      }
      await appendLine(handle, line);
    } finally {
      await handle.close();
    }
    if (!file.exists) await fsyncDirectory(this.casesDir);
  }

  #fileOf(caseId: string): string {
    return path.join(this.casesDir, `${caseId}.jsonl`);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('the file store is closed');
  }
}

function applyIndexChanges(indexes: Map<IndexName, Set<string>>, changes: readonly IndexChange[]): void {
  for (const change of changes) {
    let members = indexes.get(change.index);
    if (!members) {
      members = new Set();
      indexes.set(change.index, members);
    }
    if (change.op === 'add') members.add(change.caseId);
    else members.delete(change.caseId);
    if (members.size === 0) indexes.delete(change.index);
  }
}

function asCommitRecord(value: unknown, file: string): CommitRecord {
  const record = value as Partial<CommitRecord> | null;
  if (typeof record !== 'object' || record === null || !Array.isArray(record.events) || !Array.isArray(record.indexChanges)) {
    throw new CorruptFileError(`${file}: a record is not a commit record`);
  }
  return record as CommitRecord;
}

/**
 * Reads one case's events straight from its file without taking the data directory's lock, for
 * verifying a log while the server runs. Read-only; a torn last line is ignored as usual.
 */
export async function readCaseFileUnlocked(dataDir: string, caseId: string): Promise<CaseEvent[]> {
  assertCaseId(caseId);
  const file = path.join(dataDir, 'cases', `${caseId}.jsonl`);
  const contents = await readJsonl(file);
  return contents ? contents.records.flatMap((record) => asCommitRecord(record, file).events) : [];
}
