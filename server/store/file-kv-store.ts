import fs from 'node:fs/promises';
import path from 'node:path';
import { moduleLogger } from '../logger.ts';
import { appendLine, CorruptFileError, fsyncDirectory, readJsonl, truncateDurably, DATA_FILE_MODE } from './jsonl-file.ts';
import { KeyedQueue } from '../concurrency/keyed-queue.ts';
import type { KeyValueStore } from './store.ts';
import { decodeValue, encodeValue, StoreInputError, ttlOf } from './store-input.ts';

const log = moduleLogger('file-kv-store');

/** `expiresAt`: ms since epoch (real time) after which the key reads as absent; dropped at compaction. */
type KvOp = { op: 'set'; key: string; value: unknown; expiresAt?: number } | { op: 'del'; key: string };

export interface FileKvOptions {
  /** Rewrite the log once it holds this many ops and more than four per live key. */
  compactAfterOps?: number;
}

/** An append-only log of set/del ops (`kv.jsonl`), replayed into memory at open. */
export class FileKeyValueStore implements KeyValueStore {
  /** JSON text, so every `get` hands out a fresh copy, as Redis does. */
  readonly #values = new Map<string, string>();
  readonly #expiries = new Map<string, number>();
  // One queue for all keys: the ops share one file, and increment/setIfAbsent read-then-write.
  readonly #queue = new KeyedQueue();
  readonly #compactAfterOps: number;
  #opsInLog = 0;
  /** Acknowledged bytes of the log; a failed write leaves a tail beyond them that the next write cuts off. */
  #intactLength = 0;
  #hasTail = false;
  #handle: fs.FileHandle;
  #dirEntryPending = false;
  #closed = false;

  private constructor(
    readonly file: string,
    handle: fs.FileHandle,
    options: FileKvOptions,
  ) {
    this.#handle = handle;
    this.#compactAfterOps = options.compactAfterOps ?? 10_000;
  }

  static async load(file: string, options: FileKvOptions = {}): Promise<FileKeyValueStore> {
    const contents = await readJsonl(file);
    const handle = await fs.open(file, 'a', DATA_FILE_MODE);
    const store = new FileKeyValueStore(file, handle, options);
    if (!contents) {
      await fsyncDirectory(path.dirname(file));
      return store;
    }
    for (const op of contents.records) store.#apply(asKvOp(op, file));
    store.#opsInLog = contents.records.length;
    store.#intactLength = contents.intactLength;
    if (contents.fileLength > contents.intactLength) {
      log.warn({ keptBytes: contents.intactLength }, 'cutting an unacknowledged torn op off the key-value log');
      await truncateDurably(handle, contents.intactLength);
    }
    return store;
  }

  async get<T>(key: string): Promise<T | undefined> {
    this.#assertOpen();
    const json = this.#live(key);
    return json === undefined ? undefined : decodeValue<T>(json);
  }

  async set<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<void> {
    const json = encodeValue(value);
    const ttl = ttlOf(options);
    await this.#serialized(() => this.#write({ op: 'set', key, value: JSON.parse(json) as unknown, ...(ttl ? { expiresAt: Date.now() + ttl * 1000 } : {}) }));
  }

  async setIfAbsent<T>(key: string, value: T): Promise<boolean> {
    const json = encodeValue(value);
    return this.#serialized(async () => {
      if (this.#live(key) !== undefined) return false;
      await this.#write({ op: 'set', key, value: JSON.parse(json) as unknown });
      return true;
    });
  }

  async delete(key: string): Promise<void> {
    await this.#serialized(async () => {
      if (this.#values.has(key)) await this.#write({ op: 'del', key });
    });
  }

  async take<T>(key: string): Promise<T | undefined> {
    return this.#serialized(async () => {
      const json = this.#live(key);
      if (json === undefined) return undefined;
      // In the queue, and durable before the value is handed out: no second taker, not even after a crash.
      await this.#write({ op: 'del', key });
      return decodeValue<T>(json);
    });
  }

  async increment(key: string, options?: { ttlSeconds?: number }): Promise<number> {
    const ttl = ttlOf(options);
    return this.#serialized(async () => {
      const json = this.#live(key);
      const current: unknown = json === undefined ? 0 : JSON.parse(json);
      if (typeof current !== 'number' || !Number.isSafeInteger(current)) throw new StoreInputError(`key ${key} does not hold an integer`);
      // Like Redis INCR, a live key keeps its expiry; the TTL is for a counter that has none.
      const expiresAt = (json === undefined ? undefined : this.#expiries.get(key)) ?? (ttl ? Date.now() + ttl * 1000 : undefined);
      await this.#write({ op: 'set', key, value: current + 1, ...(expiresAt ? { expiresAt } : {}) });
      return current + 1;
    });
  }

  async keys(prefix: string): Promise<string[]> {
    this.#assertOpen();
    return [...this.#values.keys()].filter((key) => key.startsWith(prefix) && this.#live(key) !== undefined);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue.drain();
    await this.#handle.close();
  }

  async #serialized<T>(task: () => Promise<T>): Promise<T> {
    this.#assertOpen();
    const result = await this.#queue.run('kv', task);
    if (this.#worthCompacting()) {
      void this.#queue.run('kv', () => this.#compact()).catch((error: unknown) => log.error({ err: error }, 'key-value log compaction failed'));
    }
    return result;
  }

  /** Durable first, visible second: nothing is readable that a crash could take back. */
  async #write(op: KvOp): Promise<void> {
    if (this.#dirEntryPending) {
      await fsyncDirectory(path.dirname(this.file));
      this.#dirEntryPending = false;
    }
    const line = Buffer.from(`${JSON.stringify(op)}\n`);
    try {
      if (this.#hasTail) await truncateDurably(this.#handle, this.#intactLength);
      await appendLine(this.#handle, line);
    } catch (error) {
      this.#hasTail = true;
      throw error;
    }
    this.#hasTail = false;
    this.#intactLength += line.length;
    this.#opsInLog++;
    this.#apply(op);
  }

  #apply(op: KvOp): void {
    if (op.op === 'set') {
      this.#values.set(op.key, JSON.stringify(op.value));
      if (op.expiresAt !== undefined) this.#expiries.set(op.key, op.expiresAt);
      else this.#expiries.delete(op.key);
    } else {
      this.#values.delete(op.key);
      this.#expiries.delete(op.key);
    }
  }

  /** The key's JSON unless absent or past its expiry. */
  #live(key: string): string | undefined {
    const expiresAt = this.#expiries.get(key);
    if (expiresAt !== undefined && expiresAt <= Date.now()) return undefined;
    return this.#values.get(key);
  }

  /** Writes the live keys to a new file and swaps it in with a rename. */
  async #compact(): Promise<void> {
    if (this.#closed || !this.#worthCompacting()) return;
    const next = `${this.file}.compacting`;
    // Expired keys are left behind here: this is where they stop taking space.
    const lines = [...this.#values]
      .filter(([key]) => this.#live(key) !== undefined)
      .map(([key, json]) => {
        const expiresAt = this.#expiries.get(key);
        return `{"op":"set","key":${JSON.stringify(key)},"value":${json}${expiresAt !== undefined ? `,"expiresAt":${expiresAt}` : ''}}\n`;
      });
    const content = Buffer.from(lines.join(''));
    await fs.rm(next, { force: true });
    const handle = await fs.open(next, 'a', DATA_FILE_MODE);
    try {
      await appendLine(handle, content);
      await fs.rename(next, this.file);
    } catch (error) {
      await handle.close();
      await fs.rm(next, { force: true });
      throw error;
    }
    const previous = this.#handle;
    this.#handle = handle;
    for (const key of [...this.#values.keys()]) {
      if (this.#live(key) === undefined) {
        this.#values.delete(key);
        this.#expiries.delete(key);
      }
    }
    this.#opsInLog = lines.length;
    this.#intactLength = content.length;
    this.#hasTail = false;
    // Until the directory is flushed a crash could bring the old log back without the ops appended to the
    // new one, so no later op is written before the rename is durable.
    this.#dirEntryPending = true;
    await fsyncDirectory(path.dirname(this.file));
    this.#dirEntryPending = false;
    await previous.close();
  }

  #worthCompacting(): boolean {
    return this.#opsInLog >= this.#compactAfterOps && this.#opsInLog > 4 * this.#values.size;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('the file store is closed');
  }
}

function asKvOp(value: unknown, file: string): KvOp {
  const op = value as Partial<KvOp> | null;
  if (typeof op === 'object' && op !== null && typeof op.key === 'string' && (op.op === 'del' || (op.op === 'set' && 'value' in op))) return op as KvOp;
  throw new CorruptFileError(`${file}: a record is not a key-value op`);
}
