import fs from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { newDeviceId } from '../helpers/api-client.ts';
import { ManualClock, startTestServer, tempDataDir } from '../helpers/server.ts';
import { caseBody, expectOk, World } from '../helpers/world.ts';

let app: RunningApp;
let world: World;
let dataDir: string;
const clock = new ManualClock(new Date('2026-11-27T02:00:00.000Z')); // a Friday, 10:00 in Beijing

beforeAll(async () => {
  dataDir = tempDataDir();
  app = await startTestServer({ DATA_DIR: dataDir }, clock);
  world = await World.create(app);
});
afterAll(async () => {
  await app?.close();
});

describe('a case through the API', () => {
  it('is opened by a court referral, assigned, accepted with the declaration, and its log verifies', async () => {
    const opened = await expectOk(world.judge.post('/cases', caseBody({ channel: 'court_referral', orgId: 'baicheng' })));
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: 'intake', channel: 'court_referral', courtId: 'gaomi-court', tier: 'mediator', caseNumber: expect.stringMatching(/^（2026）云调字第\d+号$/) });
    const caseId = opened.body.caseId;
    const assigned = await expectOk(world.admin.post(`/cases/${caseId}/assign`, { mediatorId: await world.accountId('mediator') }));
    // Three working days from a Friday: the next Wednesday.
    expect(assigned.body.mediator.acceptBy).toBe('2026-12-02T02:00:00.000Z');

    const withoutDeclaration = await world.mediator.post(`/cases/${caseId}/accept`, {});
    expect(withoutDeclaration.status).toBe(400);
    expect(withoutDeclaration.body.error.fields[0].path).toBe('noConflictDeclared');

    const accepted = await expectOk(world.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
    expect(accepted.body.status).toBe('accepted');

    const events = await expectOk(world.mediator.get(`/cases/${caseId}/events`));
    expect(events.body.map((e: { type: string }) => e.type)).toEqual(['case.opened', 'case.assigned', 'case.accepted']);
    expect(events.body[1].actor).toMatchObject({ kind: 'account', role: 'admin' });
    expect((await world.mediator.get(`/cases/${caseId}/verify`)).body).toEqual({ valid: true, length: 3, headHash: events.body[2].hash });
  });

  it('flags an acceptance that is overdue', async () => {
    const opened = await expectOk(world.mediator.post('/cases', caseBody()));
    expect(opened.body).toMatchObject({ status: 'intake', acceptanceOverdue: false });
    // Tokens expire too when time jumps, so read through the service, then put the clock back.
    clock.advance(6 * 24 * 3600_000);
    try {
      const { staffCaseView } = await import('../../server/http/case-views.ts');
      expect(staffCaseView((await app.services.cases.get(opened.body.caseId))!, clock.now()).acceptanceOverdue).toBe(true);
    } finally {
      clock.advance(-6 * 24 * 3600_000);
    }
  });

  it('keeps the full ID number out of the log, showing a mask', async () => {
    const { caseId } = await world.referredCase();
    const events = await expectOk(world.mediator.get(`/cases/${caseId}/events`));
    const text = JSON.stringify(events.body);
    expect(text).toContain('110105********002X');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('138****5678');
  });

  it('refuses bad input with field messages and writes nothing', async () => {
    const { caseId } = await world.referredCase();
    const before = (await app.services.cases.load(caseId)).events.length;
    const bad = await world.mediator.post(`/cases/${caseId}/participants`, { role: 'respondent', name: '李四', idNumber: '110105194912310021', phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['idNumber', 'phone']);
    const wrongTypes = await world.mediator.post(`/cases/${caseId}/sessions`, { startsAt: 'tomorrow' });
    expect(wrongTypes.status).toBe(400);
    const illegal = await world.mediator.post(`/cases/${caseId}/close`, { reason: 'completed' });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.code).toBe('illegal_transition');
    expect((await app.services.cases.load(caseId)).events.length).toBe(before);
  });

  it('answers an unknown or malformed case id with not_found', async () => {
    expect((await world.admin.get('/cases/no-such-case')).status).toBe(404);
    expect((await world.admin.get(`/cases/${encodeURIComponent('../../etc/passwd')}`)).status).toBe(404);
  });

  it('lets only one of two concurrent writers append the same seq', async () => {
    const { caseId } = await world.referredCase();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => world.mediator.post(`/cases/${caseId}/participants`, { role: 'respondent', name: `被申请人${i}` })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const verdict = await expectOk(world.mediator.get(`/cases/${caseId}/verify`));
    expect(verdict.body.valid).toBe(true);
    const added = (await app.services.cases.get(caseId))!.participants.filter((p) => p.role === 'respondent');
    expect(added).toHaveLength(statuses.filter((s) => s === 201).length);
  });

  it('detects a tampered stored event at exactly that event', async () => {
    const { caseId } = await world.referredCase();
    const file = path.join(dataDir, 'cases', `${caseId}.jsonl`);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    // Each line is one commit; the fourth event (participant.added) is alone in its commit.
    const index = lines.findIndex((line) => line.includes('"participant.added"'));
    lines[index] = lines[index]!.replace('张三', '王五');
    fs.writeFileSync(file, lines.join('\n'));
    const events = (await app.services.cases.load(caseId)).events;
    const tamperedSeq = events.find((e) => e.type === 'participant.added')!.seq;
    const verdict = await world.mediator.get(`/cases/${caseId}/verify`);
    expect(verdict.body).toMatchObject({ valid: false, brokenAtSeq: tamperedSeq, reason: 'hash_mismatch' });
  });
});

describe('tokens and invitations', () => {
  it('binds an invitation to the first device that opens it; a forwarded link is refused', async () => {
    const resident = await world.referredCase();
    const again = await world.api.post('/invitations/redeem', { token: resident.invitationToken, deviceId: resident.deviceId });
    expect(again.status).toBe(200);
    const forwarded = await world.api.post('/invitations/redeem', { token: resident.invitationToken, deviceId: newDeviceId() });
    expect(forwarded.status).toBe(403);
    expect(forwarded.body.error.message).toMatch(/another device/);
  });

  it('refuses an expired invitation', async () => {
    const { caseId } = await world.referredCase();
    const participant = (await app.services.cases.get(caseId))!.participants[0]!;
    const invitation = await expectOk(world.mediator.post(`/cases/${caseId}/invitations`, { participantId: participant.participantId, validHours: 1 }));
    clock.advance(2 * 3600_000);
    const res = await world.api.post('/invitations/redeem', { token: invitation.body.url.split('#')[1], deviceId: newDeviceId() });
    clock.advance(-2 * 3600_000);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
  });

  it('ends a resident session when the mediator revokes its invitation', async () => {
    const resident = await world.referredCase();
    const asResident = world.api.as(resident.residentToken);
    expect((await asResident.get('/resident/case')).status).toBe(200);
    await expectOk(world.mediator.delete(`/cases/${resident.caseId}/invitations/${resident.invitationId}`));
    const after = await asResident.get('/resident/case');
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/withdrawn/);
    expect((await world.api.post('/invitations/redeem', { token: resident.invitationToken, deviceId: resident.deviceId })).status).toBe(401);
  });

  it('refuses a tampered token, alg none, a token of another kind, and a token for another case', async () => {
    const resident = await world.referredCase();
    const [header, payload, signature] = resident.invitationToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, caseId: 'someone-elses-case' })).toString('base64url');
    const tampered = `${header}.${forgedPayload}.${signature}`;
    const unsigned = jwt.sign(claims, '', { algorithm: 'none' });
    for (const token of [tampered, unsigned, resident.residentToken]) {
      const res = await world.api.post('/invitations/redeem', { token, deviceId: newDeviceId() });
      expect(res.status, token).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
    // An invitation is not a session token, and a resident token opens only its own case.
    expect((await world.api.as(resident.invitationToken).get('/resident/case')).status).toBe(401);
    const other = await world.otherOrgCase();
    expect((await world.api.as(other.residentToken).get(`/cases/${resident.caseId}`)).status).toBe(403);
    expect((await world.api.as(other.residentToken).get('/resident/case')).body.caseId).toBe(other.caseId);
    // A staff token signed with another key, and one with alg none.
    const foreign = jwt.sign({ role: 'admin' }, 'x'.repeat(48), { audience: 'mediation-room:staff', issuer: 'mediation-room', subject: 'a', jwtid: 'b', expiresIn: 600 });
    const noneAdmin = jwt.sign({ role: 'admin', sub: 'a', jti: 'b', aud: 'mediation-room:staff', iss: 'mediation-room' }, '', { algorithm: 'none' });
    for (const token of [foreign, noneAdmin]) expect((await world.api.as(token).get('/accounts')).status).toBe(401);
  });

  it('rotates refresh tokens and revokes the access token on logout', async () => {
    const login = await expectOk(world.api.post('/auth/login', { username: 'mediator', password: 'mediation-demo' }));
    const refreshed = await expectOk(world.api.post('/auth/refresh', { refreshToken: login.body.refreshToken }));
    expect((await world.api.post('/auth/refresh', { refreshToken: login.body.refreshToken })).status).toBe(401);
    const client = world.api.as(refreshed.body.accessToken);
    expect((await client.get('/me')).status).toBe(200);
    expect((await client.post('/auth/logout', { refreshToken: refreshed.body.refreshToken })).status).toBe(204);
    expect((await client.get('/me')).status).toBe(401);
    expect((await world.api.post('/auth/refresh', { refreshToken: refreshed.body.refreshToken })).status).toBe(401);
  });

  it('refuses a wrong password without saying whether the user exists', async () => {
    const wrong = await world.api.post('/auth/login', { username: 'mediator', password: 'wrong-password' });
    const unknown = await world.api.post('/auth/login', { username: 'nobody', password: 'wrong-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });
});
