import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../server/domain/case-log.ts';
import { openRedisStore } from '../../server/store/redis-store.ts';
import { StoreConflictError, type IndexChange, type Store } from '../../server/store/store.ts';
import { StoreInputError } from '../../server/store/store-input.ts';
import { freePort } from '../helpers/processes.ts';
import { fileBackend, openingEvents, redisBackend, scheduledSession, type StoreFixture } from '../helpers/store-backends.ts';

const redis = redisBackend();

const added = (caseId: string, ...indexes: string[]): IndexChange[] => indexes.map((index) => ({ op: 'add', index, caseId }));
const sorted = (values: readonly string[]) => [...values].sort();

describe.each([fileBackend(), redis])('the $name store', (backend) => {
  let fixture: StoreFixture;
  let store: Store;

  beforeAll(() => backend.setUp());
  afterAll(() => backend.tearDown());
  beforeEach(async () => {
    fixture = await backend.fresh();
    store = fixture.store;
  });
  afterEach(() => fixture.dispose());

  describe('case events', () => {
    it('reads back exactly what was appended, in order, one or several events at a time', async () => {
      const events = openingEvents('case-1');
      await store.events.append('case-1', 0, events.slice(0, 1));
      await store.events.append('case-1', 1, events.slice(1, 4));
      await store.events.append('case-1', 4, events.slice(4));

      expect(await store.events.read('case-1')).toEqual(events);
      expect(verifyChain('case-1', await store.events.read('case-1'))).toMatchObject({ valid: true, length: 5 });
    });

    it('reads the events after a given seq, and refuses a seq that is not a whole number', async () => {
      const events = openingEvents('case-1');
      await store.events.append('case-1', 0, events.slice(0, 2));
      await store.events.append('case-1', 2, events.slice(2));
      expect(await store.events.readAfter('case-1', 0)).toEqual(events);
      expect(await store.events.readAfter('case-1', 2)).toEqual(events.slice(2));
      expect(await store.events.readAfter('case-1', events.length)).toEqual([]);
      expect(await store.events.readAfter('case-1', events.length + 5)).toEqual([]);
      expect(await store.events.readAfter('never-opened', 0)).toEqual([]);
      await expect(store.events.readAfter('case-1', -1)).rejects.toBeInstanceOf(StoreInputError);
      await expect(store.events.readAfter('case-1', 1.5)).rejects.toBeInstanceOf(StoreInputError);
    });

    it('reads an unknown case as empty', async () => {
      expect(await store.events.read('never-opened')).toEqual([]);
    });

    it('rejects a wrong expected seq with StoreConflictError and writes nothing', async () => {
      const events = openingEvents('case-1');
      await store.events.append('case-1', 0, events.slice(0, 2), added('case-1', 'all'));

      const stale = store.events.append('case-1', 0, openingEvents('case-1', 1), added('case-1', 'org:stale'));
      await expect(stale).rejects.toBeInstanceOf(StoreConflictError);
      await expect(stale).rejects.toMatchObject({ caseId: 'case-1', expectedSeq: 0, actualSeq: 2 });
      const ahead = store.events.append('case-1', 3, scheduledSession('case-1', { seq: 3, hash: 'x'.repeat(64) }, 's-1'), added('case-1', 'org:ahead'));
      await expect(ahead).rejects.toMatchObject({ name: 'StoreConflictError', expectedSeq: 3, actualSeq: 2 });
      const newCase = store.events.append('case-2', 2, scheduledSession('case-2', { seq: 2, hash: 'x'.repeat(64) }, 's-1'));
      await expect(newCase).rejects.toMatchObject({ name: 'StoreConflictError', expectedSeq: 2, actualSeq: 0 });

      expect(await store.events.read('case-1')).toEqual(events.slice(0, 2));
      expect(await store.events.read('case-2')).toEqual([]);
      expect(await store.events.listIndex('org:stale')).toEqual([]);
      expect(await store.events.listIndex('org:ahead')).toEqual([]);
    });

    it('lets exactly one of 20 racing appends for the same seq win', async () => {
      const opening = openingEvents('case-1', 2);
      await store.events.append('case-1', 0, opening);
      const head = opening[1]!;
      const racers = Array.from({ length: 20 }, (_, i) => scheduledSession('case-1', head, `s-${i}`));

      const outcomes = await Promise.allSettled(racers.map((events, i) => store.events.append('case-1', 2, events, added('case-1', `racer:${i}`))));

      const winners = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ name: 'StoreConflictError', expectedSeq: 2, actualSeq: 3 });
      }
      const winner = winners[0]!;
      expect(await store.events.read('case-1')).toEqual([...opening, ...racers[winner]!]);
      for (let i = 0; i < racers.length; i++) expect(await store.events.listIndex(`racer:${i}`)).toEqual(i === winner ? ['case-1'] : []);
    });

    it('applies index additions and removals with the events they came with', async () => {
      const one = openingEvents('case-1');
      const two = openingEvents('case-2');
      await store.events.append('case-1', 0, one.slice(0, 3), added('case-1', 'all', 'org:org-xixi'));
      await store.events.append('case-2', 0, two.slice(0, 3), added('case-2', 'all', 'org:org-xixi'));
      await store.events.append('case-1', 3, one.slice(3, 4), added('case-1', 'mediator:acct-wang'));
      await store.events.append('case-1', 4, one.slice(4), [
        { op: 'remove', index: 'mediator:acct-wang', caseId: 'case-1' },
        { op: 'add', index: 'mediator:acct-zhao', caseId: 'case-1' },
        { op: 'remove', index: 'org:never-joined', caseId: 'case-1' },
      ]);

      expect(sorted(await store.events.listIndex('all'))).toEqual(['case-1', 'case-2']);
      expect(sorted(await store.events.listIndex('org:org-xixi'))).toEqual(['case-1', 'case-2']);
      expect(await store.events.listIndex('mediator:acct-wang')).toEqual([]);
      expect(await store.events.listIndex('mediator:acct-zhao')).toEqual(['case-1']);
      expect(await store.events.listIndex('court:none')).toEqual([]);
    });

    it('refuses malformed input before writing anything', async () => {
      const events = openingEvents('case-1');
      for (const caseId of ['', '../escape', 'a/b', 'case 1', 'x'.repeat(65), 'case:1']) {
        await expect(store.events.append(caseId, 0, events.slice(0, 1))).rejects.toBeInstanceOf(StoreInputError);
        await expect(store.events.read(caseId)).rejects.toBeInstanceOf(StoreInputError);
      }
      await expect(store.events.append('case-1', 0, [])).rejects.toBeInstanceOf(StoreInputError);
      await expect(store.events.append('case-1', 0, events.slice(1, 2))).rejects.toThrow(/expected case-1#1/);
      await expect(store.events.append('case-2', 0, events.slice(0, 1))).rejects.toBeInstanceOf(StoreInputError);
      await expect(store.events.append('case-1', 0, events.slice(0, 1), added('case-2', 'all'))).rejects.toThrow(/another case/);
      expect(await store.events.read('case-1')).toEqual([]);
      expect(await store.events.listIndex('all')).toEqual([]);
    });

    it('exposes a tampered stored event to verifyChain at its seq', async () => {
      const events = openingEvents('case-1');
      await store.events.append('case-1', 0, events.slice(0, 2));
      await store.events.append('case-1', 2, events.slice(2));

      await fixture.tamper('case-1', 3, (event) => {
        if (event.type === 'participant.added') event.data.participant.name = '李四';
      });
      const reopened = await fixture.reopen();

      const stored = await reopened.events.read('case-1');
      expect(stored).toHaveLength(5);
      expect(verifyChain('case-1', stored)).toEqual({ valid: false, length: 5, brokenAtSeq: 3, reason: 'hash_mismatch' });
    });
  });

  describe('key-values', () => {
    it('gets, sets, overwrites and deletes', async () => {
      expect(await store.kv.get('account:1')).toBeUndefined();
      await store.kv.set('account:1', { name: '陈静', roles: ['mediator'] });
      await store.kv.set('account:1', { name: '陈静', roles: ['mediator', 'admin'] });
      expect(await store.kv.get('account:1')).toEqual({ name: '陈静', roles: ['mediator', 'admin'] });
      await store.kv.delete('account:1');
      await store.kv.delete('account:never');
      expect(await store.kv.get('account:1')).toBeUndefined();
    });

    it('writes with setIfAbsent only when the key is absent, also under a race', async () => {
      expect(await store.kv.setIfAbsent('binding:device-1', 'p-zhang')).toBe(true);
      expect(await store.kv.setIfAbsent('binding:device-1', 'p-li')).toBe(false);
      expect(await store.kv.get('binding:device-1')).toBe('p-zhang');

      const racers = await Promise.all(Array.from({ length: 10 }, (_, i) => store.kv.setIfAbsent('binding:device-2', `p-${i}`)));
      expect(racers.filter(Boolean)).toHaveLength(1);
      expect(await store.kv.get('binding:device-2')).toBe(`p-${racers.indexOf(true)}`);
    });

    it('increments from 0, hands out each of 50 concurrent values once, and reads counters as numbers', async () => {
      expect(await store.kv.increment('counter:a')).toBe(1);
      expect(await store.kv.increment('counter:a')).toBe(2);
      expect(await store.kv.get('counter:a')).toBe(2);

      const values = await Promise.all(Array.from({ length: 50 }, () => store.kv.increment('counter:b')));
      expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await store.kv.get('counter:b')).toBe(50);

      await store.kv.set('counter:c', 41);
      expect(await store.kv.increment('counter:c')).toBe(42);
      await store.kv.set('not-a-counter', { n: 1 });
      await expect(store.kv.increment('not-a-counter')).rejects.toThrow();
    });

    it('hands a key out once with take: of 20 racing takers exactly one gets the value, and it stays gone', async () => {
      expect(await store.kv.take('refresh:never')).toBeUndefined();
      await store.kv.set('refresh:once', { familyId: 'f-1' });
      expect(await store.kv.take('refresh:once')).toEqual({ familyId: 'f-1' });
      expect(await store.kv.take('refresh:once')).toBeUndefined();
      expect(await store.kv.get('refresh:once')).toBeUndefined();

      await store.kv.set('refresh:raced', { familyId: 'f-2' }, { ttlSeconds: 3600 });
      const takers = await Promise.all(Array.from({ length: 20 }, () => store.kv.take<{ familyId: string }>('refresh:raced')));
      expect(takers.filter((taken) => taken !== undefined)).toEqual([{ familyId: 'f-2' }]);

      await store.kv.set('refresh:kept', 'still here');
      const reopened = await fixture.reopen();
      expect(await reopened.kv.get('refresh:raced')).toBeUndefined();
      expect(await reopened.kv.take('refresh:kept')).toBe('still here');
      const again = await fixture.reopen();
      expect(await again.kv.get('refresh:kept')).toBeUndefined();
      expect(await again.kv.keys('refresh:')).toEqual([]);
    });

    it('counts every one of 50 concurrent increments with a TTL, which starts with the counter and is not renewed by later increments', async () => {
      const values = await Promise.all(Array.from({ length: 50 }, () => store.kv.increment('failures:burst', { ttlSeconds: 3600 })));
      expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

      expect(await store.kv.increment('failures:short', { ttlSeconds: 1 })).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await store.kv.increment('failures:short', { ttlSeconds: 1 })).toBe(2);
      const reopened = await fixture.reopen();
      expect(await reopened.kv.get('failures:short')).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(await reopened.kv.get('failures:short')).toBeUndefined();
      expect(await reopened.kv.get('failures:burst')).toBe(50);
      // Once expired, the next increment starts a new counter with a new TTL.
      expect(await reopened.kv.increment('failures:short', { ttlSeconds: 3600 })).toBe(1);
      await expect(reopened.kv.increment('failures:bad-ttl', { ttlSeconds: -1 })).rejects.toThrow(/ttlSeconds/);
      expect(await reopened.kv.get('failures:bad-ttl')).toBeUndefined();
    });

    it('lists keys by prefix, taking glob characters literally', async () => {
      await Promise.all(['revoked:a', 'revoked:b', 'revokedX', 'account:1', 'odd*[key]?:1', 'odd*other'].map((key) => store.kv.set(key, true)));
      expect(sorted(await store.kv.keys('revoked:'))).toEqual(['revoked:a', 'revoked:b']);
      expect(sorted(await store.kv.keys('odd*['))).toEqual(['odd*[key]?:1']);
      expect(sorted(await store.kv.keys(''))).toEqual(['account:1', 'odd*[key]?:1', 'odd*other', 'revoked:a', 'revoked:b', 'revokedX']);
      expect(await store.kv.keys('none:')).toEqual([]);
    });

    it('lets a key with a TTL go away on its own, everywhere it could be seen, and keeps it across a reopen until then', async () => {
      await store.kv.set('revoked-jti:short', { until: 'soon' }, { ttlSeconds: 1 });
      await store.kv.set('revoked-jti:long', { until: 'later' }, { ttlSeconds: 3600 });
      await store.kv.set('revoked-jti:short-counter', 1, { ttlSeconds: 1 });
      expect(await store.kv.get('revoked-jti:short')).toEqual({ until: 'soon' });
      expect(await store.kv.increment('revoked-jti:short-counter')).toBe(2);
      const reopened = await fixture.reopen();
      expect(await reopened.kv.get('revoked-jti:short')).toEqual({ until: 'soon' });
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(await reopened.kv.get('revoked-jti:short')).toBeUndefined();
      expect(await reopened.kv.get('revoked-jti:short-counter')).toBeUndefined();
      expect(sorted(await reopened.kv.keys('revoked-jti:'))).toEqual(['revoked-jti:long']);
      expect(await reopened.kv.setIfAbsent('revoked-jti:short', { until: 'again' })).toBe(true);
      expect(await reopened.kv.get('revoked-jti:short')).toEqual({ until: 'again' });
      // A plain set takes the expiry away.
      await reopened.kv.set('revoked-jti:long', { until: 'never' });
      expect(await reopened.kv.get('revoked-jti:long')).toEqual({ until: 'never' });
      await expect(reopened.kv.set('bad-ttl', 1, { ttlSeconds: 0 })).rejects.toThrow(/ttlSeconds/);
    });

    it('round-trips nested values and Chinese text exactly', async () => {
      const value = {
        name: '欧阳·娜仁花',
        address: { province: '内蒙古自治区', lines: ['呼和浩特市', '新城区 12 号 "东" 楼'] },
        amounts: [3200, -0.5, 0, 1e21],
        flags: { signed: true, sealed: false, witness: null },
        emoji: '调解成功 👍',
        escapes: 'line\nbreak\ttab\\slash\u2028',
      };
      await store.kv.set('nested', value);
      expect(await store.kv.get('nested')).toEqual(value);
      expect(await store.kv.get('nested')).not.toBe(await store.kv.get('nested'));
    });
  });

  it('keeps events, indexes and key-values across close and reopen', async () => {
    const events = openingEvents('case-1');
    await store.events.append('case-1', 0, events.slice(0, 3), added('case-1', 'all', 'court:hz-xihu'));
    await store.events.append('case-1', 3, events.slice(3), [{ op: 'remove', index: 'court:hz-xihu', caseId: 'case-1' }]);
    await store.kv.set('account:1', { name: '陈静' });
    await store.kv.set('gone', 1);
    await store.kv.delete('gone');
    await store.kv.increment('case-number:2025');
    await store.kv.increment('case-number:2025');

    const reopened = await fixture.reopen();

    expect(await reopened.events.read('case-1')).toEqual(events);
    expect(await reopened.events.listIndex('all')).toEqual(['case-1']);
    expect(await reopened.events.listIndex('court:hz-xihu')).toEqual([]);
    expect(await reopened.kv.get('account:1')).toEqual({ name: '陈静' });
    expect(await reopened.kv.get('gone')).toBeUndefined();
    expect(await reopened.kv.increment('case-number:2025')).toBe(3);
    await expect(reopened.events.append('case-1', 4, scheduledSession('case-1', events[3]!, 's-1'))).rejects.toBeInstanceOf(StoreConflictError);
    await reopened.events.append('case-1', 5, scheduledSession('case-1', events[4]!, 's-1'));
    expect(verifyChain('case-1', await reopened.events.read('case-1'))).toMatchObject({ valid: true, length: 6 });
  });
});

describe('the redis store only', () => {
  beforeAll(() => redis.setUp());
  afterAll(() => redis.tearDown());

  it('applies nothing of an append when one of its index keys has the wrong type', async () => {
    const fixture = await redis.fresh();
    const client = createClient({ url: fixture.url });
    try {
      await client.connect();
      await client.set(`${fixture.keyPrefix}index:all`, 'not a set');

      const append = fixture.store.events.append('case-1', 0, openingEvents('case-1', 2), added('case-1', 'org:org-xixi', 'all'));

      await expect(append).rejects.toThrow(/WRONGTYPE/);
      expect(await fixture.store.events.read('case-1')).toEqual([]);
      expect(await fixture.store.events.listIndex('org:org-xixi')).toEqual([]);
    } finally {
      await client.close();
      await fixture.dispose();
    }
  });

  it('fails to open, promptly, when nothing listens at the URL', async () => {
    const started = Date.now();
    await expect(openRedisStore(`redis://127.0.0.1:${await freePort()}`)).rejects.toThrow(/ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
