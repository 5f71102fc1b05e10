import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import type { ApiClient } from '../helpers/api-client.ts';
import { dispatchCast, gridReport, noticeOf, type DispatchCast } from '../helpers/dispatch-world.ts';
import { waitUntil } from '../helpers/processes.ts';
import { startTestServer, tempDataDir } from '../helpers/server.ts';
import { expectOk, World } from '../helpers/world.ts';

let app: RunningApp;
let world: World;
let cast: DispatchCast;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  app = await startTestServer({ DATA_DIR: dataDir });
  world = await World.create(app);
  cast = await dispatchCast(world);
});
afterAll(async () => {
  await app?.close();
});

const listIds = async (client: ApiClient, path = '/cases') => ((await expectOk(client.get(path))).body as Array<{ caseId: string }>).map((c) => c.caseId);
const eventCount = async (caseId: string) => (await app.services.cases.load(caseId)).events.length;
const declare = { noConflictDeclared: true };

/** A refusal with this status and code that left the case log as it was. */
async function refused(caseId: string, call: Promise<{ status: number; body: any }>, status: number, code: string) {
  const before = await eventCount(caseId);
  const res = await call;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error?.code ?? res.body.code).toBe(code);
  expect(await eventCount(caseId)).toBe(before);
}

describe('dispatch (派单/一窗分流)', () => {
  it('lists a grid report for the town centre, which assigns a village mediator; the mediator and the reporter are told', async () => {
    const caseId = await gridReport(cast);
    // The town centre's window is told the report arrived, and goes from the notice to the case.
    expect(await noticeOf(cast.centre, caseId, 'report_received')).toMatchObject({ path: `/cases/${caseId}`, text: expect.stringContaining('请派案') });
    expect(await listIds(cast.centre, '/dispatch/queue')).toContain(caseId);
    expect(await listIds(cast.centre)).toContain(caseId);
    // Another organisation's mediator neither lists nor reads it; a mediator has no dispatch queue.
    expect(await listIds(world.otherMediator)).not.toContain(caseId);
    expect((await world.otherMediator.get(`/cases/${caseId}`)).status).toBe(404);
    expect((await cast.villageMediator.get('/dispatch/queue')).status).toBe(403);

    const mediators = (await expectOk(cast.centre.get(`/dispatch/mediators?orgId=${'dongcun'}`))).body as Array<{ accountId: string }>;
    expect(mediators.map((m) => m.accountId)).toEqual([cast.villageMediatorId]);
    expect((await cast.centre.get('/dispatch/mediators?orgId=chengguan')).status).toBe(403);

    // A mediator of another organisation cannot be assigned; nothing is written.
    await refused(caseId, cast.centre.post(`/cases/${caseId}/assign`, { mediatorId: await world.accountId('mediator2') }), 400, 'invalid_input');
    const assigned = await expectOk(cast.centre.post(`/cases/${caseId}/assign`, { mediatorId: cast.villageMediatorId }));
    expect(assigned.body.mediator).toMatchObject({ accountId: cast.villageMediatorId, name: '周调解' });
    expect((await noticeOf(cast.villageMediator, caseId, 'case_assigned')).text).toContain('已派给 周调解');
    await noticeOf(cast.villageGrid, caseId, 'case_assigned');

    await expectOk(cast.villageMediator.post(`/cases/${caseId}/accept`, declare));
    expect((await noticeOf(cast.villageGrid, caseId, 'case_accepted')).text).toContain('已由 周调解 受理');
    expect(await listIds(cast.centre, '/dispatch/queue')).not.toContain(caseId);
    expect((await expectOk(cast.villageMediator.get(`/cases/${caseId}/verify`))).body.valid).toBe(true);
  });

  it('lets a mediator take an unassigned case of their organisation, declaring no conflict', async () => {
    const caseId = await gridReport(cast, '土地承包纠纷');
    await refused(caseId, cast.villageMediator.post(`/cases/${caseId}/take`, {}), 400, 'invalid_input');
    await refused(caseId, world.otherMediator.post(`/cases/${caseId}/take`, declare), 404, 'not_found');
    await refused(caseId, cast.centre.post(`/cases/${caseId}/take`, declare), 403, 'forbidden');
    const taken = await expectOk(cast.villageMediator.post(`/cases/${caseId}/take`, declare));
    expect(taken.body.status).toBe('accepted');
    expect(taken.body.mediator).toMatchObject({ accountId: cast.villageMediatorId, acceptedAt: expect.any(String) });
    const types = ((await expectOk(cast.villageMediator.get(`/cases/${caseId}/events`))).body as Array<{ type: string }>).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['case.assigned', 'case.accepted']);
    await refused(caseId, cast.villageMediator.post(`/cases/${caseId}/take`, declare), 409, 'illegal_transition');
    await noticeOf(cast.villageGrid, caseId, 'case_accepted');
  });
});

describe('notices to staff by SMS', () => {
  it('texts an assigned mediator whose mobile is on record, through the message sender, masked in its log', async () => {
    const mediatorId = cast.villageMediatorId;
    await refused((await gridReport(cast, '噪音扰民纠纷')), cast.villageGrid.call('PUT', `/accounts/${mediatorId}/phone`, { phone: '13900001111' }), 403, 'forbidden');
    expect((await world.admin.call('PUT', `/accounts/${mediatorId}/phone`, { phone: '12345' })).status).toBe(400);
    await expectOk(world.admin.call('PUT', `/accounts/${mediatorId}/phone`, { phone: '13900001111' }));
    const caseId = await gridReport(cast, '鸡犬扰邻纠纷');
    await expectOk(cast.centre.post(`/cases/${caseId}/assign`, { mediatorId }));
    const outbox = path.join(dataDir, 'outbox.log');
    const line = await waitUntil(() => (fs.existsSync(outbox) ? fs.readFileSync(outbox, 'utf8').split('\n').find((l) => l.includes('鸡犬扰邻纠纷')) : undefined), { what: 'the SMS to the mediator' });
    expect(JSON.parse(line)).toMatchObject({ channel: 'sms', to: '139****1111', link: expect.stringContaining(`/cases/${caseId}`) });
    // Sealed in the vault, not stored in clear.
    expect(JSON.stringify(await app.services.store.kv.get(`pii:staff:${mediatorId}`))).not.toContain('13900001111');
  });
});

describe('the three tiers', () => {
  it('lets the grid worker who reported a simple case mediate it themselves, as its mediator of record', async () => {
    const caseId = await gridReport(cast, '邻里噪音纠纷');
    const taken = await expectOk(cast.villageGrid.post(`/cases/${caseId}/take`, declare));
    expect(taken.body).toMatchObject({ status: 'accepted', tier: 'grid', mediator: { accountId: cast.villageGridId } });
    // Running it: parties, a session, minutes-bearing outcome; the mediator of the organisation only reads it.
    await expectOk(cast.villageGrid.post(`/cases/${caseId}/participants`, { role: 'applicant', name: '郑大爷' }));
    await expectOk(cast.villageGrid.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 3600_000).toISOString() }));
    await refused(caseId, cast.villageMediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date().toISOString() }), 403, 'forbidden');
    // A case opened by someone else, or already at the mediator tier, is not theirs to take.
    const byMediator = (await expectOk(cast.villageMediator.post('/cases', { channel: 'resident_application', disputeType: 'debt', title: '借款纠纷', summary: '借款三万元逾期未还。', areaCode: '370785003001' }))).body.caseId;
    await refused(byMediator, cast.villageGrid.post(`/cases/${byMediator}/take`, declare), 403, 'forbidden');
  });

  it('escalates grid worker → mediator → judge with reasons, assigning and telling each tier; the judge lists it as guided', async () => {
    const caseId = await gridReport(cast, '相邻排水纠纷');
    await expectOk(cast.villageGrid.post(`/cases/${caseId}/take`, declare));
    await refused(caseId, cast.villageGrid.post(`/cases/${caseId}/escalate`, { to: 'mediator' }), 400, 'invalid_input');
    await refused(caseId, cast.villageGrid.post(`/cases/${caseId}/escalate`, { to: 'mediator', reason: '索赔金额大', mediatorId: await world.accountId('mediator2') }), 400, 'invalid_input');

    const up = await expectOk(cast.villageGrid.post(`/cases/${caseId}/escalate`, { to: 'mediator', reason: '双方对赔偿金额分歧大' }));
    expect(up.body).toMatchObject({ tier: 'mediator', status: 'intake', mediator: { accountId: cast.villageMediatorId } });
    expect((await noticeOf(cast.villageMediator, caseId, 'case_escalated')).text).toContain('双方对赔偿金额分歧大');
    await expectOk(cast.villageMediator.post(`/cases/${caseId}/accept`, declare));
    await noticeOf(cast.villageGrid, caseId, 'case_accepted');

    expect(await listIds(world.judge, '/guided-cases')).not.toContain(caseId);
    const toJudge = await expectOk(cast.villageMediator.post(`/cases/${caseId}/escalate`, { to: 'judge', reason: '涉及相邻关系法律适用' }));
    expect(toJudge.body).toMatchObject({ tier: 'judge', guidingCourtId: 'gaomi-court', mediator: { accountId: cast.villageMediatorId } });
    expect(toJudge.body.escalations.map((e: { from: string; to: string }) => `${e.from}>${e.to}`)).toEqual(['grid>mediator', 'mediator>judge']);
    expect(await listIds(world.judge, '/guided-cases')).toContain(caseId);
    expect(await listIds(cast.strangerJudge, '/guided-cases')).not.toContain(caseId);
    expect((await noticeOf(world.judge, caseId, 'case_escalated')).path).toBe(`/cases/${caseId}`);
    await expectOk(world.judge.get(`/cases/${caseId}`));
    expect((await cast.strangerJudge.get(`/cases/${caseId}`)).status).toBe(404);
    // The guided list is not the confirmation queue.
    expect(((await expectOk(world.judge.get('/confirmation/queue'))).body as Array<{ caseId: string }>).map((c) => c.caseId)).not.toContain(caseId);
  });

  it('carries a mediator’s request for guidance to the guiding judge and the answer back', async () => {
    const caseId = await gridReport(cast, '农村土地流转纠纷');
    await expectOk(cast.villageMediator.post(`/cases/${caseId}/take`, declare));
    await refused(caseId, cast.villageMediator.post(`/cases/${caseId}/guidance`, { question: '   ' }), 400, 'invalid_input');
    await refused(caseId, cast.villageGrid.post(`/cases/${caseId}/guidance`, { question: '请问？' }), 403, 'forbidden');
    const asked = await expectOk(cast.villageMediator.post(`/cases/${caseId}/guidance`, { question: '流转合同未备案是否有效？' }));
    const requestId = asked.body.requestId as string;
    expect(asked.body.case.guidingCourtId).toBe('gaomi-court');
    expect((await noticeOf(world.judge, caseId, 'guidance_requested')).text).toContain('流转合同未备案是否有效');
    expect(await listIds(world.judge, '/guided-cases')).toContain(caseId);

    await refused(caseId, cast.strangerJudge.post(`/cases/${caseId}/guidance/${requestId}/answer`, { answer: '有效' }), 404, 'not_found');
    await refused(caseId, cast.villageMediator.post(`/cases/${caseId}/guidance/${requestId}/answer`, { answer: '有效' }), 403, 'forbidden');
    await refused(caseId, world.judge.post(`/cases/${caseId}/guidance/nope/answer`, { answer: '有效' }), 404, 'not_found');
    const answered = await expectOk(world.judge.post(`/cases/${caseId}/guidance/${requestId}/answer`, { answer: '未备案不影响合同效力。' }));
    expect(answered.body.guidance[0]).toMatchObject({ question: '流转合同未备案是否有效？', answer: { judgeName: '赵法官', text: '未备案不影响合同效力。' } });
    await noticeOf(cast.villageMediator, caseId, 'guidance_answered');
    await refused(caseId, world.judge.post(`/cases/${caseId}/guidance/${requestId}/answer`, { answer: '再答' }), 409, 'illegal_transition');
  });

  it('transfers a case to another organisation: the new one sees it, the old one no longer, the reporter still does', async () => {
    const caseId = await gridReport(cast, '跨村水渠纠纷');
    await expectOk(cast.centre.post(`/cases/${caseId}/assign`, { mediatorId: cast.villageMediatorId }));
    await refused(caseId, cast.centre.post(`/cases/${caseId}/transfer`, { toOrgId: 'chengguan' }), 400, 'invalid_input');
    await refused(caseId, cast.centre.post(`/cases/${caseId}/transfer`, { toOrgId: 'no-such-org', reason: '属地' }), 400, 'invalid_input');
    await refused(caseId, world.otherMediator.post(`/cases/${caseId}/transfer`, { toOrgId: 'chengguan', reason: '属地' }), 404, 'not_found');

    const moved = await expectOk(cast.centre.post(`/cases/${caseId}/transfer`, { toOrgId: 'chengguan', reason: '水渠位于城关街道辖区' }));
    expect(moved.body).toMatchObject({ orgId: 'chengguan', status: 'intake' });
    expect(moved.body.mediator).toBeUndefined();
    expect(await listIds(world.otherMediator)).toContain(caseId);
    expect(await listIds(cast.villageMediator)).not.toContain(caseId);
    expect((await cast.villageMediator.get(`/cases/${caseId}`)).status).toBe(404);
    expect(await listIds(cast.centre)).not.toContain(caseId);
    expect(await listIds(cast.villageGrid)).toContain(caseId);
    await noticeOf(cast.villageGrid, caseId, 'case_transferred');
    // The new organisation's mediator takes it; the reporter hears of it and of the outcome.
    await expectOk(world.otherMediator.post(`/cases/${caseId}/take`, declare));
    await noticeOf(cast.villageGrid, caseId, 'case_accepted');
    await expectOk(world.otherMediator.post(`/cases/${caseId}/fail`, { reason: '被申请人拒绝调解' }));
    expect((await noticeOf(cast.villageGrid, caseId, 'case_outcome')).text).toContain('调解不成');
    const row = ((await expectOk(cast.villageGrid.get('/cases'))).body as Array<{ caseId: string; status: string }>).find((c) => c.caseId === caseId);
    expect(row?.status).toBe('failed');
    expect((await expectOk(world.otherMediator.get(`/cases/${caseId}/verify`))).body.valid).toBe(true);
  });
});
