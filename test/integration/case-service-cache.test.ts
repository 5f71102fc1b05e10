import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainEvents, GENESIS_HASH } from '../../server/domain/case-log.ts';
import type { EventDraft } from '../../server/domain/case-events.ts';
import type { Actor } from '../../server/domain/case-types.ts';
import { CaseService } from '../../server/services/case-service.ts';
import { systemClock } from '../../server/services/clock.ts';
import { openRedisStore } from '../../server/store/redis-store.ts';
import type { Store } from '../../server/store/store.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';

/*
 * Two server instances on one Redis each keep folded case states in memory. What one appends, the
 * other sees on its next read (it folds on from its cached state); a log that no longer continues
 * the cached chain is read afresh.
 */

let redis: RedisServer;
const stores: Store[] = [];
const mediator: Actor = { kind: 'account', accountId: 'acct-li', role: 'mediator', name: '李调解' };

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const store of stores) await store.close();
  await redis?.destroy();
});

async function instance(): Promise<{ cases: CaseService; store: Store }> {
  const store = await openRedisStore(redis.url);
  stores.push(store);
  return { cases: new CaseService(store, systemClock), store };
}

const basics = { caseNumber: '（2026）云调字第9号', channel: 'grid_report', disputeType: 'neighbour', title: '漏水纠纷', summary: '楼上漏水。', areaCode: '370785', orgId: 'baicheng', tier: 'grid' } as const;
const party = (participantId: string, name: string, role: 'applicant' | 'respondent'): EventDraft => ({ type: 'participant.added', data: { participant: { participantId, role, personKind: 'natural', name } } });

describe('case states cached per instance', () => {
  it('follow what another instance appended', async () => {
    const [a, b] = [await instance(), await instance()];
    const opened = await a.cases.open(mediator, { type: 'case.opened', data: basics });
    expect((await b.cases.get(opened.caseId))!.lastSeq).toBe(1);
    await a.cases.execute(opened.caseId, mediator, () => [party('p-1', '张三', 'applicant')]);
    const seen = (await b.cases.get(opened.caseId))!;
    expect(seen.lastSeq).toBe(2);
    expect(seen.participants.map((p) => p.name)).toEqual(['张三']);
    // B decides on what it now holds; its append continues the chain A wrote.
    await b.cases.execute(opened.caseId, mediator, () => [party('p-2', '李四', 'respondent')]);
    expect((await a.cases.get(opened.caseId))!.participants.map((p) => p.name)).toEqual(['张三', '李四']);
    expect((await a.cases.verify(opened.caseId)).valid).toBe(true);
  });

  it('read a log afresh when it no longer continues the cached chain', async () => {
    const [a, b] = [await instance(), await instance()];
    const opened = await a.cases.open(mediator, { type: 'case.opened', data: basics });
    await a.cases.execute(opened.caseId, mediator, () => [party('p-1', '张三', 'applicant')]);
    expect((await b.cases.get(opened.caseId))!.lastSeq).toBe(2);

    // The log replaced behind B's back (a restore from another backup, say), now longer than B's copy.
    const raw = createClient({ url: redis.url });
    await raw.connect();
    await raw.del(await raw.keys(`*case:${opened.caseId}:events`));
    await raw.close();
    const replacement = chainEvents(
      opened.caseId,
      { seq: 0, hash: GENESIS_HASH },
      [{ type: 'case.opened', data: { ...basics, title: '重新立案的纠纷' } }, party('p-9', '王五', 'applicant'), party('p-8', '赵六', 'respondent')],
      mediator,
      new Date().toISOString(),
    );
    await a.store.events.append(opened.caseId, 0, replacement);

    const fresh = (await b.cases.get(opened.caseId))!;
    expect(fresh.title).toBe('重新立案的纠纷');
    expect(fresh.participants.map((p) => p.name)).toEqual(['王五', '赵六']);
  });
});
