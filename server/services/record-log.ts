import type { Actor } from '../domain/case-types.ts';
import { chainRecord, verifyRecords, type ChainRecord, type RecordChainVerdict } from '../domain/record-chain.ts';
import { AppError } from '../protocol/errors.ts';
import type { KeyValueStore } from '../store/store.ts';

/**
 * Hash-chained logs kept in the key-value store, one key per record (`chain:<stream>:<seq>`).
 * Appending writes the next seq with setIfAbsent, which both stores do atomically: of two
 * writers racing for seq N exactly one wins, the other gets `conflict` — the compare-and-set the
 * case log gets from its own store. One record per append keeps each append all-or-nothing.
 */
export class RecordLog<R extends ChainRecord> {
  /** Records read so far per stream; a read asks only for what follows (another instance may have appended). */
  private readonly cache = new Map<string, R[]>();

  constructor(private readonly kv: KeyValueStore) {}

  private key(stream: string, seq: number): string {
    return `chain:${stream}:${seq}`;
  }

  async read(stream: string): Promise<R[]> {
    const known = this.cache.get(stream) ?? [];
    const records = [...known];
    for (let seq = records.length + 1; ; seq++) {
      const record = await this.kv.get<R>(this.key(stream, seq));
      if (!record) break;
      records.push(record);
    }
    if (records.length !== known.length) this.cache.set(stream, records);
    return records;
  }

  /** Appends one record after `head` (undefined: the log's first). A lost race is `conflict`, nothing written. */
  async append(stream: string, head: { seq: number; hash: string } | undefined, draft: { type: R['type']; data: R['data'] }, actor: Actor, at: string): Promise<R> {
    const record = chainRecord(stream, head, draft, actor, at) as R;
    if (!(await this.kv.setIfAbsent(this.key(stream, record.seq), record))) throw new AppError('conflict', 'This changed meanwhile; reload and try again.');
    return record;
  }

  async verify(stream: string): Promise<RecordChainVerdict> {
    // Straight from the store: the cache is what this instance read, not necessarily what is there now.
    const records: ChainRecord[] = [];
    for (let seq = 1; ; seq++) {
      const record = await this.kv.get<ChainRecord>(this.key(stream, seq));
      if (!record) break;
      records.push(record);
    }
    return verifyRecords(stream, records);
  }
}
