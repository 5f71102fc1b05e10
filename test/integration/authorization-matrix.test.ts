import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import type { ApiClient } from '../helpers/api-client.ts';
import { EARLY_WARNING_ON, startTestServer } from '../helpers/server.ts';
import { caseBody, World, type CaseWithResident } from '../helpers/world.ts';
import { reportDispute, warningAt } from '../helpers/warning-world.ts';
import { DEFAULT_WARNING_SETTINGS } from '../../server/services/warning-settings.ts';

/** `centreStaff`: the window of the case organisation's 矛调中心 (#14), who reads and dispatches but does not run cases. */
type Role = 'anonymous' | 'residentOfCase' | 'residentOfOtherCase' | 'mediatorOfCase' | 'otherMediator' | 'judge' | 'admin' | 'centreStaff';
const ROLES: Role[] = ['anonymous', 'residentOfCase', 'residentOfOtherCase', 'mediatorOfCase', 'otherMediator', 'judge', 'admin', 'centreStaff'];

interface Row {
  endpoint: string;
  /** Mutating rows get a fresh case per role, so one role's success cannot change another's answer. */
  mutates: boolean;
  call: (client: ApiClient, c: CaseWithResident) => Promise<{ status: number }>;
  expected: Record<Role, number>;
}

const staffRead = { anonymous: 401, residentOfCase: 403, residentOfOtherCase: 403, mediatorOfCase: 200, otherMediator: 404, judge: 200, admin: 200, centreStaff: 200 };
const manage = (ok: number) => ({ anonymous: 401, residentOfCase: 403, residentOfOtherCase: 404, mediatorOfCase: ok, otherMediator: 404, judge: 403, admin: ok, centreStaff: 403 });
const adminOnly = (ok: number) => ({ anonymous: 401, residentOfCase: 403, residentOfOtherCase: 403, mediatorOfCase: 403, otherMediator: 403, judge: 403, admin: ok, centreStaff: 403 });
const staffOnly = { anonymous: 401, residentOfCase: 403, residentOfOtherCase: 403, mediatorOfCase: 200, otherMediator: 200, judge: 200, admin: 200, centreStaff: 200 };

/** Every endpoint × every kind of caller. A refusal must also leave the case log unchanged. */
const rows: Row[] = [
  { endpoint: 'GET /cases', mutates: false, call: (c) => c.get('/cases'), expected: { ...staffRead, otherMediator: 200 } },
  { endpoint: 'GET /cases/:id', mutates: false, call: (c, k) => c.get(`/cases/${k.caseId}`), expected: staffRead },
  { endpoint: 'GET /cases/:id/events', mutates: false, call: (c, k) => c.get(`/cases/${k.caseId}/events`), expected: staffRead },
  { endpoint: 'GET /cases/:id/verify', mutates: false, call: (c, k) => c.get(`/cases/${k.caseId}/verify`), expected: staffRead },
  {
    endpoint: 'POST /cases',
    mutates: true,
    call: (c) => c.post('/cases', caseBody({ orgId: 'baicheng' })),
    // A judge refers cases only through the court_referral channel; the other mediator opens in their own org only.
    expected: { anonymous: 401, residentOfCase: 403, residentOfOtherCase: 403, mediatorOfCase: 201, otherMediator: 403, judge: 400, admin: 201, centreStaff: 201 },
  },
  { endpoint: 'POST /cases/:id/participants', mutates: true, call: (c, k) => c.post(`/cases/${k.caseId}/participants`, { role: 'respondent', name: '李四' }), expected: manage(201) },
  { endpoint: 'DELETE /cases/:id/participants/:pid', mutates: true, call: (c, k) => c.delete(`/cases/${k.caseId}/participants/${k.participantId}`), expected: manage(200) },
  { endpoint: 'POST /cases/:id/invitations', mutates: true, call: (c, k) => c.post(`/cases/${k.caseId}/invitations`, { participantId: k.participantId }), expected: manage(201) },
  { endpoint: 'DELETE /cases/:id/invitations/:iid', mutates: true, call: (c, k) => c.delete(`/cases/${k.caseId}/invitations/${k.invitationId}`), expected: manage(204) },
  { endpoint: 'POST /cases/:id/sessions', mutates: true, call: (c, k) => c.post(`/cases/${k.caseId}/sessions`, { startsAt: '2026-12-01T09:00:00+08:00' }), expected: manage(201) },
  { endpoint: 'POST /cases/:id/escalate', mutates: true, call: (c, k) => c.post(`/cases/${k.caseId}/escalate`, { to: 'judge', reason: '法律适用疑难' }), expected: manage(200) },
  { endpoint: 'POST /cases/:id/fail', mutates: true, call: (c, k) => c.post(`/cases/${k.caseId}/fail`, { reason: '双方分歧过大' }), expected: manage(200) },
  { endpoint: 'POST /cases/:id/close', mutates: true, call: (c, k) => c.post(`/cases/${k.caseId}/close`, { reason: 'withdrawn' }), expected: manage(200) },
  {
    endpoint: 'POST /cases/:id/assign',
    mutates: true,
    call: async (c, k) => c.post(`/cases/${k.caseId}/assign`, { mediatorId: 'whoever' }),
    // Allowed callers get past authorization and are refused for the unknown mediator.
    expected: { anonymous: 401, residentOfCase: 403, residentOfOtherCase: 403, mediatorOfCase: 400, otherMediator: 400, judge: 403, admin: 400, centreStaff: 400 },
  },
  // Dispatch and the three tiers (#14). The case is accepted: nobody can take it any more.
  {
    endpoint: 'POST /cases/:id/take',
    mutates: true,
    call: (c, k) => c.post(`/cases/${k.caseId}/take`, { noConflictDeclared: true }),
    expected: { anonymous: 401, residentOfCase: 403, residentOfOtherCase: 403, mediatorOfCase: 409, otherMediator: 404, judge: 403, admin: 403, centreStaff: 403 },
  },
  {
    endpoint: 'POST /cases/:id/transfer',
    mutates: true,
    call: (c, k) => c.post(`/cases/${k.caseId}/transfer`, { toOrgId: 'chengguan', reason: '属地管辖' }),
    expected: { anonymous: 401, residentOfCase: 403, residentOfOtherCase: 403, mediatorOfCase: 200, otherMediator: 404, judge: 403, admin: 200, centreStaff: 200 },
  },
  {
    endpoint: 'POST /cases/:id/guidance',
    mutates: true,
    call: (c, k) => c.post(`/cases/${k.caseId}/guidance`, { question: '违约金是否过高？' }),
    // Only the mediator of record asks: an admin passes the policy and is refused by the case's rules.
    expected: { ...manage(201), admin: 409 },
  },
  { endpoint: 'GET /dispatch/queue', mutates: false, call: (c) => c.get('/dispatch/queue'), expected: { ...adminOnly(200), centreStaff: 200 } },
  { endpoint: 'GET /guided-cases', mutates: false, call: (c) => c.get('/guided-cases'), expected: { ...adminOnly(403), admin: 403, judge: 200 } },
  {
    endpoint: 'GET /resident/case',
    mutates: false,
    call: (c) => c.get('/resident/case'),
    expected: { anonymous: 401, residentOfCase: 200, residentOfOtherCase: 200, mediatorOfCase: 403, otherMediator: 403, judge: 403, admin: 403, centreStaff: 403 },
  },
  { endpoint: 'GET /accounts', mutates: false, call: (c) => c.get('/accounts'), expected: adminOnly(200) },
  {
    endpoint: 'POST /accounts',
    mutates: true,
    call: (c) => c.post('/accounts', { username: `u${Math.random().toString(36).slice(2, 10)}`, password: 'long-enough-pw', displayName: '新人', role: 'mediator', orgId: 'baicheng' }),
    expected: adminOnly(201),
  },
  { endpoint: 'POST /orgs', mutates: true, call: (c) => c.post('/orgs', { orgId: `o${Math.random().toString(36).slice(2, 8)}`, name: '新组织', areaCodes: ['370785'] }), expected: adminOnly(201) },
  // Every staff member sees figures of their own scope; residents none.
  { endpoint: 'GET /statistics', mutates: false, call: (c) => c.get('/statistics'), expected: staffOnly },
  { endpoint: 'GET /me', mutates: false, call: (c) => c.get('/me'), expected: staffOnly },
  // Early warning and work orders (#15), on the demo organisation's orange warning made in beforeAll.
  ...warningRows(),
];

function warningRows(): Row[] {
  const supervisors = { anonymous: 401, residentOfCase: 403, residentOfOtherCase: 403, mediatorOfCase: 200, otherMediator: 200, judge: 403, admin: 200, centreStaff: 200 };
  const order = (path = '') => `/work-orders/${workOrderId}${path}`;
  const orderRead = { anonymous: 401, residentOfCase: 403, residentOfOtherCase: 403, mediatorOfCase: 200, otherMediator: 404, judge: 403, admin: 200, centreStaff: 200 };
  return [
    { endpoint: 'GET /warnings', mutates: false, call: (c) => c.get('/warnings'), expected: supervisors },
    { endpoint: 'GET /warnings/tallies', mutates: false, call: (c) => c.get('/warnings/tallies'), expected: supervisors },
    { endpoint: 'GET /warnings/settings', mutates: false, call: (c) => c.get('/warnings/settings'), expected: adminOnly(200) },
    // The defaults again: an admin's save changes nothing the other rows depend on.
    { endpoint: 'PUT /warnings/settings', mutates: false, call: (c) => c.call('PUT', '/warnings/settings', DEFAULT_WARNING_SETTINGS), expected: adminOnly(200) },
    { endpoint: 'GET /cases/:id/linked-history', mutates: false, call: (c, k) => c.get(`/cases/${k.caseId}/linked-history`), expected: staffRead },
    { endpoint: 'GET /work-orders', mutates: false, call: (c) => c.get('/work-orders'), expected: supervisors },
    { endpoint: 'GET /work-orders/:id', mutates: false, call: (c) => c.get(order()), expected: orderRead },
    { endpoint: 'GET /work-orders/:id/records', mutates: false, call: (c) => c.get(order('/records')), expected: orderRead },
    // 督办 is the centre's (and an admin's); reminders may repeat.
    { endpoint: 'POST /work-orders/:id/remind', mutates: false, call: (c) => c.post(order('/remind'), { note: '请尽快办理' }), expected: { ...orderRead, mediatorOfCase: 403 } },
    // The demo organisation has none above it: supervisors pass authorization and are refused by the rule.
    { endpoint: 'POST /work-orders/:id/escalate', mutates: false, call: (c) => c.post(order('/escalate'), { reason: '逾期' }), expected: { ...orderRead, mediatorOfCase: 403, admin: 409, centreStaff: 409 } },
    // The responsible organisation's staff handle it; before acceptance, resolving is refused by the rule.
    { endpoint: 'POST /work-orders/:id/resolve', mutates: false, call: (c) => c.post(order('/resolve'), { outcome: '已化解' }), expected: { ...orderRead, mediatorOfCase: 409, admin: 403, centreStaff: 409 } },
    // Last: the mediator (before the centre in ROLES) accepts, so the centre's acceptance finds it taken.
    { endpoint: 'POST /work-orders/:id/accept', mutates: false, call: (c) => c.post(order('/accept'), {}), expected: { ...orderRead, admin: 403, centreStaff: 409 } },
  ];
}

let app: RunningApp;
let world: World;
let sharedCase: CaseWithResident;
let otherCase: CaseWithResident;
let centreStaff: ApiClient;
let workOrderId = '';

beforeAll(async () => {
  app = await startTestServer(EARLY_WARNING_ON);
  world = await World.create(app);
  sharedCase = await world.referredCase();
  otherCase = await world.otherOrgCase();
  // The demo's centre window, of the demo organisation.
  centreStaff = await world.api.login('centre');
  const where = { orgId: 'baicheng', areaCode: '370785001001' };
  const first = await reportDispute(centreStaff, 'hotline', '12345-MATRIX', undefined, where);
  await reportDispute(centreStaff, 'petition', 'XF-MATRIX', undefined, where);
  await reportDispute(centreStaff, 'police', 'JD-MATRIX', undefined, where);
  workOrderId = (await warningAt(world.admin, first, 'orange')).workOrderId!;
});
afterAll(async () => {
  await app?.close();
});

function clientFor(role: Role, subject: CaseWithResident): ApiClient {
  return { ...world.callersOf(subject.residentToken, otherCase.residentToken), judge: world.judge, centreStaff }[role];
}

describe('authorization matrix', () => {
  it.each(rows.flatMap((row) => ROLES.map((role) => [row.endpoint, role, row] as const)))('%s as %s', async (_endpoint, role, row) => {
    const subject = row.mutates ? await world.referredCase() : sharedCase;
    const before = (await app.services.cases.load(subject.caseId)).events.length;
    const res = await row.call(clientFor(role, subject), subject);
    expect(res.status, JSON.stringify(res)).toBe(row.expected[role]);
    if (res.status >= 400) expect((await app.services.cases.load(subject.caseId)).events.length).toBe(before);
  });

  it('lists only the cases a caller may see', async () => {
    const ids = async (client: ApiClient) => ((await client.get('/cases')).body as Array<{ caseId: string }>).map((c) => c.caseId);
    expect(await ids(world.mediator)).toContain(sharedCase.caseId);
    expect(await ids(world.mediator)).not.toContain(otherCase.caseId);
    expect(await ids(world.otherMediator)).toContain(otherCase.caseId);
    expect(await ids(world.otherMediator)).not.toContain(sharedCase.caseId);
    expect(await ids(world.judge)).toContain(sharedCase.caseId);
    expect(await ids(world.judge)).not.toContain(otherCase.caseId);
    expect(await ids(world.admin)).toEqual(expect.arrayContaining([sharedCase.caseId, otherCase.caseId]));
    expect(await ids(centreStaff)).toContain(sharedCase.caseId);
    expect(await ids(centreStaff)).not.toContain(otherCase.caseId);
  });
});
