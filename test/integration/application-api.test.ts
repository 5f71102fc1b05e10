import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { applicationBody, codeIn, nextPhone, outbox, requestCode, respondentLinkToken, submitApplication } from '../helpers/application.ts';
import { noticeOf } from '../helpers/dispatch-world.ts';
import { startTestServer, tempDataDir } from '../helpers/server.ts';
import { expectOk, World } from '../helpers/world.ts';

let app: RunningApp;
let world: World;
let dataDir: string;
let mediatorId: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  app = await startTestServer({ DATA_DIR: dataDir });
  world = await World.create(app);
  mediatorId = await world.accountId('mediator');
});
afterAll(async () => {
  await app?.close();
});

const eventTypes = async (caseId: string) => (await expectOk(world.admin.get(`/cases/${caseId}/events`))).body.map((e: { type: string }) => e.type) as string[];
const stepsOf = async (token: string) => {
  const res = await expectOk(world.api.post('/applications/status', { token }));
  return Object.fromEntries(res.body.steps.map((s: { key: string; status: string }) => [s.key, s.status]));
};

describe('the public mediator directory', () => {
  it('lists every organisation with the mediators who opted in, free of charge, to anyone', async () => {
    const res = await expectOk(world.api.get('/public/mediators'));
    expect(res.body.free).toBe(true);
    const baicheng = res.body.orgs.find((o: { orgId: string }) => o.orgId === 'baicheng');
    expect(baicheng.mediators).toEqual([expect.objectContaining({ accountId: mediatorId, name: '李调解', speciality: expect.stringContaining('邻里') })]);
    // The other organisation's mediator has not opted in.
    expect(res.body.orgs.find((o: { orgId: string }) => o.orgId === 'chengguan').mediators).toEqual([]);
  });

  it('lets a mediator edit their own profile and an admin anyone’s, nobody else', async () => {
    const otherId = await world.accountId('mediator2');
    const profile = { listed: true, speciality: '物业纠纷' };
    expect((await world.mediator.call('PUT', `/mediators/${otherId}/profile`, profile)).status).toBe(403);
    expect((await world.gridWorker.call('PUT', `/mediators/${otherId}/profile`, profile)).status).toBe(403);
    expect((await world.api.call('PUT', `/mediators/${otherId}/profile`, profile)).status).toBe(401);
    expect((await world.otherMediator.call('PUT', `/mediators/${otherId}/profile`, { listed: true, speciality: '' })).body.error.code).toBe('invalid_input');
    expect((await world.otherMediator.call('PUT', `/mediators/${otherId}/profile`, { ...profile, extra: 1 })).body.error.code).toBe('invalid_input');
    await expectOk(world.otherMediator.call('PUT', `/mediators/${otherId}/profile`, profile));
    let listed = (await expectOk(world.api.get('/public/mediators'))).body.orgs.find((o: { orgId: string }) => o.orgId === 'chengguan').mediators;
    expect(listed.map((m: { accountId: string }) => m.accountId)).toEqual([otherId]);
    await expectOk(world.admin.call('PUT', `/mediators/${otherId}/profile`, { listed: false, speciality: '物业纠纷' }));
    listed = (await expectOk(world.api.get('/public/mediators'))).body.orgs.find((o: { orgId: string }) => o.orgId === 'chengguan').mediators;
    expect(listed).toEqual([]);
    // Not a mediator's account: nothing to edit.
    expect((await world.admin.call('PUT', `/mediators/${await world.accountId('judge')}/profile`, profile)).status).toBe(404);
  });
});

describe('the QR code a centre prints', () => {
  it('points at the application page, with the centre’s organisation when named', async () => {
    const any = await expectOk(world.api.get('/public/apply-qr'));
    expect(any.body.url).toBe(`${app.url.replace('127.0.0.1', 'localhost')}/apply`);
    const centre = await expectOk(world.api.get('/public/apply-qr?org=baicheng'));
    expect(centre.body).toMatchObject({ url: expect.stringMatching(/\/apply\?org=baicheng$/), orgName: '柏城镇人民调解委员会' });
    expect(centre.body.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await world.api.get('/public/apply-qr?org=nowhere')).status).toBe(404);
    expect((await world.api.get('/public/apply-qr?org=baicheng&x=1')).body.error.code).toBe('invalid_input');
  });
});

describe('SMS verification codes', () => {
  it('sends a code through the message sender, shows it only on a demo installation, and throttles resending', async () => {
    const phone = nextPhone();
    const code = await requestCode(world.api, phone);
    const sent = outbox(dataDir).at(-1)!;
    expect(sent.to).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(codeIn(sent.text)).toBe(code);
    const again = await world.api.post('/applications/sms-code', { phone });
    expect(again.status).toBe(429);
    expect(again.body.error.code).toBe('rate_limited');
    expect((await world.api.post('/applications/sms-code', { phone: '12345' })).body.error.code).toBe('invalid_input');
  });

  it('refuses a wrong code, voids the code after five wrong tries, and takes a right code once', async () => {
    const phone = nextPhone();
    const code = await requestCode(world.api, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await world.api.post('/applications', applicationBody(phone, wrong));
    expect(first.status).toBe(400);
    expect(first.body.error.fields).toEqual([expect.objectContaining({ path: 'smsCode' })]);
    for (let i = 0; i < 4; i++) await world.api.post('/applications', applicationBody(phone, wrong));
    const exhausted = await world.api.post('/applications', applicationBody(phone, code));
    expect(exhausted.status).toBe(400);
    expect(exhausted.body.error.message).toMatch(/Too many wrong codes/);

    const other = nextPhone();
    const good = await requestCode(world.api, other);
    await expectOk(world.api.post('/applications', applicationBody(other, good)));
    const reused = await world.api.post('/applications', applicationBody(other, good));
    expect(reused.status).toBe(400);
    expect(reused.body.error.fields[0].path).toBe('smsCode');
  });
});

describe('applying', () => {
  it('refuses bad input with typed errors, writes nothing and keeps the code for the corrected form', async () => {
    const before = (await expectOk(world.admin.get('/cases'))).body.length;
    const phone = nextPhone();
    const code = await requestCode(world.api, phone);
    const badId = await world.api.post('/applications', applicationBody(phone, code, { applicant: { name: '张建国', idNumber: '110105194912310021', address: '高密市柏城镇幸福路8号' } }));
    expect(badId.status).toBe(400);
    expect(badId.body.error.fields).toEqual([{ path: 'applicant.idNumber', message: expect.any(String) }]);
    const noConsent = await world.api.post('/applications', applicationBody(phone, code, { consentOnlineMediation: false }));
    expect(noConsent.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['consentOnlineMediation']);
    const unconfirmed = await world.api.post('/applications', applicationBody(phone, code, { delivery: { electronicDelivery: true, confirmed: false } }));
    expect(unconfirmed.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['delivery.confirmed']);
    const unknownOrg = await world.api.post('/applications', applicationBody(phone, code, { orgId: 'nowhere' }));
    expect(unknownOrg.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['orgId']);
    // A mediator of another organisation, or one not in the directory, cannot be chosen.
    const notListed = await world.api.post('/applications', applicationBody(phone, code, { mediatorId: await world.accountId('mediator2') }));
    expect(notListed.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['mediatorId']);
    expect((await expectOk(world.admin.get('/cases'))).body.length).toBe(before);
    await expectOk(world.api.post('/applications', applicationBody(phone, code)));
    expect((await expectOk(world.admin.get('/cases'))).body.length).toBe(before + 1);
  });

  it('opens a case at intake with the parties masked in the log, the agent and relationship recorded, and the details in the vault', async () => {
    const applied = await submitApplication(world.api, {
      applicant: { name: '王奶奶', idNumber: '11010519491231002X', address: '高密市柏城镇幸福路8号', phone: '13611112222' },
      agent: { name: '王小军', relationship: 'grandchild' },
      delivery: { email: 'wang@example.org', electronicDelivery: true, confirmed: true },
      mediatorId,
    });
    const c = (await expectOk(world.mediator.get(`/cases/${applied.caseId}`))).body;
    expect(c).toMatchObject({ status: 'intake', channel: 'resident_application', orgId: 'baicheng', caseNumber: applied.caseNumber, title: '王奶奶与刘秀英邻里纠纷' });
    const applicant = c.participants.find((p: { role: string }) => p.role === 'applicant');
    const agent = c.participants.find((p: { role: string }) => p.role === 'agent');
    expect(applicant).toMatchObject({ name: '王奶奶', idNumberMasked: '110105********002X', phoneMasked: '136****2222' });
    expect(agent).toMatchObject({ name: '王小军', representing: applicant.participantId, phoneMasked: `${applied.phone.slice(0, 3)}****${applied.phone.slice(-4)}` });
    expect(c.application).toMatchObject({
      stage: 'submitted',
      agent: { participantId: agent.participantId, relationship: 'grandchild' },
      phoneVerified: true,
      delivery: { addressConfirmed: true, electronicDelivery: true, emailGiven: true },
      onlineMediationConsent: true,
      chosenMediator: { accountId: mediatorId, name: '李调解' },
    });
    const log = JSON.stringify((await expectOk(world.admin.get(`/cases/${applied.caseId}/events`))).body);
    for (const secret of ['11010519491231002X', '13611112222', applied.phone, '13700001111', 'wang@example.org', '幸福路8号']) expect(log).not.toContain(secret);
    expect(await app.services.vault.get(applied.caseId, applicant.participantId)).toEqual({ idNumber: '11010519491231002X', phone: '13611112222', address: '高密市柏城镇幸福路8号', email: 'wang@example.org' });
    // The status link went by SMS to whoever applied.
    expect(outbox(dataDir).some((m) => m.link === applied.statusUrl && m.to.endsWith(applied.phone.slice(-4)))).toBe(true);
    expect(await stepsOf(applied.statusToken)).toEqual({ submitted: 'done', accepted: 'current', respondent_contacted: 'pending', scheduled: 'pending', in_mediation: 'pending', closed: 'pending' });
    expect((await expectOk(world.admin.get(`/cases/${applied.caseId}/verify`))).body.valid).toBe(true);
  });
});

describe('the organisation’s decision and the respondent’s answer', () => {
  it('lets only mediators and admins of the organisation decide, once', async () => {
    const applied = await submitApplication(world.api);
    const decision = `/cases/${applied.caseId}/application/decision`;
    expect((await world.api.post(decision, { accept: true })).status).toBe(401);
    expect((await world.otherMediator.post(decision, { accept: true })).status).toBe(404);
    expect((await world.gridWorker.post(decision, { accept: true })).status).toBe(403);
    expect((await world.judge.post(decision, { accept: true })).status).toBe(403);
    expect((await world.mediator.post(decision, { accept: false })).body.error.code).toBe('invalid_input');
    expect((await world.mediator.post(decision, { accept: false, reason: ' ' })).body.error.code).toBe('invalid_input');
    expect((await world.api.post('/applications/status', { token: 'x'.repeat(43) })).status).toBe(401);
    expect(await eventTypes(applied.caseId)).not.toContain('application.accepted');

    await expectOk(world.admin.post(decision, { accept: true }));
    const twice = await world.mediator.post(decision, { accept: false, reason: '重复' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('illegal_transition');
  });

  it('lets the centre’s window decide too (一窗受理), for the organisations under it only', async () => {
    const applied = await submitApplication(world.api);
    const decision = `/cases/${applied.caseId}/application/decision`;
    await expectOk(world.admin.post('/accounts', { username: 'cgwindow', password: 'window-password', displayName: '城关窗口', role: 'centre_staff', orgId: 'chengguan' }));
    const otherWindow = await world.api.login('cgwindow', 'window-password');
    expect((await otherWindow.post(decision, { accept: true })).status).toBe(404);
    expect(await eventTypes(applied.caseId)).not.toContain('application.accepted');
    const centre = await world.api.login('centre');
    // The centre's window was told of the application as it arrived; the other organisation's was not.
    expect((await noticeOf(centre, applied.caseId, 'application_received')).text).toContain(applied.caseNumber);
    expect(((await otherWindow.get('/notices')).body as Array<{ caseId: string }>).some((n) => n.caseId === applied.caseId)).toBe(false);
    await expectOk(centre.post(decision, { accept: true }));
    expect(await eventTypes(applied.caseId)).toContain('application.accepted');
  });

  it('不予受理: closes the case with the reason, which the applicant’s status link shows', async () => {
    const applied = await submitApplication(world.api);
    const res = await expectOk(world.mediator.post(`/cases/${applied.caseId}/application/decision`, { accept: false, reason: '该纠纷已由人民法院立案受理' }));
    expect(res.body).toMatchObject({ status: 'closed', closedReason: 'not_accepted' });
    const status = (await expectOk(world.api.post('/applications/status', { token: applied.statusToken }))).body;
    expect(status.notAcceptedReason).toBe('该纠纷已由人民法院立案受理');
    expect(await stepsOf(applied.statusToken)).toMatchObject({ accepted: 'refused', respondent_contacted: 'skipped', closed: 'done' });
    // The message carries a status link of its own, which works like the first.
    const told = outbox(dataDir).find((m) => m.text.includes(applied.caseNumber) && m.text.includes('不予受理'))!;
    const fresh = told.link.slice(told.link.indexOf('#') + 1);
    expect(fresh).not.toBe(applied.statusToken);
    expect(await stepsOf(fresh)).toMatchObject({ accepted: 'refused', closed: 'done' });
    expect(outbox(dataDir).some((m) => m.link.includes('/apply/respond#') && m.text.includes(applied.caseNumber))).toBe(false);
  });

  it('受理 asks the respondent by SMS; their agreement sends the case to the chosen mediator, who goes on as usual', async () => {
    const applied = await submitApplication(world.api, { mediatorId });
    const decided = await expectOk(world.mediator.post(`/cases/${applied.caseId}/application/decision`, { accept: true }));
    expect(decided.body.application).toMatchObject({ stage: 'respondent_contacted', contactCount: 1 });
    expect(await stepsOf(applied.statusToken)).toMatchObject({ accepted: 'done', respondent_contacted: 'current' });
    const token = await respondentLinkToken(dataDir, applied.caseNumber);

    const view = (await expectOk(world.api.post('/applications/respondent', { token }))).body;
    expect(view).toMatchObject({ respondentName: '刘秀英', applicantName: '张建国', orgName: '柏城镇人民调解委员会', chosenMediatorName: '李调解' });
    expect(view.answer).toBeUndefined();
    // The applicant's status link is not the respondent's.
    expect((await world.api.post('/applications/respondent/answer', { token: applied.statusToken, agree: true })).status).toBe(401);
    expect((await world.api.post('/applications/respondent/answer', { token, agree: 'yes' })).body.error.code).toBe('invalid_input');

    const answered = await expectOk(world.api.post('/applications/respondent/answer', { token, agree: true }));
    expect(answered.body.answer).toBe('agreed');
    expect((await world.api.post('/applications/respondent/answer', { token, agree: false })).body.error.code).toBe('illegal_transition');
    const c = (await expectOk(world.mediator.get(`/cases/${applied.caseId}`))).body;
    expect(c.status).toBe('intake');
    expect(c.mediator).toMatchObject({ accountId: mediatorId, name: '李调解' });
    const events = (await expectOk(world.admin.get(`/cases/${applied.caseId}/events`))).body;
    const agreed = events.find((e: { type: string }) => e.type === 'application.respondent_agreed');
    expect(agreed.actor).toMatchObject({ kind: 'resident', name: '刘秀英' });
    expect(events.at(-1).type).toBe('case.assigned');
    expect(await stepsOf(applied.statusToken)).toMatchObject({ respondent_contacted: 'done', scheduled: 'current' });
    // A contact after the answer is refused.
    expect((await world.mediator.post(`/cases/${applied.caseId}/application/contact-respondent`)).body.error.code).toBe('illegal_transition');

    await expectOk(world.mediator.post(`/cases/${applied.caseId}/accept`, { noConflictDeclared: true }));
    const startsAt = new Date(Date.now() + 86_400_000).toISOString();
    await expectOk(world.mediator.post(`/cases/${applied.caseId}/sessions`, { startsAt }));
    const status = (await expectOk(world.api.post('/applications/status', { token: applied.statusToken }))).body;
    expect(status).toMatchObject({ mediatorName: '李调解', nextSessionAt: startsAt });
    expect(await stepsOf(applied.statusToken)).toMatchObject({ scheduled: 'done', in_mediation: 'current', closed: 'pending' });
    expect((await expectOk(world.admin.get(`/cases/${applied.caseId}/verify`))).body.valid).toBe(true);
  });

  it('the respondent’s refusal closes the case with the record; the status link still shows how it ended', async () => {
    const applied = await submitApplication(world.api);
    await expectOk(world.admin.post(`/cases/${applied.caseId}/application/decision`, { accept: true }));
    // Asking again sends a new link; both count as contacts.
    const again = await expectOk(world.mediator.post(`/cases/${applied.caseId}/application/contact-respondent`));
    expect(again.body.application.contactCount).toBe(2);
    // Assigned meanwhile (dispatch), the mediator still cannot take it up before the respondent agrees.
    await expectOk(world.admin.post(`/cases/${applied.caseId}/assign`, { mediatorId }));
    const early = await world.mediator.post(`/cases/${applied.caseId}/accept`, { noConflictDeclared: true });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/not agreed/);
    const token = await respondentLinkToken(dataDir, applied.caseNumber);
    await expectOk(world.api.post('/applications/respondent/answer', { token, agree: false, reason: '双方已私下和解' }));
    const c = (await expectOk(world.admin.get(`/cases/${applied.caseId}`))).body;
    expect(c).toMatchObject({ status: 'closed', closedReason: 'not_accepted', application: { stage: 'respondent_refused', refusalReason: '双方已私下和解' } });
    expect((await eventTypes(applied.caseId)).slice(-2)).toEqual(['application.respondent_refused', 'case.closed']);
    expect(await stepsOf(applied.statusToken)).toEqual({ submitted: 'done', accepted: 'done', respondent_contacted: 'refused', scheduled: 'skipped', in_mediation: 'skipped', closed: 'done' });
    expect((await expectOk(world.api.post('/applications/status', { token: applied.statusToken }))).body.respondentRefused).toBe(true);
    expect((await expectOk(world.api.post('/applications/respondent', { token }))).body.answer).toBe('refused');
  });
});

describe('limits on the public form', () => {
  it('counts applications per client address and refuses past thirty an hour', async () => {
    // Earlier tests submitted some already; every well-formed submission counts, whatever its code.
    let refusedAt = 0;
    for (let i = 1; i <= 40 && !refusedAt; i++) {
      const res = await world.api.post('/applications', applicationBody(nextPhone(), '123456'));
      if (res.status === 429) refusedAt = i;
      else expect(res.body.error.fields[0].path).toBe('smsCode');
    }
    expect(refusedAt).toBeGreaterThan(0);
    const res = await world.api.post('/applications', applicationBody(nextPhone(), '123456'));
    expect(res.status).toBe(429);
    expect(res.body.error.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('a production installation', () => {
  let production: RunningApp | undefined;
  afterAll(async () => {
    await production?.close();
  });

  it('never shows the SMS code on the page; it goes to the sender only', async () => {
    const dir = tempDataDir();
    production = await startTestServer({ APP_MODE: 'production', DATA_DIR: dir });
    const phone = nextPhone();
    const res = await fetch(`${production.url}/api/applications/sms-code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone }) });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.demoMessage).toBeUndefined();
    expect(codeIn(outbox(dir).at(-1)!.text)).toMatch(/^\d{6}$/);
  });
});
