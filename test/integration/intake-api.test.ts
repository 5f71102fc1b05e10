import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import type { ApiClient } from '../helpers/api-client.ts';
import { newDeviceId, tokenOfLink } from '../helpers/api-client.ts';
import { startTestServer } from '../helpers/server.ts';
import { partiesWithDraft } from '../helpers/signed-case.ts';
import { signaturePng } from '../helpers/signature-png.ts';
import { caseBody, expectOk, World } from '../helpers/world.ts';

let app: RunningApp;
let world: World;

beforeAll(async () => {
  app = await startTestServer();
  world = await World.create(app);
});
afterAll(async () => {
  await app?.close();
});

const GRID_3 = '370785001001003';
const report = (overrides: Record<string, unknown> = {}) => ({
  gridCode: GRID_3,
  disputeType: 'neighbour',
  title: '楼道堆物引发邻里纠纷',
  description: '三单元二楼住户在楼道堆放杂物，对门住户多次交涉未果，双方发生争吵。',
  parties: [
    { role: 'applicant', name: '孙桂兰', phone: '13912345678' },
    { role: 'respondent', name: '周大海' },
  ],
  ...overrides,
});

async function upload(client: ApiClient, caseId: string, name: string, bytes: Uint8Array) {
  const res = await fetch(`${app.url}/api/cases/${caseId}/photos?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/octet-stream' },
    body: Buffer.from(bytes),
  });
  return { status: res.status, body: await res.json() };
}

describe('the grid registry', () => {
  it('is seeded for the demo and read by staff with paths and inherited bindings', async () => {
    const nodes = (await expectOk(world.gridWorker.get('/grid-registry'))).body as Array<Record<string, unknown>>;
    expect(nodes.find((n) => n.code === GRID_3)).toMatchObject({ name: '第3网格', level: 'grid', effectiveOrgId: 'baicheng', effectiveCourtId: 'gaomi-court', path: ['柏城镇', '东关社区', '第3网格'] });
    expect((await world.api.get('/grid-registry')).status).toBe(401);
    expect(await app.services.gridRegistry.path(GRID_3)).toBe('柏城镇 › 东关社区 › 第3网格');
    expect(await app.services.gridRegistry.nameOf('370785001001')).toBe('东关社区');
  });

  it('is changed by admins only, with typed errors that change nothing, each change a link of its chain', async () => {
    const before = (await app.services.gridRegistry.verify()) as { length: number };
    const grid = { code: '370785001002002', name: '第2网格', level: 'grid', parentCode: '370785001002' };
    expect((await world.gridWorker.post('/grid-registry/nodes', grid)).status).toBe(403);
    expect((await world.mediator.post('/grid-registry/nodes', grid)).status).toBe(403);
    const orphan = await world.admin.post('/grid-registry/nodes', { ...grid, parentCode: '370785001' });
    expect(orphan).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', fields: [{ path: 'parentCode' }] } } });
    expect((await world.admin.post('/grid-registry/nodes', { ...grid, code: 'abc' })).status).toBe(400);
    expect((await world.admin.post('/grid-registry/nodes', { ...grid, orgId: 'no-such-org' })).body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'orgId' }] });
    expect((await world.admin.post('/grid-registry/nodes', { ...grid, code: GRID_3, parentCode: '370785001001' })).status).toBe(409);
    expect(await app.services.gridRegistry.verify()).toMatchObject({ valid: true, length: before.length });

    expect((await expectOk(world.admin.post('/grid-registry/nodes', grid))).body).toMatchObject({ path: ['柏城镇', '西关社区', '第2网格'], effectiveOrgId: 'baicheng' });
    const renamed = await expectOk(world.admin.call('PATCH', '/grid-registry/nodes/370785001002002', { name: '第二网格' }));
    expect(renamed.body.name).toBe('第二网格');
    expect((await world.gridWorker.call('PATCH', '/grid-registry/nodes/370785001002002', { name: 'x' })).status).toBe(403);
    expect((await world.admin.delete('/grid-registry/nodes/370785001002')).status).toBe(409);
    expect((await world.admin.delete('/grid-registry/nodes/370785001002002')).status).toBe(204);
    expect((await world.admin.delete('/grid-registry/nodes/370785001002002')).status).toBe(404);
    expect(await app.services.gridRegistry.verify()).toMatchObject({ valid: true, length: before.length + 3 });
    expect((await expectOk(world.admin.get('/grid-registry/verify'))).body).toMatchObject({ valid: true });
  });
});

describe('a grid worker’s field report', () => {
  it('opens a case at intake for the organisation and court of the grid picked, with the parties’ phones kept out of the log', async () => {
    const filed = await expectOk(world.gridWorker.post('/field-reports', report()));
    expect(filed.status).toBe(201);
    const caseId = filed.body.caseId as string;
    expect(filed.body).toMatchObject({ status: 'intake', channel: 'grid_report', tier: 'grid', areaCode: GRID_3, grid: '柏城镇 › 东关社区 › 第3网格', orgId: 'baicheng', courtId: 'gaomi-court' });
    expect(filed.body.participants).toMatchObject([{ name: '孙桂兰', role: 'applicant', phoneMasked: '139****5678' }, { name: '周大海', role: 'respondent' }]);

    // The organisation sees it among its cases; another organisation cannot even find it.
    const listed = (await expectOk(world.mediator.get('/cases'))).body as Array<{ caseId: string }>;
    expect(listed.some((c) => c.caseId === caseId)).toBe(true);
    expect((await world.otherMediator.get(`/cases/${caseId}`)).status).toBe(404);
    expect(((await expectOk(world.gridWorker.get('/field-reports/mine'))).body as Array<{ caseId: string }>).map((c) => c.caseId)).toContain(caseId);

    const log = JSON.stringify((await expectOk(world.gridWorker.get(`/cases/${caseId}/events`))).body);
    expect(log).not.toContain('13912345678');
    expect((await expectOk(world.gridWorker.get(`/cases/${caseId}/verify`))).body).toMatchObject({ valid: true, length: 3 });
  });

  it('refuses an unknown grid, a grid of another organisation, bad phones and other roles, writing nothing', async () => {
    const before = (await expectOk(world.admin.get('/cases'))).body.length;
    expect((await world.gridWorker.post('/field-reports', report({ gridCode: '370785001001' }))).body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'gridCode' }] });
    expect((await world.gridWorker.post('/field-reports', report({ gridCode: '370785009009009' }))).status).toBe(400);
    expect((await world.gridWorker.post('/field-reports', report({ parties: [{ role: 'applicant', name: '甲', phone: '123' }] }))).body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'parties.0.phone' }] });
    expect((await world.gridWorker.post('/field-reports', report({ parties: [] }))).status).toBe(400);
    expect((await world.mediator.post('/field-reports', report())).status).toBe(403);
    expect((await world.judge.post('/field-reports', report())).status).toBe(403);
    expect((await world.api.post('/field-reports', report())).status).toBe(401);

    await expectOk(world.admin.post('/grid-registry/nodes', { code: '370785002', name: '城关街道', level: 'town', orgId: 'chengguan', courtId: 'gaomi-court' }));
    await expectOk(world.admin.post('/grid-registry/nodes', { code: '370785002001', name: '南苑社区', level: 'community', parentCode: '370785002' }));
    await expectOk(world.admin.post('/grid-registry/nodes', { code: '370785002001001', name: '第1网格', level: 'grid', parentCode: '370785002001' }));
    expect((await world.gridWorker.post('/field-reports', report({ gridCode: '370785002001001' }))).status).toBe(403);
    expect((await expectOk(world.admin.get('/cases'))).body.length).toBe(before);
  });

  it('takes photos checked by their bytes, each a case event with its SHA-256, readable by the organisation only', async () => {
    const caseId = (await expectOk(world.gridWorker.post('/field-reports', report()))).body.caseId as string;
    const png = Buffer.from(signaturePng(), 'base64');
    const added = await upload(world.gridWorker, caseId, '楼道现场.png', png);
    expect(added.status).toBe(201);
    const sha256 = createHash('sha256').update(png).digest('hex');
    expect(added.body.photos).toEqual([{ name: '楼道现场.png', mime: 'image/png', size: png.length, sha256, at: expect.any(String), addedBy: '王网格' }]);

    // A PDF or text under a photo's name is refused by its bytes; empty bodies too.
    expect((await upload(world.gridWorker, caseId, 'fake.jpg', Buffer.from('%PDF-1.7 not a photo'))).body.error).toMatchObject({ code: 'invalid_input' });
    expect((await upload(world.gridWorker, caseId, 'note.jpg', Buffer.from('hello'))).status).toBe(400);
    expect((await upload(world.gridWorker, caseId, 'empty.jpg', Buffer.alloc(0))).status).toBe(400);
    const huge = Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]);
    expect((await upload(world.gridWorker, caseId, 'huge.png', huge)).body.error).toMatchObject({ code: 'payload_too_large' });
    expect((await upload(world.otherMediator, caseId, 'x.png', png)).status).toBe(404);
    expect((await world.gridWorker.call('POST', `/cases/${caseId}/photos`, {})).status).toBe(400);

    const events = (await expectOk(world.mediator.get(`/cases/${caseId}/events`))).body as Array<{ type: string; data: Record<string, unknown> }>;
    expect(events.filter((e) => e.type === 'case.photo_added').map((e) => e.data)).toEqual([{ name: '楼道现场.png', mime: 'image/png', size: png.length, sha256 }]);
    const fetched = await fetch(`${app.url}/api/cases/${caseId}/photos/${sha256}`, { headers: { authorization: `Bearer ${world.mediator.token}` } });
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await fetched.arrayBuffer()).equals(png)).toBe(true);
    expect((await world.otherMediator.get(`/cases/${caseId}/photos/${sha256}`)).status).toBe(404);
    expect((await expectOk(world.mediator.get(`/cases/${caseId}/verify`))).body).toMatchObject({ valid: true });
  });
});

describe('lighter items (隐患 / 民意诉求)', () => {
  it('are logged, listed for the organisation and closed once with an outcome, on a chain of their own', async () => {
    const logged = await expectOk(world.gridWorker.post('/items', { kind: 'hazard', gridCode: GRID_3, title: '消防通道被占', description: '小区东门消防通道停放车辆' }));
    expect(logged.status).toBe(201);
    const itemId = logged.body.itemId as string;
    expect(logged.body).toMatchObject({ status: 'open', kind: 'hazard', gridPath: '柏城镇 › 东关社区 › 第3网格', orgId: 'baicheng', loggedBy: { name: '王网格' } });
    expect(((await expectOk(world.mediator.get('/items?status=open'))).body as Array<{ itemId: string }>).map((i) => i.itemId)).toContain(itemId);
    expect((await world.otherMediator.get(`/items/${itemId}`)).status).toBe(404);
    expect(((await expectOk(world.otherMediator.get('/items'))).body as Array<{ itemId: string }>).map((i) => i.itemId)).not.toContain(itemId);
    expect((await world.judge.get('/items')).status).toBe(403);

    expect((await world.gridWorker.post(`/items/${itemId}/close`, { resolution: 'resolved', outcome: '' })).status).toBe(400);
    expect((await world.otherMediator.post(`/items/${itemId}/close`, { resolution: 'resolved', outcome: '已处理完毕' })).status).toBe(404);
    const closed = await expectOk(world.gridWorker.post(`/items/${itemId}/close`, { resolution: 'resolved', outcome: '已联系车主挪车，通道畅通' }));
    expect(closed.body).toMatchObject({ status: 'closed', closed: { resolution: 'resolved', outcome: '已联系车主挪车，通道畅通' } });
    expect((await world.gridWorker.post(`/items/${itemId}/close`, { resolution: 'resolved', outcome: '再次办结' })).body.error).toMatchObject({ code: 'illegal_transition' });

    const records = (await expectOk(world.gridWorker.get(`/items/${itemId}/records`))).body as Array<{ type: string }>;
    expect(records.map((r) => r.type)).toEqual(['item.logged', 'item.closed']);
    expect((await expectOk(world.gridWorker.get(`/items/${itemId}/verify`))).body).toMatchObject({ valid: true, length: 2 });
    expect(((await expectOk(world.gridWorker.get('/items?status=closed'))).body as Array<{ itemId: string }>).map((i) => i.itemId)).toContain(itemId);
  });

  it('refuses bad input and unknown grids with typed errors', async () => {
    expect((await world.gridWorker.post('/items', { kind: 'rumour', gridCode: GRID_3, title: '标题' })).status).toBe(400);
    expect((await world.gridWorker.post('/items', { kind: 'opinion', gridCode: '370785001', title: '要求加装路灯' })).body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'gridCode' }] });
    expect((await world.api.post('/items', { kind: 'opinion', gridCode: GRID_3, title: '要求加装路灯' })).status).toBe(401);
    expect((await world.gridWorker.get('/items/no-such-item')).status).toBe(404);
    expect((await world.gridWorker.get('/items/..%2F..')).status).toBe(404);
  });
});

describe('assisted join (帮办)', () => {
  it('lets a grid worker’s device open the door and sign for a resident, on record in the log and on the PDF audit page', async () => {
    const opened = await expectOk(world.mediator.post('/cases', caseBody({ disputeType: 'debt', title: '民间借贷纠纷' })));
    const caseId = opened.body.caseId as string;
    await expectOk(world.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
    const { a, r } = await partiesWithDraft(world, caseId);

    // Only a grid worker of the organisation starts it.
    expect((await world.mediator.post(`/cases/${caseId}/assistance`, { participantId: a.participantId })).status).toBe(403);
    expect((await world.gridWorker.post(`/cases/${caseId}/assistance`, { participantId: 'nobody' })).status).toBe(404);
    const other = await world.otherOrgCase();
    expect((await world.gridWorker.post(`/cases/${other.caseId}/assistance`, { participantId: other.participantId })).status).toBe(404);

    const started = await expectOk(world.gridWorker.post(`/cases/${caseId}/assistance`, { participantId: a.participantId }));
    const redeemed = await expectOk(world.api.post('/invitations/redeem', { token: tokenOfLink(started.body.url), deviceId: newDeviceId() }));
    const assisted = world.api.as(redeemed.body.residentToken);
    expect((await expectOk(assisted.get('/resident/assistance'))).body).toEqual({ assistedBy: { accountId: await world.accountId('grid'), name: '王网格', role: 'grid_worker' } });
    expect((await expectOk(world.api.as(a.residentToken).get('/resident/assistance'))).body).toEqual({ assistedBy: null });
    expect((await world.gridWorker.get('/resident/assistance')).status).toBe(403);

    const sent = await expectOk(world.mediator.post(`/cases/${caseId}/agreement/send`));
    const hash = sent.body.agreement.frozen.documentHash as string;
    await expectOk(assisted.post(`/cases/${caseId}/agreement/sign`, { documentHash: hash, name: '张建国', idLast4: '002X', method: 'handwritten', signaturePng: signaturePng(), agreed: true }));
    // The respondent signs on their own phone, unassisted.
    await expectOk(world.api.as(r.residentToken).post(`/cases/${caseId}/agreement/sign`, { documentHash: hash, name: '刘秀英', idLast4: '0011', method: 'handwritten', signaturePng: signaturePng({ seed: 2 }), agreed: true }));
    await expectOk(world.mediator.post(`/cases/${caseId}/agreement/countersign`, { documentHash: hash, signaturePng: signaturePng({ seed: 3 }) }));

    const events = (await app.services.cases.load(caseId)).events;
    const gridId = await world.accountId('grid');
    expect(events.find((e) => e.type === 'assistance.started')).toMatchObject({ actor: { kind: 'account', accountId: gridId }, data: { participantId: a.participantId, assistedBy: { name: '王网格' } } });
    const signatures = events.filter((e) => e.type === 'agreement.signed_by_party');
    expect(signatures.map((e) => e.actor)).toEqual([
      { kind: 'resident', participantId: a.participantId, name: '张建国', assistedBy: { accountId: gridId, name: '王网格', role: 'grid_worker' } },
      { kind: 'resident', participantId: r.participantId, name: '刘秀英' },
    ]);
    expect(await app.services.cases.verify(caseId)).toMatchObject({ valid: true });

    const res = await fetch(`${app.url}/api/cases/${caseId}/agreement.pdf`, { headers: { authorization: `Bearer ${world.mediator.token}` } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assisted-'));
    fs.writeFileSync(path.join(dir, 'a.pdf'), Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    const audit = text.slice(text.indexOf('签署记录'));
    expect(audit).toContain('开始帮办');
    expect(audit).toContain('由网格员王网格协助（帮办）');
    fs.rmSync(dir, { recursive: true, force: true });

    // Ending it withdraws the assisted link: the session on the grid worker's device stops working.
    expect((await world.otherMediator.delete(`/cases/${caseId}/assistance/${started.body.invitationId}`)).status).toBe(404);
    await expectOk(world.gridWorker.delete(`/cases/${caseId}/assistance/${started.body.invitationId}`));
    expect((await assisted.get('/resident/case')).status).toBe(401);
    expect((await world.gridWorker.delete(`/cases/${caseId}/assistance/${started.body.invitationId}`)).status).toBe(404);
  });
});
