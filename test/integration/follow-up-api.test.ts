import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { startTestServer } from '../helpers/server.ts';
import { signedCaseIn, type Signed } from '../helpers/signed-case.ts';
import { caseBody, expectOk, World } from '../helpers/world.ts';

let app: RunningApp;
let world: World;
let s: Signed;

const eventCount = async (caseId: string) => (await expectOk(world.mediator.get(`/cases/${caseId}/events`))).body.length as number;
const surveyToken = (url: string) => new URL(url).hash.slice(1);

beforeAll(async () => {
  app = await startTestServer();
  world = await World.create(app);
  s = await signedCaseIn(world);
});
afterAll(async () => {
  await app?.close();
});

describe('follow-up on performance (回访)', () => {
  it('is planned and recorded by the case’s mediator only, each step a hash-chained event', async () => {
    const before = await eventCount(s.caseId);
    const plan = { dueDate: '2026-12-01', method: 'phone', note: '电话询问还款进度' };
    // Bad input changes nothing.
    for (const bad of [{ ...plan, dueDate: '2026-13-40' }, { ...plan, method: 'letter' }, { dueDate: '2026-12-01' }]) {
      const res = await world.mediator.post(`/cases/${s.caseId}/follow-ups`, bad);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    // Who may not: anonymous, a party, the grid worker of the same organisation, another organisation's mediator.
    expect((await world.api.post(`/cases/${s.caseId}/follow-ups`, plan)).status).toBe(401);
    expect((await s.applicant.post(`/cases/${s.caseId}/follow-ups`, plan)).status).toBe(403);
    expect((await world.gridWorker.post(`/cases/${s.caseId}/follow-ups`, plan)).status).toBe(403);
    expect((await world.otherMediator.post(`/cases/${s.caseId}/follow-ups`, plan)).status).toBe(404);
    expect(await eventCount(s.caseId)).toBe(before);

    const planned = await expectOk(world.mediator.post(`/cases/${s.caseId}/follow-ups`, plan));
    expect(planned.status).toBe(201);
    const followUpId = planned.body.followUps[0].followUpId as string;
    expect(planned.body.followUps[0]).toMatchObject({ dueDate: '2026-12-01', method: 'phone', note: '电话询问还款进度' });
    const second = await world.mediator.post(`/cases/${s.caseId}/follow-ups`, { dueDate: '2026-12-20', method: 'visit' });
    expect(second).toMatchObject({ status: 409, body: { error: { code: 'illegal_transition' } } });

    expect((await world.mediator.post(`/cases/${s.caseId}/follow-ups/${followUpId}/record`, { performance: 'done' })).status).toBe(400);
    expect(await world.mediator.post(`/cases/${s.caseId}/follow-ups/${followUpId}/record`, { performance: 'partly' })).toMatchObject({ status: 409, body: { error: { code: 'illegal_transition' } } });
    expect((await world.gridWorker.post(`/cases/${s.caseId}/follow-ups/${followUpId}/record`, { performance: 'performed' })).status).toBe(403);
    const recorded = await expectOk(world.mediator.post(`/cases/${s.caseId}/follow-ups/${followUpId}/record`, { performance: 'performed', note: '已全部还清' }));
    expect(recorded.body.followUps[0].recorded).toMatchObject({ performance: 'performed', note: '已全部还清', by: '李调解' });

    const events = (await expectOk(world.mediator.get(`/cases/${s.caseId}/events`))).body as Array<{ type: string }>;
    expect(events.slice(-2).map((e) => e.type)).toEqual(['followup.scheduled', 'followup.recorded']);
    expect((await expectOk(world.mediator.get(`/cases/${s.caseId}/verify`))).body.valid).toBe(true);
    // Staff of the organisation read it; a stranger cannot tell the case exists.
    expect((await expectOk(world.gridWorker.get(`/cases/${s.caseId}/follow-up`))).body).toMatchObject({ canManage: false, followUps: [{ followUpId }] });
    expect((await world.otherMediator.get(`/cases/${s.caseId}/follow-up`)).status).toBe(404);
  });

  it('is refused before an agreement took effect', async () => {
    const opened = await expectOk(world.mediator.post('/cases', caseBody()));
    await expectOk(world.mediator.post(`/cases/${opened.body.caseId}/accept`, { noConflictDeclared: true }));
    const res = await world.mediator.post(`/cases/${opened.body.caseId}/follow-ups`, { dueDate: '2026-12-01', method: 'phone' });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'illegal_transition' } } });
  });
});

describe('the one-tap satisfaction survey', () => {
  it('opens from its link without an account, takes one answer per party, and moves 满意率', async () => {
    expect((await world.gridWorker.post(`/cases/${s.caseId}/surveys`, { participantId: s.applicantId })).status).toBe(403);
    expect((await world.mediator.post(`/cases/${s.caseId}/surveys`, { participantId: 'nobody' })).status).toBe(409);
    expect((await world.mediator.post(`/cases/${s.caseId}/surveys`, { participantId: s.applicantId, validDays: 365 })).status).toBe(400);
    const link = await expectOk(world.mediator.post(`/cases/${s.caseId}/surveys`, { participantId: s.applicantId }));
    expect(link.body.url).toMatch(/\/survey#[A-Za-z0-9_-]{40,}$/);
    expect(link.body.qrSvg).toContain('<svg');
    const token = surveyToken(link.body.url);
    // The token is not in the log: only the survey's id and the party.
    const log = JSON.stringify((await expectOk(world.mediator.get(`/cases/${s.caseId}/events`))).body);
    expect(log).not.toContain(token);

    const opened = await expectOk(world.api.post('/surveys/open', { token }));
    expect(opened.body).toEqual({ caseNumber: expect.stringContaining('云调字'), orgName: '柏城镇人民调解委员会', participantName: s.applicantName, closed: false });
    expect((await world.api.post('/surveys/open', { token: 'x'.repeat(43) })).status).toBe(404);
    expect((await world.api.post('/surveys/answer', { token, answer: 'great' })).status).toBe(400);

    const answered = await expectOk(world.api.post('/surveys/answer', { token, answer: 'satisfied' }));
    expect(answered.body.answer).toBe('satisfied');
    // A second answer is refused and the first stands.
    expect(await world.api.post('/surveys/answer', { token, answer: 'unsatisfied' })).toMatchObject({ status: 409, body: { error: { code: 'illegal_transition' } } });
    expect((await expectOk(world.api.post('/surveys/open', { token }))).body.answer).toBe('satisfied');
    expect((await world.mediator.post(`/cases/${s.caseId}/surveys`, { participantId: s.applicantId })).status).toBe(409);
    const events = (await expectOk(world.mediator.get(`/cases/${s.caseId}/events`))).body as Array<{ type: string; actor: { kind: string; participantId?: string } }>;
    expect(events.at(-1)).toMatchObject({ type: 'survey.answered', actor: { kind: 'resident', participantId: s.applicantId } });

    const before = (await expectOk(world.mediator.get('/statistics'))).body.totals;
    expect(before).toMatchObject({ surveysAnswered: 1, satisfied: 1, satisfactionRate: 1, followUpsRecorded: 1, performed: 1, performanceRate: 1 });
    const other = await expectOk(world.mediator.post(`/cases/${s.caseId}/surveys`, { participantId: s.respondentId }));
    await expectOk(world.api.post('/surveys/answer', { token: surveyToken(other.body.url), answer: 'unsatisfied' }));
    const after = (await expectOk(world.mediator.get('/statistics'))).body.totals;
    expect(after).toMatchObject({ surveysAnswered: 2, satisfied: 1, satisfactionRate: 0.5 });
  });
  it('ends with the case: once it is closed the link says so and takes no answer', async () => {
    const other = await signedCaseIn(world);
    const link = await expectOk(world.mediator.post(`/cases/${other.caseId}/surveys`, { participantId: other.applicantId }));
    const token = surveyToken(link.body.url);
    await expectOk(world.mediator.post(`/ledger/cases/${other.caseId}/close`, { reason: 'completed', note: '协议已履行完毕，归档' }));
    expect((await expectOk(world.api.post('/surveys/open', { token }))).body).toMatchObject({ closed: true });
    expect(await world.api.post('/surveys/answer', { token, answer: 'satisfied' })).toMatchObject({ status: 409, body: { error: { code: 'illegal_transition' } } });
    expect((await world.mediator.post(`/cases/${other.caseId}/follow-ups`, { dueDate: '2026-12-01', method: 'phone' })).status).toBe(409);
  });
});
