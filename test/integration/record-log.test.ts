import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/domain/case-types.ts';
import type { ChainRecord } from '../../server/domain/record-chain.ts';
import { AppError } from '../../server/protocol/errors.ts';
import { RecordLog } from '../../server/services/record-log.ts';
import { fileBackend, redisBackend, type StoreFixture } from '../helpers/store-backends.ts';

const actor: Actor = { kind: 'account', accountId: 'grid-1', role: 'grid_worker', name: '王网格' };
const AT = '2026-12-01T01:00:00.000Z';
type Rec = ChainRecord<'item.logged' | 'item.closed', Record<string, unknown>>;

/** The logs of the grid registry and the lighter items live in the key-value store: both stores must keep them alike. */
describe.each([fileBackend(), redisBackend()])('a record log on the $name store', (backend) => {
  let fixture: StoreFixture;

  beforeAll(() => backend.setUp());
  afterAll(() => backend.tearDown());
  beforeEach(async () => {
    fixture = await backend.fresh();
  });
  afterEach(() => fixture.dispose());

  it('reads back its chain after a reopen, and verifies it', async () => {
    const log = new RecordLog<Rec>(fixture.store.kv);
    const first = await log.append('item:i-1', undefined, { type: 'item.logged', data: { title: '消防通道被占' } }, actor, AT);
    await log.append('item:i-1', first, { type: 'item.closed', data: { outcome: '已挪车' } }, actor, AT);
    expect((await log.read('item:i-1')).map((r) => r.seq)).toEqual([1, 2]);

    const reopened = new RecordLog<Rec>((await fixture.reopen()).kv);
    expect((await reopened.read('item:i-1')).map((r) => r.type)).toEqual(['item.logged', 'item.closed']);
    expect(await reopened.verify('item:i-1')).toMatchObject({ valid: true, length: 2 });
    expect(await reopened.read('item:none')).toEqual([]);
  });

  it('lets exactly one of two writers racing for the same seq win; the other gets conflict and writes nothing', async () => {
    const one = new RecordLog<Rec>(fixture.store.kv);
    const two = new RecordLog<Rec>(fixture.store.kv);
    const head = await one.append('item:i-2', undefined, { type: 'item.logged', data: { title: 'x' } }, actor, AT);
    const results = await Promise.allSettled([
      one.append('item:i-2', head, { type: 'item.closed', data: { outcome: 'A' } }, actor, AT),
      two.append('item:i-2', head, { type: 'item.closed', data: { outcome: 'B' } }, actor, AT),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(AppError);
    expect((lost.reason as AppError).code).toBe('conflict');
    const records = await new RecordLog<Rec>(fixture.store.kv).read('item:i-2');
    expect(records).toHaveLength(2);
    // A reader that cached the log earlier sees the winner's record too.
    expect((await two.read('item:i-2')).at(-1)!.data).toEqual(records[1]!.data);
  });
});
