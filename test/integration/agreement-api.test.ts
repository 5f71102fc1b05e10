import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import type { CaseEvent } from '../../server/domain/case-events.ts';
import { chainEvents } from '../../server/domain/case-log.ts';
import type { ApiClient } from '../helpers/api-client.ts';
import { startTestServer } from '../helpers/server.ts';
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

interface Signing {
  caseId: string;
  applicant: ApiClient;
  respondent: ApiClient;
  applicantId: string;
  respondentId: string;
}

/** A case with an applicant and a respondent (full identities), both with resident sessions, and a complete draft. */
async function caseReadyToSend(): Promise<Signing> {
  const opened = await expectOk(world.mediator.post('/cases', caseBody({ disputeType: 'neighbour', title: '楼上漏水纠纷' })));
  const caseId = opened.body.caseId as string;
  await expectOk(world.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
  const applicant = await world.withResident(world.mediator, caseId, { role: 'applicant', name: '张建国', sex: 'male', ethnicity: '汉族', idNumber: '11010519491231002X', address: '高密市柏城镇幸福路8号', phone: '13812345678' });
  const respondent = await world.withResident(world.mediator, caseId, { role: 'respondent', name: '刘秀英', sex: 'female', ethnicity: '汉族', idNumber: '110101199003070011', address: '高密市柏城镇幸福路8号楼上' });
  await expectOk(
    world.mediator.call('PUT', `/cases/${caseId}/agreement/draft`, {
      baseVersion: 0,
      draft: {
        templateId: 'neighbour',
        fields: { facts: '被申请人家卫生间防水层老化渗水，致申请人客厅天花板受损。', responsibilities: '被申请人对渗水负有维修责任。' },
        obligations: [
          { id: 'o1', obligorId: respondent.participantId, obligeeId: applicant.participantId, act: '支付天花板修复费用', amountFen: 300_000, deadline: '2099-12-31', method: '银行转账' },
          { id: 'o2', obligorId: respondent.participantId, act: '修复卫生间防水层', deadline: '2099-12-15' },
        ],
      },
    }),
  );
  return { caseId, applicant: world.api.as(applicant.residentToken), respondent: world.api.as(respondent.residentToken), applicantId: applicant.participantId, respondentId: respondent.participantId };
}

const sign = (client: ApiClient, caseId: string, documentHash: string, name: string, idLast4: string, extra: Record<string, unknown> = {}) =>
  client.post(`/cases/${caseId}/agreement/sign`, { documentHash, name, idLast4, method: 'handwritten', signaturePng: signaturePng(), agreed: true, ...extra });

describe('drafting and the pre-check', () => {
  it('saves versions, refuses a stale base version, and blocks sending while the pre-check finds errors', async () => {
    const { caseId } = await caseReadyToSend();
    const view = await expectOk(world.mediator.get(`/cases/${caseId}/agreement`));
    expect(view.body.agreement.version).toBe(1);
    expect(view.body.issues).toEqual([]);
    expect(JSON.stringify(view.body.text)).toContain('人民币3000.00元（大写：叁仟元整）');
    const stale = await world.mediator.call('PUT', `/cases/${caseId}/agreement/draft`, { baseVersion: 0, draft: view.body.agreement.draft });
    expect(stale.status).toBe(409);
    const broken = { ...view.body.agreement.draft, obligations: [{ ...view.body.agreement.draft.obligations[0], amountFen: undefined }] };
    await expectOk(world.mediator.call('PUT', `/cases/${caseId}/agreement/draft`, { baseVersion: 1, draft: broken }));
    const refused = await world.mediator.post(`/cases/${caseId}/agreement/send`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.fields[0]).toMatchObject({ path: 'obligations.0.amountFen' });
    expect((await app.services.cases.get(caseId))!.status).toBe('drafting');
  });

  it('carries amounts as exact fen: ¥5000.10 passes the pre-check and prints exactly; fractional fen or yuan numbers are refused and change nothing', async () => {
    const { caseId } = await caseReadyToSend();
    const view = await expectOk(world.mediator.get(`/cases/${caseId}/agreement`));
    const withAmount = (amount: Record<string, unknown>) => {
      const { amountFen: _, ...first } = view.body.agreement.draft.obligations[0];
      return { ...view.body.agreement.draft, obligations: [{ ...first, ...amount }, ...view.body.agreement.draft.obligations.slice(1)] };
    };
    for (const [amount, path] of [
      [{ amountFen: 500010.5 }, 'draft.obligations.0.amountFen'],
      [{ amountFen: 0 }, 'draft.obligations.0.amountFen'],
      [{ amountFen: 100_000_000_000_001 }, 'draft.obligations.0.amountFen'],
      [{ amountYuan: 5000.1 }, 'draft.obligations.0'],
    ] as const) {
      const refused = await world.mediator.call('PUT', `/cases/${caseId}/agreement/draft`, { baseVersion: 1, draft: withAmount(amount) });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('invalid_input');
      expect(refused.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    expect((await expectOk(world.mediator.get(`/cases/${caseId}/agreement`))).body.agreement.version).toBe(1);

    await expectOk(world.mediator.call('PUT', `/cases/${caseId}/agreement/draft`, { baseVersion: 1, draft: withAmount({ amountFen: 500010 }) }));
    const saved = await expectOk(world.mediator.get(`/cases/${caseId}/agreement`));
    expect(saved.body.agreement.draft.obligations[0].amountFen).toBe(500010);
    expect(saved.body.issues).toEqual([]);
    expect(JSON.stringify(saved.body.text)).toContain('支付天花板修复费用人民币5000.10元（大写：伍仟元壹角）');
    await expectOk(world.mediator.post(`/cases/${caseId}/agreement/send`));
  });

  it('reads a draft stored before amounts were fen (amountYuan in the log) as exact fen, without touching the stored event', async () => {
    const { caseId } = await caseReadyToSend();
    const { events } = await app.services.cases.load(caseId);
    const saved = events.findLast((e): e is Extract<CaseEvent, { type: 'agreement.draft_saved' }> => e.type === 'agreement.draft_saved')!;
    const { amountFen: _, ...first } = saved.data.draft.obligations[0]!;
    const oldDraft = { ...saved.data.draft, obligations: [{ ...first, amountYuan: 5000.1 }] };
    const [legacy] = chainEvents(caseId, { seq: events.at(-1)!.seq, hash: events.at(-1)!.hash }, [{ type: 'agreement.draft_saved', data: { version: 2, draft: oldDraft } }], saved.actor, new Date().toISOString());
    await app.services.store.events.append(caseId, events.at(-1)!.seq, [legacy!]);

    const view = await expectOk(world.mediator.get(`/cases/${caseId}/agreement`));
    expect(view.body.agreement.version).toBe(2);
    expect(view.body.agreement.draft.obligations[0].amountFen).toBe(500010);
    expect(view.body.issues).toEqual([]);
    expect(JSON.stringify(view.body.text)).toContain('人民币5000.10元（大写：伍仟元壹角）');
    expect((await expectOk(world.mediator.get(`/cases/${caseId}/verify`))).body.valid).toBe(true);
    const stored = (await app.services.store.events.read(caseId)).at(-1)!;
    expect(stored).toEqual(legacy);
    await expectOk(world.mediator.post(`/cases/${caseId}/agreement/send`));
  });
});

describe('signing', () => {
  it('takes both parties’ signatures on the frozen version, then the mediator’s, and produces a sealed PDF that verifies', async () => {
    const s = await caseReadyToSend();
    const sent = await expectOk(world.mediator.post(`/cases/${s.caseId}/agreement/send`));
    const hash = sent.body.agreement.frozen.documentHash as string;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    // A party reads the frozen text, without the mediator's working draft.
    const asParty = await expectOk(s.applicant.get(`/cases/${s.caseId}/agreement`));
    expect(asParty.body.agreement.draft).toBeUndefined();
    expect(JSON.stringify(asParty.body.text)).toContain('修复卫生间防水层');

    expect((await world.mediator.post(`/cases/${s.caseId}/agreement/countersign`, { documentHash: hash, signaturePng: signaturePng() })).status).toBe(409);
    await expectOk(sign(s.applicant, s.caseId, hash, '张建国', '002X'));
    await expectOk(sign(s.respondent, s.caseId, hash, '刘秀英', '0011', { method: 'fingerprint' }));
    const done = await expectOk(world.mediator.post(`/cases/${s.caseId}/agreement/countersign`, { documentHash: hash, signaturePng: signaturePng({ seed: 3 }) }));
    expect(done.body.agreement.effectiveAt).toBeDefined();
    expect((await app.services.cases.get(s.caseId))!.status).toBe('signed');

    const res = await fetch(`${app.url}/api/cases/${s.caseId}/agreement.pdf`, { headers: { authorization: `Bearer ${s.applicant.token}` } });
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agreement-'));
    const file = path.join(dir, 'agreement.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of ['张建国', '刘秀英', '被申请人家卫生间防水层老化渗水', '修复卫生间防水层', '叁仟元整', '柏城镇人民调解委员会']) expect(text).toContain(expected);
    // The respondent's mark is a tap, not a biometric: the audit page says so and never calls it a fingerprint.
    const audit = text.slice(text.indexOf('签署记录'));
    expect(audit).toContain('点按确认');
    expect(audit).toContain('手写签名');
    expect(text).not.toMatch(/指印|指纹/);
    const sig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(sig).toMatch(/Signature is Valid/);

    const types = (await app.services.cases.load(s.caseId)).events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['agreement.sent_for_signature', 'agreement.signed_by_party', 'agreement.countersigned', 'agreement.signed', 'document.delivered']));
    expect((await expectOk(world.mediator.get(`/cases/${s.caseId}/verify`))).body.valid).toBe(true);
  });

  it('voids every signature when the draft is reopened after someone signed', async () => {
    const s = await caseReadyToSend();
    const sent = await expectOk(world.mediator.post(`/cases/${s.caseId}/agreement/send`));
    const hash = sent.body.agreement.frozen.documentHash;
    await expectOk(sign(s.applicant, s.caseId, hash, '张建国', '002X'));
    await expectOk(world.mediator.post(`/cases/${s.caseId}/agreement/reopen`, { reason: '被申请人要求延长履行期限' }));
    const state = (await app.services.cases.get(s.caseId))!;
    expect(state.status).toBe('drafting');
    expect(state.agreement!.signatures).toEqual([]);
    // The party is told: their voided signature is on record and shows in their view.
    const asApplicant = await expectOk(s.applicant.get(`/cases/${s.caseId}/agreement`));
    expect(asApplicant.body.agreement.voidedSignatures).toEqual([expect.objectContaining({ participantId: s.applicantId, reason: '被申请人要求延长履行期限' })]);
    expect((await sign(s.respondent, s.caseId, hash, '刘秀英', '0011')).status).toBe(409);
  });

  it('refuses wrong identity data, a second signature, signing for another party, an empty or fake image, and another version', async () => {
    const s = await caseReadyToSend();
    const sent = await expectOk(world.mediator.post(`/cases/${s.caseId}/agreement/send`));
    const hash = sent.body.agreement.frozen.documentHash;
    const before = (await app.services.cases.load(s.caseId)).events.length;
    expect((await sign(s.applicant, s.caseId, hash, '张建国', '1234')).status).toBe(400);
    expect((await sign(s.applicant, s.caseId, hash, '刘秀英', '0011')).status).toBe(400); // the other party's identity
    expect((await sign(s.applicant, s.caseId, hash, '张建国', '002X', { signaturePng: signaturePng({ blank: true }) })).status).toBe(400);
    expect((await sign(s.applicant, s.caseId, hash, '张建国', '002X', { signaturePng: Buffer.from('GIF89a'.repeat(30)).toString('base64') })).status).toBe(400);
    expect((await sign(s.applicant, s.caseId, 'e'.repeat(64), '张建国', '002X')).status).toBe(409);
    expect((await sign(world.mediator, s.caseId, hash, '张建国', '002X')).status).toBe(403);
    expect((await app.services.cases.load(s.caseId)).events.length).toBe(before);
    await expectOk(sign(s.applicant, s.caseId, hash, '张建国', '002X'));
    expect((await sign(s.applicant, s.caseId, hash, '张建国', '002X')).status).toBe(409);
  });
});

describe('mediation failed', () => {
  it('gives the parties a sealed notice of the failure and the litigation route, with a delivery receipt', async () => {
    const s = await caseReadyToSend();
    expect((await s.applicant.get(`/cases/${s.caseId}/failure-notice.pdf`)).status).toBe(404);
    await expectOk(world.mediator.post(`/cases/${s.caseId}/fail`, { reason: '双方对赔偿金额分歧较大' }));
    const res = await fetch(`${app.url}/api/cases/${s.caseId}/failure-notice.pdf`, { headers: { authorization: `Bearer ${s.applicant.token}` } });
    expect(res.status).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'failure-'));
    const file = path.join(dir, 'notice.pdf');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of ['调解不成告知书', '张建国', '刘秀英', '双方对赔偿金额分歧较大', '提起诉讼', '第二十六条']) expect(text).toContain(expected);
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toMatch(/Signature is Valid/);
    const delivered = (await app.services.cases.load(s.caseId)).events.filter((e) => e.type === 'document.delivered');
    expect(delivered).toEqual([expect.objectContaining({ data: expect.objectContaining({ document: 'failure_notice', recipient: `p:${s.applicantId}` }) })]);
  });
});
