import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { dispatchCast, noticeOf, PASSWORD, type DispatchCast } from '../helpers/dispatch-world.ts';
import { waitUntil } from '../helpers/processes.ts';
import { EARLY_WARNING_ON, ManualClock, startTestServer, tempDataDir } from '../helpers/server.ts';
import { OWNER, PII, reportDispute, warningAt } from '../helpers/warning-world.ts';
import { caseBody, expectOk, World } from '../helpers/world.ts';

let app: RunningApp;
let world: World;
let cast: DispatchCast;
let dataDir: string;
const clock = new ManualClock(new Date('2026-11-02T01:00:00.000Z'));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  dataDir = tempDataDir();
  app = await startTestServer({ ...EARLY_WARNING_ON, DATA_DIR: dataDir, WORK_ORDER_CHECK_SECONDS: '0.1', ACCESS_TOKEN_MINUTES: '1440' }, clock);
  world = await World.create(app);
  cast = await dispatchCast(world);
});
/** Sessions expire on the server's clock: after a jump of days everyone signs in again. */
async function signInAgain() {
  const login = (username: string) => world.api.login(username, PASSWORD);
  cast = { ...cast, centre: await login('towncentre'), villageMediator: await login('dongmed'), villageGrid: await login('donggrid') };
  world = Object.assign(Object.create(Object.getPrototypeOf(world)), world, { admin: await world.api.login('admin'), otherMediator: await world.api.login('mediator2', 'another-password') });
}

afterAll(async () => {
  await app?.close();
});

async function refused(call: Promise<{ status: number; body: any }>, status: number, code: string) {
  const res = await call;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
}

const eventsOf = async (caseId: string) => (await app.services.cases.load(caseId)).events;
const recordCount = async (workOrderId: string) => (await expectOk(cast.centre.get(`/work-orders/${workOrderId}/records`))).body.length as number;

/** Everything a warning or work order shows or keeps, as one text to search for personal data. */
async function everythingWarned(caseIds: string[], workOrderId: string): Promise<string> {
  const { kv } = app.services.store;
  const stored = await Promise.all([...(await kv.keys('sighting:')), ...(await kv.keys('warning:')), ...(await kv.keys('chain:workorder:')), ...(await kv.keys('workorder-ref:'))].map((key) => kv.get(key)));
  const served = await Promise.all([
    cast.centre.get('/warnings'),
    cast.centre.get('/warnings/tallies'),
    cast.centre.get('/work-orders'),
    cast.centre.get(`/work-orders/${workOrderId}`),
    cast.centre.get(`/work-orders/${workOrderId}/records`),
    ...caseIds.map((id) => cast.centre.get(`/cases/${id}/linked-history`)),
  ]);
  const levelEvents = (await Promise.all(caseIds.map(eventsOf))).flat().filter((e) => e.type === 'warning.level_changed');
  return JSON.stringify([stored, served.map((r) => r.body), levelEvents]);
}

describe('channels and external references (#15)', () => {
  it('keeps the other system’s reference on a case and a field report; refuses a malformed one and an unknown channel', async () => {
    const police = await expectOk(world.mediator.post('/cases', caseBody({ channel: 'police', externalRef: '警调-2026-001' })));
    expect(police.body).toMatchObject({ channel: 'police', externalRef: '警调-2026-001' });
    for (const channel of ['petition', 'enterprise']) expect((await expectOk(world.mediator.post('/cases', caseBody({ channel })))).body.channel).toBe(channel);
    const report = { gridCode: '370785001001003', disputeType: 'neighbour', title: '楼道堆物纠纷', description: '楼道堆放杂物引发争吵。', parties: [{ role: 'applicant', name: '何桂芳' }], externalRef: 'WG-2026-0042' };
    expect((await expectOk(world.gridWorker.post('/field-reports', report))).body).toMatchObject({ channel: 'grid_report', externalRef: 'WG-2026-0042' });

    const before = (await expectOk(world.admin.get('/cases'))).body.length;
    await refused(world.mediator.post('/cases', caseBody({ externalRef: '<script>' })), 400, 'invalid_input');
    await refused(world.mediator.post('/cases', caseBody({ externalRef: 'x'.repeat(41) })), 400, 'invalid_input');
    await refused(world.mediator.post('/cases', caseBody({ channel: 'fax' })), 400, 'invalid_input');
    await refused(world.gridWorker.post('/field-reports', { ...report, externalRef: 'a b' }), 400, 'invalid_input');
    expect((await expectOk(world.admin.get('/cases'))).body.length).toBe(before);
  });
});

describe('early warning of a repeated dispute (#15)', () => {
  let caseIds: string[] = [];
  let workOrderId = '';

  it('links three reports through the hotline, a grid worker and the police, and raises the level to orange with a case-log event', async () => {
    const hotline = await reportDispute(cast.centre, 'hotline', '12345-20261102-0088');
    // A single report is no warning.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await expectOk(cast.centre.get('/warnings'))).body, JSON.stringify((await expectOk(cast.centre.get('/warnings'))).body)).toEqual([]);

    clock.advance(2 * HOUR);
    const grid = await reportDispute(cast.villageGrid, 'grid_report', 'GR-0003');
    const yellow = await warningAt(cast.centre, grid, 'yellow', 2);
    expect(yellow.matches).toEqual([{ caseId: grid, withCaseId: hotline, reasons: ['same_id_number', 'same_phone', 'same_name_grid_and_type'] }]);

    clock.advance(2 * HOUR);
    const police = await reportDispute(cast.centre, 'police', '警调-2026-117', '业主与物业公司争执，业主扬言要报复，派出所出警后转调解。');
    const orange = await warningAt(cast.centre, police, 'orange', 3);
    caseIds = [hotline, grid, police];
    expect(orange.warningId).toBe(hotline);
    expect(orange.channels).toEqual(['grid_report', 'hotline', 'police']);
    expect(orange.cases.map((c) => [c.channel, c.externalRef])).toEqual([
      ['hotline', '12345-20261102-0088'],
      ['grid_report', 'GR-0003'],
      ['police', '警调-2026-117'],
    ]);
    workOrderId = orange.workOrderId!;

    // Each case's log says when its dispute changed level, and with which other cases.
    const levels = (await eventsOf(hotline)).filter((e) => e.type === 'warning.level_changed').map((e) => e.data as { level: string; previousLevel: string; linkedCaseIds: string[] });
    expect(levels.map((l) => [l.previousLevel, l.level])).toEqual([
      ['none', 'yellow'],
      ['yellow', 'orange'],
    ]);
    expect(levels[1]!.linkedCaseIds).toEqual([grid, police]);
    expect(((await eventsOf(police)).findLast((e) => e.type === 'warning.level_changed')!.data as { riskWords: string[] }).riskWords).toEqual(['报复']);
    expect((await expectOk(cast.centre.get(`/cases/${hotline}/verify`))).body.valid).toBe(true);

    // The case page's linked history; a mediator of another organisation reads neither case nor history.
    const linked = (await expectOk(cast.villageMediator.get(`/cases/${grid}/linked-history`))).body.warning;
    expect(linked.cases.map((c: { caseId: string }) => c.caseId)).toEqual(caseIds);
    await refused(world.otherMediator.get(`/cases/${grid}/linked-history`), 404, 'not_found');
    expect((await expectOk(world.otherMediator.get('/warnings'))).body).toEqual([]);
    await refused(cast.villageGrid.get('/warnings'), 403, 'forbidden');
  });

  it('keeps apart a namesake in another grid and a different dispute type', async () => {
    const stranger = await expectOk(world.mediator.post('/cases', caseBody({ disputeType: 'debt', areaCode: '370785001' })));
    await expectOk(world.mediator.post(`/cases/${stranger.body.caseId}/participants`, { role: 'applicant', name: OWNER.name, phone: '13900003333' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const warnings = (await expectOk(world.admin.get('/warnings'))).body as Array<{ cases: Array<{ caseId: string }> }>;
    expect(warnings.flatMap((w) => w.cases.map((c) => c.caseId))).not.toContain(stranger.body.caseId);
  });

  it('opens a work order to the responsible organisation with a deadline in working days; refusals change nothing', async () => {
    const order = (await expectOk(cast.centre.get(`/work-orders/${workOrderId}`))).body;
    expect(order).toMatchObject({ orgId: 'dongcun', status: 'open', level: 'orange', caseIds });
    // Opened Monday 2 November, 13:00 in China; five working days later is the next Monday.
    expect(order.dueAt).toBe('2026-11-09T05:00:00.000Z');
    await noticeOf(cast.villageMediator, caseIds[2]!, 'work_order_opened');

    const before = await recordCount(workOrderId);
    await refused(cast.villageMediator.post(`/work-orders/${workOrderId}/remind`, { note: '请加快办理' }), 403, 'forbidden');
    await refused(cast.centre.post(`/work-orders/${workOrderId}/accept`, {}), 403, 'forbidden');
    await refused(cast.villageMediator.post(`/work-orders/${workOrderId}/resolve`, { outcome: '已调解' }), 409, 'illegal_transition');
    await refused(cast.villageMediator.post(`/work-orders/${workOrderId}/resolve`, { outcome: '' }), 400, 'invalid_input');
    await refused(cast.centre.post(`/work-orders/${workOrderId}/remind`, { note: '   ' }), 400, 'invalid_input');
    await refused(world.otherMediator.get(`/work-orders/${workOrderId}`), 404, 'not_found');
    await refused(world.otherMediator.post(`/work-orders/${workOrderId}/accept`, {}), 404, 'not_found');
    await refused(cast.villageGrid.get('/work-orders'), 403, 'forbidden');
    await refused(world.api.get('/work-orders'), 401, 'unauthenticated');
    expect(await recordCount(workOrderId)).toBe(before);

    expect((await expectOk(cast.villageMediator.post(`/work-orders/${workOrderId}/accept`, {}))).body.status).toBe('accepted');
    await refused(cast.villageMediator.post(`/work-orders/${workOrderId}/accept`, {}), 409, 'illegal_transition');
  });

  it('is marked overdue by the periodic check once the deadline passes; the centre reminds by notice and SMS, then escalates to the town', async () => {
    await expectOk(world.admin.call('PUT', `/accounts/${cast.villageMediatorId}/phone`, { phone: '13811112222' }));
    clock.advance(10 * DAY);
    await signInAgain();
    const overdue = await waitUntil(async () => ((await expectOk(cast.centre.get(`/work-orders/${workOrderId}`))).body.overdueAt ? true : undefined), { what: 'overdue marking' });
    expect(overdue).toBe(true);
    await noticeOf(cast.villageMediator, caseIds[2]!, 'work_order_overdue');

    const reminded = (await expectOk(cast.centre.post(`/work-orders/${workOrderId}/remind`, { note: '工单已逾期，请两日内办结' }))).body;
    expect(reminded.reminders).toEqual([expect.objectContaining({ note: '工单已逾期，请两日内办结', by: '镇中心窗口' })]);
    const notice = await noticeOf(cast.villageMediator, caseIds[2]!, 'work_order_reminded');
    expect(notice.path).toBe(`/dashboard/work-orders/${workOrderId}`);
    const outbox = await waitUntil(() => {
      const text = fs.existsSync(path.join(dataDir, 'outbox.log')) ? fs.readFileSync(path.join(dataDir, 'outbox.log'), 'utf8') : '';
      return text.includes('督办提醒') ? text : undefined;
    });
    expect(outbox).toContain('138****2222');

    const escalated = (await expectOk(cast.centre.post(`/work-orders/${workOrderId}/escalate`, { reason: '村级逾期未办结，提级镇中心办理' }))).body;
    expect(escalated).toMatchObject({ orgId: 'xiaozhuang-centre', status: 'open', escalations: [expect.objectContaining({ fromOrgId: 'dongcun', toOrgId: 'xiaozhuang-centre' })] });
    expect(escalated.overdueAt).toBeUndefined();
    // The town centre has no organisation above it.
    await refused(cast.centre.post(`/work-orders/${workOrderId}/escalate`, { reason: '再提级' }), 409, 'illegal_transition');
    await refused(cast.villageMediator.get(`/work-orders/${workOrderId}`), 404, 'not_found');
  });

  it('is resolved by the responsible organisation only with an outcome; its log verifies and nothing about it holds personal data in clear', async () => {
    await expectOk(cast.centre.post(`/work-orders/${workOrderId}/accept`, {}));
    const resolved = (await expectOk(cast.centre.post(`/work-orders/${workOrderId}/resolve`, { outcome: '镇中心组织调解，物业恢复供水供电，业主补交物业费，双方签订协议。' }))).body;
    expect(resolved.status).toBe('resolved');
    await refused(cast.centre.post(`/work-orders/${workOrderId}/remind`, { note: '再催' }), 409, 'illegal_transition');
    const types = ((await expectOk(cast.centre.get(`/work-orders/${workOrderId}/records`))).body as Array<{ type: string }>).map((r) => r.type);
    expect(types).toEqual(['workorder.opened', 'workorder.accepted', 'workorder.overdue', 'workorder.reminded', 'workorder.escalated', 'workorder.accepted', 'workorder.resolved']);
    expect((await expectOk(cast.centre.get(`/work-orders/${workOrderId}/verify`))).body).toMatchObject({ valid: true, length: 7 });

    const text = await everythingWarned(caseIds, workOrderId);
    expect(text).toContain(caseIds[0]!);
    for (const value of PII) expect(text).not.toContain(value);
  });

  it('counts warnings by area, type and month for the centre', async () => {
    const tallies = (await expectOk(cast.centre.get('/warnings/tallies'))).body;
    expect(tallies.byType).toEqual([{ key: 'property_management', blue: 0, yellow: 0, orange: 1, red: 0, total: 1 }]);
    expect(tallies.byMonth).toEqual([expect.objectContaining({ key: '2026-11', orange: 1 })]);
    expect(tallies.byArea).toEqual([expect.objectContaining({ key: '370785003001', orange: 1, name: '东村人民调解委员会' })]);
  });

  it('lets only an admin change the rules, validated', async () => {
    const settings = (await expectOk(world.admin.get('/warnings/settings'))).body;
    expect(settings.workOrder).toEqual({ openAt: 'orange', deadlineWorkingDays: 5 });
    await refused(cast.centre.call('PUT', '/warnings/settings', settings), 403, 'forbidden');
    await refused(world.admin.call('PUT', '/warnings/settings', { ...settings, levels: { ...settings.levels, thresholds: { blue: 5, yellow: 3, orange: 4, red: 8 } } }), 400, 'invalid_input');
    const changed = { ...settings, workOrder: { openAt: 'red', deadlineWorkingDays: 3 } };
    expect((await expectOk(world.admin.call('PUT', '/warnings/settings', changed))).body.workOrder).toEqual({ openAt: 'red', deadlineWorkingDays: 3 });
    expect((await expectOk(world.admin.get('/warnings/settings'))).body).toEqual(changed);
  });
});
