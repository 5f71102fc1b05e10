import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { startTestServer } from '../helpers/server.ts';
import { signedCaseIn } from '../helpers/signed-case.ts';
import { expectOk, World } from '../helpers/world.ts';

/*
 * The ledger and follow-up on the Redis store, as in production: the survey link kept (digested,
 * expiring) in the key-value store, the follow-up events appended by the Lua script, the ledger
 * and its export read from Redis's indexes.
 */

let redis: RedisServer;
let app: RunningApp;
let world: World;

beforeAll(async () => {
  redis = await startRedis();
  app = await startTestServer({ REDIS_URL: redis.url });
  world = await World.create(app);
});
afterAll(async () => {
  await app?.close();
  await redis?.stop();
});

describe('ledger and follow-up on Redis', () => {
  it('plans and records a follow-up, takes one survey answer per party, and lists and exports the case', async () => {
    expect(app.services.store.kind).toBe('redis');
    const s = await signedCaseIn(world);
    const planned = await expectOk(world.mediator.post(`/cases/${s.caseId}/follow-ups`, { dueDate: '2026-01-01', method: 'phone' }));
    expect((await world.mediator.get(`/ledger?followUp=due`)).body.rows.map((r: { caseId: string }) => r.caseId)).toEqual([s.caseId]);
    await expectOk(world.mediator.post(`/cases/${s.caseId}/follow-ups/${planned.body.followUps[0].followUpId}/record`, { performance: 'not_performed', note: '尚未还款' }));

    const link = await expectOk(world.mediator.post(`/cases/${s.caseId}/surveys`, { participantId: s.respondentId }));
    const token = new URL(link.body.url).hash.slice(1);
    const keys = await app.services.store.kv.keys('survey-link:');
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(token);
    await expectOk(world.api.post('/surveys/answer', { token, answer: 'neutral' }));
    expect((await world.api.post('/surveys/answer', { token, answer: 'satisfied' })).status).toBe(409);

    const ledger = (await expectOk(world.mediator.get('/ledger?status=signed&mine=true'))).body;
    expect(ledger.rows).toEqual([expect.objectContaining({ caseId: s.caseId, performance: 'not_performed', surveysAnswered: 1, satisfied: 0, followUpDue: false })]);
    expect(ledger.mediators[0]).toMatchObject({ followUpsDone: 1, surveysAnswered: 1, satisfactionRate: 0 });
    const totals = (await expectOk(world.mediator.get('/statistics'))).body.totals;
    expect(totals).toMatchObject({ performanceRate: 0, satisfactionRate: 0 });

    const res = await fetch(`${app.url}/api/ledger/export.xlsx?status=signed`, { headers: { authorization: `Bearer ${world.mediator.token}` } });
    const sheet = await readSheet(Buffer.from(await res.arrayBuffer()));
    expect(sheet).toHaveLength(2);
    expect(sheet[1]).toEqual(expect.arrayContaining(['民间借贷纠纷', '未履行', '满意 0/1']));
    expect((await expectOk(world.mediator.get(`/cases/${s.caseId}/verify`))).body.valid).toBe(true);
  });
});
