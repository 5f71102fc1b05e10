import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { HEARING_CHECKLIST } from '../../server/domain/confirmation.ts';
import type { ApiClient } from '../helpers/api-client.ts';
import { ManualClock, startTestServer } from '../helpers/server.ts';
import { signaturePng } from '../helpers/signature-png.ts';
import { hearingInRoom } from '../helpers/hearing.ts';
import { waitUntil } from '../helpers/processes.ts';
import { signedCaseIn } from '../helpers/signed-case.ts';
import { expectOk, World } from '../helpers/world.ts';

let app: RunningApp;
let world: World;
const clock = new ManualClock(new Date('2026-11-24T02:00:00.000Z'));

beforeAll(async () => {
  app = await startTestServer({}, clock);
  world = await World.create(app);
});
afterAll(async () => {
  await app?.close();
});

const signedCase = () => signedCaseIn(world);

const apply = (client: ApiClient, caseId: string, subject = { personalStatus: false, ownershipConfirmation: false }) =>
  client.post(`/cases/${caseId}/confirmation/apply`, { electronicDelivery: true, subject });
const answersFor = (...ids: string[]) => Object.fromEntries(ids.map((id) => [id, Object.fromEntries(HEARING_CHECKLIST.map((q) => [q.id, '是']))]));

describe('judicial confirmation through the API', () => {
  it('is applied for jointly, routed to a judge of the area’s court, reviewed, heard, confirmed with a sealed ruling, and delivered with receipts', async () => {
    const s = await signedCase();
    const applied = await expectOk(apply(s.applicant, s.caseId));
    // The resident gets their own view back, not the case with the other party's details.
    expect(applied.body.me).toMatchObject({ participantId: s.applicantId });
    expect(applied.body.participants).toBeUndefined();
    expect((await app.services.cases.get(s.caseId))!.status).toBe('signed');
    await expectOk(apply(s.respondent, s.caseId));
    const state = (await app.services.cases.get(s.caseId))!;
    expect(state.status).toBe('confirmation_requested');
    expect(state.confirmation).toMatchObject({ judgeName: '赵法官', judgeId: await world.accountId('judge') });

    const queue = await expectOk(world.judge.get('/confirmation/queue'));
    expect(queue.body.find((q: { caseId: string }) => q.caseId === s.caseId)).toMatchObject({ stage: 'accept', urgency: 'on_time' });

    await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/accept`));
    await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/extend`, { reason: '需核实借款凭证' }));
    const due = (await expectOk(world.judge.get('/confirmation/queue'))).body.find((q: { caseId: string }) => q.caseId === s.caseId);
    expect(due).toMatchObject({ stage: 'decide', dueAt: new Date(clock.now().getTime() + 25 * 86400_000).toISOString() });

    const hearing = await hearingInRoom(app, world, s);
    // Attendance comes from the room, not from the judge's say: a claimed presence list is no part of the record.
    const claimed = await world.judge.post(`/cases/${s.caseId}/confirmation/hearing`, { presentParticipantIds: [s.applicantId], sessionId: hearing.sessionId, answers: answersFor(s.applicantId, s.respondentId), notes: '' });
    expect(claimed.status).toBe(400);
    const unanswered = await world.judge.post(`/cases/${s.caseId}/confirmation/hearing`, { sessionId: hearing.sessionId, answers: answersFor(s.applicantId), notes: '' });
    expect(unanswered.status).toBe(409);
    await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/hearing`, { sessionId: hearing.sessionId, answers: answersFor(s.applicantId, s.respondentId), notes: '双方均表示系自愿签署。' }));
    hearing.close();
    expect((await app.services.cases.get(s.caseId))!.confirmation!.hearing!.presentParticipantIds.sort()).toEqual([s.applicantId, s.respondentId].sort());
    await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/decision`, { outcome: 'confirmed' }));
    expect((await app.services.cases.get(s.caseId))!.status).toBe('confirmed');

    const res = await fetch(`${app.url}/api/cases/${s.caseId}/ruling.pdf`, { headers: { authorization: `Bearer ${s.applicant.token}` } });
    expect(res.status).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ruling-')), 'ruling.pdf');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of ['民事裁定书', '高密市人民法院', '司确字第', '张建国', '刘秀英', '调解协议有效', '十五日内', '归还借款']) expect(text).toContain(expected);
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toMatch(/Signature is Valid/);
    await expectOk(s.respondent.get('/resident/case'));
    await fetch(`${app.url}/api/cases/${s.caseId}/ruling.pdf`, { headers: { authorization: `Bearer ${s.respondent.token}` } });
    const receipts = (await app.services.cases.load(s.caseId)).events.filter((e) => e.type === 'document.delivered' && e.data.document === 'ruling');
    expect(receipts.map((e) => (e.data as { recipient: string }).recipient).sort()).toEqual([`p:${s.applicantId}`, `p:${s.respondentId}`].sort());
  });

  it('dismisses with a ground and a reason, telling the parties what they may do next', async () => {
    const s = await signedCase();
    await expectOk(apply(s.applicant, s.caseId));
    await expectOk(apply(s.respondent, s.caseId));
    await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/accept`));
    await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/decision`, { outcome: 'rejected', ground: 'unclear', reason: '还款账户未写明' }));
    const state = (await app.services.cases.get(s.caseId))!;
    expect(state.status).toBe('rejected');
    const res = await fetch(`${app.url}/api/cases/${s.caseId}/ruling.pdf`, { headers: { authorization: `Bearer ${s.applicant.token}` } });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ruling-')), 'ruling.pdf');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of ['驳回申请人', '内容不明确，无法执行', '还款账户未写明', '提起诉讼']) expect(text).toContain(expected);
  });

  it('holds the hearing only with both parties admitted together in the judge’s room', async () => {
    const s = await signedCase();
    await expectOk(apply(s.applicant, s.caseId));
    await expectOk(apply(s.respondent, s.caseId));
    // Before acceptance there is nothing to hear; a mediator cannot schedule the court's hearing.
    expect((await world.judge.post(`/cases/${s.caseId}/confirmation/hearing/schedule`, { startsAt: '2026-12-01T01:00:00.000Z' })).status).toBe(409);
    await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/accept`));
    expect((await world.mediator.post(`/cases/${s.caseId}/confirmation/hearing/schedule`, { startsAt: '2026-12-01T01:00:00.000Z' })).status).toBe(403);
    expect((await world.judge.post(`/cases/${s.caseId}/confirmation/hearing/schedule`, { startsAt: 'tomorrow' })).status).toBe(400);
    const hearing = await hearingInRoom(app, world, s, 'applicant');
    try {
      const state = (await app.services.cases.get(s.caseId))!;
      expect(state.sessions.find((x) => x.sessionId === hearing.sessionId)).toMatchObject({ kind: 'hearing', status: 'live', attendedParticipantIds: [s.applicantId] });
      const alone = await world.judge.post(`/cases/${s.caseId}/confirmation/hearing`, { sessionId: hearing.sessionId, answers: answersFor(s.applicantId, s.respondentId), notes: '' });
      expect(alone.status).toBe(409);
      expect(alone.body.error.message).toMatch(/同时到场/);
      expect((await world.judge.post(`/cases/${s.caseId}/confirmation/hearing`, { sessionId: 'no-such-session', answers: {}, notes: '' })).status).toBe(404);
      expect((await app.services.cases.get(s.caseId))!.confirmation!.hearing).toBeUndefined();
      const notice = await waitUntil(async () => ((await expectOk(s.respondent.get('/notices'))).body as Array<{ kind: string; text: string; path: string }>).find((n) => n.kind === 'hearing_scheduled'), {
        what: 'the hearing notice',
      });
      expect(notice).toMatchObject({ path: '/join', text: expect.stringContaining('北京时间') });
    } finally {
      hearing.close();
    }
  });

  it('refuses an application after 30 days, and subject matters a court does not accept, each with the legal reason', async () => {
    const s = await signedCase();
    const refused = await apply(s.applicant, s.caseId, { personalStatus: true, ownershipConfirmation: false });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/第三百五十五条/);
    clock.advance(31 * 86400_000);
    try {
      // Resident tokens age with the clock too, so ask the service directly as the applicant.
      const late = await app.services.confirmations
        .apply({ kind: 'resident', caseId: s.caseId, participantId: s.applicantId, invitationId: 'x', name: '张建国' }, s.caseId, { electronicDelivery: true, subject: { personalStatus: false, ownershipConfirmation: false } })
        .then(() => 'applied', (error: Error) => error.message);
      expect(late).toMatch(/三十三条/);
    } finally {
      clock.advance(-31 * 86400_000);
    }
  });

  it('lets only the routed judge act; another judge, the mediator and the parties are refused', async () => {
    const s = await signedCase();
    await expectOk(apply(s.applicant, s.caseId));
    await expectOk(apply(s.respondent, s.caseId));
    await expectOk(world.admin.post('/courts', { courtId: 'other-court', name: '另一法院', areaCodes: ['110000'] }));
    await expectOk(world.admin.post('/accounts', { username: 'judge2', password: 'judge-two-password', displayName: '钱法官', role: 'judge', courtId: 'gaomi-court' }));
    const judge2 = await world.api.login('judge2', 'judge-two-password');
    for (const [client, status] of [
      [judge2, 403],
      [world.mediator, 403],
      [s.applicant, 403],
    ] as const) {
      expect((await client.post(`/cases/${s.caseId}/confirmation/accept`)).status).toBe(status);
    }
    // The admin reassigns; now the second judge may act and the first may not.
    await expectOk(world.admin.post(`/cases/${s.caseId}/confirmation/reassign`, { judgeId: await world.accountId('judge2') }));
    expect((await world.judge.post(`/cases/${s.caseId}/confirmation/accept`)).status).toBe(403);
    await expectOk(judge2.post(`/cases/${s.caseId}/confirmation/accept`));
  });
});

describe('more material for the judge', () => {
  it('takes a photo or a PDF by its content, refuses anything else whatever its name, and lets the judge open it', async () => {
    const s = await signedCase();
    await expectOk(apply(s.applicant, s.caseId));
    await expectOk(apply(s.respondent, s.caseId));
    await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/accept`));
    const requested = await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/material-requests`, { message: '请提供借条照片' }));
    const requestId = requested.body.confirmation.materialRequests[0].requestId as string;

    const upload = (body: Uint8Array, name: string) =>
      fetch(`${app.url}/api/cases/${s.caseId}/confirmation/material/${requestId}?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.applicant.token}`, 'content-type': 'application/octet-stream' },
        body: body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
      });
    const png = Buffer.from(signaturePng(), 'base64');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    expect((await upload(png, '借条.png')).status).toBe(201);
    expect((await upload(pdf, '收据.pdf')).status).toBe(201);
    const fake = await upload(Buffer.from('<script>alert(1)</script>'), '借条.jpg');
    expect(fake.status).toBe(400);
    expect((await fake.json()).error.fields[0]).toMatchObject({ path: 'file' });

    const state = (await app.services.cases.get(s.caseId))!;
    const files = state.confirmation!.materialRequests![0]!.files;
    expect(files.map((f) => [f.name, f.mime])).toEqual([
      ['借条.png', 'image/png'],
      ['收据.pdf', 'application/pdf'],
    ]);
    const opened = await fetch(`${app.url}/api/cases/${s.caseId}/confirmation/material-files/${files[0]!.sha256}`, { headers: { authorization: `Bearer ${world.judge.token}` } });
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await opened.arrayBuffer()).equals(png)).toBe(true);
    const other = await world.otherOrgCase();
    expect((await fetch(`${app.url}/api/cases/${s.caseId}/confirmation/material-files/${files[0]!.sha256}`, { headers: { authorization: `Bearer ${other.residentToken}` } })).status).toBe(404);
  });
});
