import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import type { ApiClient } from '../helpers/api-client.ts';
import { startTestServer } from '../helpers/server.ts';
import { hearingAnswers, hearingInRoom, type HeldHearing } from '../helpers/hearing.ts';
import { signedCaseIn, type Signed } from '../helpers/signed-case.ts';
import { expectOk, World, type CaseWithResident } from '../helpers/world.ts';

type Role = 'anonymous' | 'residentOfCase' | 'residentOfOtherCase' | 'mediatorOfCase' | 'otherMediator' | 'otherJudge' | 'admin' | 'routedJudge';
/** The allowed callers go last: denied attempts must leave the case as it was for them. */
const ROLES: Role[] = ['anonymous', 'residentOfCase', 'residentOfOtherCase', 'mediatorOfCase', 'otherMediator', 'otherJudge', 'admin', 'routedJudge'];

interface Row {
  endpoint: string;
  /** Puts the case where the action makes sense (accepted, heard…), as the routed judge. */
  prepare?: (s: Signed) => Promise<void>;
  call: (client: ApiClient, s: Signed) => Promise<{ status: number }>;
  expected: Record<Role, number>;
}

const judgeOnly = (ok: number): Record<Role, number> => ({
  anonymous: 401,
  residentOfCase: 403,
  residentOfOtherCase: 403,
  mediatorOfCase: 403,
  otherMediator: 403,
  // A judge of the same court reads the case but is not the one it was routed to.
  otherJudge: 403,
  admin: 403,
  routedJudge: ok,
});

let app: RunningApp;
let world: World;
let otherCase: CaseWithResident;
let otherJudge: ApiClient;

const accept = async (s: Signed) => void (await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/accept`)));
/** The hearing each row needs, held in the room; its sockets are closed after the row. */
const hearings = new Map<string, HeldHearing>();
const acceptAndMeet = async (s: Signed) => {
  await accept(s);
  hearings.set(s.caseId, await hearingInRoom(app, world, s));
};
const acceptAndHear = async (s: Signed) => {
  await acceptAndMeet(s);
  await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/hearing`, { sessionId: hearings.get(s.caseId)!.sessionId, answers: hearingAnswers(s), notes: '' }));
};

const rows: Row[] = [
  { endpoint: 'POST accept', call: (c, s) => c.post(`/cases/${s.caseId}/confirmation/accept`), expected: judgeOnly(200) },
  { endpoint: 'POST extend', prepare: accept, call: (c, s) => c.post(`/cases/${s.caseId}/confirmation/extend`, { reason: '需补充材料' }), expected: judgeOnly(200) },
  { endpoint: 'POST material-requests', prepare: accept, call: (c, s) => c.post(`/cases/${s.caseId}/confirmation/material-requests`, { message: '请提供借条' }), expected: judgeOnly(201) },
  {
    endpoint: 'POST hearing/schedule',
    prepare: accept,
    call: (c, s) => c.post(`/cases/${s.caseId}/confirmation/hearing/schedule`, { startsAt: '2026-12-01T01:00:00.000Z' }),
    expected: judgeOnly(201),
  },
  {
    endpoint: 'POST hearing',
    prepare: acceptAndMeet,
    call: (c, s) => c.post(`/cases/${s.caseId}/confirmation/hearing`, { sessionId: hearings.get(s.caseId)!.sessionId, answers: hearingAnswers(s), notes: '' }),
    expected: judgeOnly(200),
  },
  { endpoint: 'POST decision', prepare: acceptAndHear, call: (c, s) => c.post(`/cases/${s.caseId}/confirmation/decision`, { outcome: 'confirmed' }), expected: judgeOnly(200) },
  {
    endpoint: 'POST reassign',
    call: async (c, s) => c.post(`/cases/${s.caseId}/confirmation/reassign`, { judgeId: await world.accountId('judge') }),
    // Only an admin reassigns; the judges themselves cannot move a case.
    expected: { anonymous: 401, residentOfCase: 403, residentOfOtherCase: 403, mediatorOfCase: 403, otherMediator: 403, otherJudge: 403, routedJudge: 403, admin: 200 },
  },
];

beforeAll(async () => {
  app = await startTestServer();
  world = await World.create(app);
  otherCase = await world.otherOrgCase();
  await expectOk(world.admin.post('/accounts', { username: 'judge-b', password: 'judge-b-password', displayName: '孙法官', role: 'judge', courtId: 'gaomi-court' }));
  otherJudge = await world.api.login('judge-b', 'judge-b-password');
});
afterAll(async () => {
  await app?.close();
});

/** A signed case both parties applied for, routed to the demo judge. */
async function filedCase(): Promise<Signed> {
  const s = await signedCaseIn(world);
  const apply = { electronicDelivery: true, subject: { personalStatus: false, ownershipConfirmation: false } };
  await expectOk(s.applicant.post(`/cases/${s.caseId}/confirmation/apply`, apply));
  await expectOk(s.respondent.post(`/cases/${s.caseId}/confirmation/apply`, apply));
  // The second judge has fewer open applications after the first case; keep every case with the demo judge.
  const state = await app.services.cases.get(s.caseId);
  if (state!.confirmation!.judgeId !== (await world.accountId('judge'))) await expectOk(world.admin.post(`/cases/${s.caseId}/confirmation/reassign`, { judgeId: await world.accountId('judge') }));
  return s;
}

function clientFor(role: Role, s: Signed): ApiClient {
  return { ...world.callersOf(s.applicantToken, otherCase.residentToken), otherJudge, routedJudge: world.judge }[role];
}

describe('judicial confirmation: every action × every kind of caller', () => {
  it.each(rows.map((row) => [row.endpoint, row] as const))('%s', async (_endpoint, row) => {
    const s = await filedCase();
    await row.prepare?.(s);
    try {
      for (const role of ROLES) {
        const before = (await app.services.cases.load(s.caseId)).events.length;
        const res = await row.call(clientFor(role, s), s);
        expect(res.status, `${row.endpoint} as ${role}: ${JSON.stringify(res)}`).toBe(row.expected[role]);
        if (res.status >= 400) expect((await app.services.cases.load(s.caseId)).events.length, `${role} changed the case`).toBe(before);
      }
    } finally {
      hearings.get(s.caseId)?.close();
    }
  });

  it('shows each judge only the applications routed to them', async () => {
    const s = await filedCase();
    const queue = async (client: ApiClient) => ((await expectOk(client.get('/confirmation/queue'))).body as Array<{ caseId: string }>).map((q) => q.caseId);
    expect(await queue(world.judge)).toContain(s.caseId);
    expect(await queue(otherJudge)).not.toContain(s.caseId);
    expect((await world.mediator.get('/confirmation/queue')).status).toBe(403);
  });
});
