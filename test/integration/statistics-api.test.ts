import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { StatisticsResponseSchema, type StatisticsResponse } from '../../server/protocol/statistics.ts';
import type { ApiClient } from '../helpers/api-client.ts';
import { ManualClock, startTestServer } from '../helpers/server.ts';
import { signedCaseIn } from '../helpers/signed-case.ts';
import { caseBody, expectOk, World, type CaseWithResident } from '../helpers/world.ts';

let app: RunningApp;
let world: World;
// 10:00 on 20 October in Beijing; the demo case is received then too.
const clock = new ManualClock(new Date('2026-10-20T02:00:00.000Z'));
/** Staff signed in again after the clock moved a month on (their first tokens expired with it). */
const staff: Record<'admin' | 'mediator' | 'otherMediator' | 'judge' | 'grid', ApiClient> = {} as never;
/** A resident who opened their link after the clock moved. */
let resident: CaseWithResident;

/**
 * October, organisation baicheng: the demo case (neighbour, accepted); a debt case signed and
 * applied for, which the court dismisses; a family case in another area whose mediation fails; a
 * debt case the court referred (accepted). Organisation chengguan: one debt case. November,
 * baicheng: one debt case just received.
 */
beforeAll(async () => {
  app = await startTestServer({}, clock);
  world = await World.create(app);
  const signed = await signedCaseIn(world);
  const apply = { electronicDelivery: true, subject: { personalStatus: false, ownershipConfirmation: false } };
  await expectOk(signed.applicant.post(`/cases/${signed.caseId}/confirmation/apply`, apply));
  await expectOk(signed.respondent.post(`/cases/${signed.caseId}/confirmation/apply`, apply));
  await expectOk(world.judge.post(`/cases/${signed.caseId}/confirmation/accept`));
  await expectOk(world.judge.post(`/cases/${signed.caseId}/confirmation/decision`, { outcome: 'rejected', ground: 'unclear', reason: '还款账户未写明' }));

  const family = await expectOk(world.mediator.post('/cases', caseBody({ disputeType: 'family', title: '赡养纠纷', areaCode: '370785003' })));
  await expectOk(world.mediator.post(`/cases/${family.body.caseId}/accept`, { noConflictDeclared: true }));
  await expectOk(world.mediator.post(`/cases/${family.body.caseId}/fail`, { reason: '双方分歧过大' }));
  const referred = await world.referredCase();
  await world.otherOrgCase();

  clock.advance(31 * 86_400_000);
  staff.admin = await world.api.login('admin');
  staff.mediator = await world.api.login('mediator');
  staff.otherMediator = await world.api.login('mediator2', 'another-password');
  staff.judge = await world.api.login('judge');
  staff.grid = await world.api.login('grid');
  await expectOk(staff.mediator.post('/cases', caseBody()));
  resident = await world.withResident(staff.mediator, referred.caseId, { role: 'respondent', name: '李四' });
});
afterAll(async () => {
  await app?.close();
});

async function statisticsOf(client: ApiClient, query = ''): Promise<StatisticsResponse> {
  const res = await expectOk(client.get(`/statistics${query}`));
  // The response keeps to the protocol the client compiles against.
  return StatisticsResponseSchema.parse(res.body);
}

describe('GET /api/statistics', () => {
  it('gives a mediator the figures of their organisation’s cases, by month received, dispute type and area', async () => {
    const s = await statisticsOf(staff.mediator);
    expect(s.scope).toEqual({ kind: 'org', orgId: 'baicheng' });
    expect(s.timeZone).toBe('Asia/Shanghai');
    expect(s.totals).toMatchObject({
      received: 5,
      accepted: 4,
      successful: 1,
      failed: 1,
      closedWithoutOutcome: 0,
      inProgress: 3,
      successRate: 0.5,
      confirmationApplied: 1,
      confirmed: 0,
      rejected: 1,
      confirmationRate: 0,
    });
    expect(s.totals.stages.acceptance.cases).toBe(4);
    expect(s.totals.stages.review).toEqual({ cases: 1, averageDays: 0 });
    expect(s.byMonth.map((m) => [m.month, m.received, m.successful])).toEqual([
      ['2026-10', 4, 1],
      ['2026-11', 1, 0],
    ]);
    expect(s.byDisputeType.map((t) => [t.disputeType, t.received])).toEqual([
      ['neighbour', 1],
      ['family', 1],
      ['debt', 3],
    ]);
    // The other organisation's case (area 370785002) is not theirs to count.
    expect(s.byArea.map((a) => [a.areaCode, a.received, a.failed])).toEqual([
      ['370785001', 4, 0],
      ['370785003', 1, 1],
    ]);
  });

  it('scopes each kind of staff: the grid worker to the organisation, the other mediator to theirs, the judge to the court, the admin to everything', async () => {
    const mine = await statisticsOf(staff.mediator);
    expect(await statisticsOf(staff.grid)).toEqual(mine);

    const other = await statisticsOf(staff.otherMediator);
    expect(other.scope).toEqual({ kind: 'org', orgId: 'chengguan' });
    expect(other.totals.received).toBe(1);
    expect(other.byArea.map((a) => a.areaCode)).toEqual(['370785002']);

    // The court's cases: the one it referred, and the application filed with it.
    const court = await statisticsOf(staff.judge);
    expect(court.scope).toEqual({ kind: 'court', courtId: 'gaomi-court' });
    expect(court.totals).toMatchObject({ received: 2, confirmationApplied: 1, rejected: 1 });

    const all = await statisticsOf(staff.admin);
    expect(all.scope).toEqual({ kind: 'all' });
    expect(all.totals.received).toBe(mine.totals.received + other.totals.received);
    expect(all.byArea.map((a) => a.areaCode)).toEqual(['370785001', '370785002', '370785003']);
  });

  it('filters by the months received, the dispute type and an area with everything under it', async () => {
    expect((await statisticsOf(staff.mediator, '?from=2026-11')).totals.received).toBe(1);
    expect((await statisticsOf(staff.mediator, '?to=2026-10')).totals.received).toBe(4);
    const span = await statisticsOf(staff.mediator, '?from=2026-09&to=2026-11');
    expect(span.byMonth.map((m) => [m.month, m.received, m.successRate])).toEqual([
      ['2026-09', 0, null],
      ['2026-10', 4, 0.5],
      ['2026-11', 1, null],
    ]);
    expect((await statisticsOf(staff.mediator, '?disputeType=debt')).totals).toMatchObject({ received: 3, successful: 1, rejected: 1 });
    expect((await statisticsOf(staff.mediator, '?areaCode=370785003')).totals).toMatchObject({ received: 1, failed: 1, successRate: 0 });
    expect((await statisticsOf(staff.mediator, '?areaCode=370785')).totals.received).toBe(5);
    expect((await statisticsOf(staff.admin, '?areaCode=370785002&disputeType=family')).totals.received).toBe(0);
  });

  it('refuses malformed filters as invalid_input, naming the field', async () => {
    for (const [query, field] of [
      ['?from=2026-13', 'from'],
      ['?from=2026/10', 'from'],
      ['?to=26-10', 'to'],
      ['?from=2026-11&to=2026-10', 'to'],
      ['?from=2000-01&to=2026-10', 'to'],
      ['?disputeType=quarrel', 'disputeType'],
      ['?disputeType=debt&disputeType=family', 'disputeType'],
      ['?areaCode=3707x5', 'areaCode'],
    ] as const) {
      const res = await staff.mediator.get(`/statistics${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.fields.map((f: { path: string }) => f.path), query).toContain(field);
    }
  });

  it('is for staff only: anonymous callers are unauthenticated, residents forbidden', async () => {
    const anonymous = await world.api.get('/statistics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    const party = await world.api.as(resident.residentToken).get('/statistics');
    expect(party.status).toBe(403);
    expect(party.body.error.code).toBe('forbidden');
  });
});
