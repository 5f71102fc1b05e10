import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import type { CaseEvent } from '../../server/domain/case-events.ts';
import { repoRoot } from '../../server/media/worker-binary.mjs';
import { ApiClient, newDeviceId, tokenOfLink } from '../helpers/api-client.ts';
import { assertClientBuilt, signIn } from '../helpers/e2e.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';
import { signaturePng } from '../helpers/signature-png.ts';
import { caseBody, expectOk } from '../helpers/world.ts';

/*
 * Judicial confirmation in real Chromium: a case whose agreement is signed (set up through the
 * API), both parties apply on their own phones, the demo judge accepts it from the queue, holds the
 * verification hearing with both in the video room (media checked flowing, attendance taken from
 * the room), records the answers and confirms; both parties download the sealed ruling, checked
 * with poppler.
 * Then a second case is dismissed with a ground and a reason that the ruling states.
 */

const ARTIFACTS = path.join(repoRoot, 'test', 'artifacts');
const DESK = { width: 1440, height: 900 };
const PHONE = { width: 360, height: 740 };
const APPLICANT = { role: 'applicant', name: '张建国', sex: 'male', ethnicity: '汉族', idNumber: '11010519491231002X', address: '高密市柏城镇幸福路8号' };
const RESPONDENT = { role: 'respondent', name: '刘秀英', sex: 'female', ethnicity: '汉族', idNumber: '110101199003070011', address: '高密市柏城镇幸福路9号' };
const DEADLINE = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);

let app: RunningApp;
let browser: Browser;
let mediatorApi: ApiClient;
let applicant: Page;
let respondent: Page;
let judge: Page;
const pageErrors: string[] = [];

interface SignedCase {
  caseId: string;
  caseNumber: string;
  applicantToken: string;
  respondentToken: string;
}
let main: SignedCase;

async function newPage(options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true, ...options });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

/** The resident token the page keeps after opening its invitation link. */
const residentTokenOf = (page: Page) =>
  page.evaluate(() => (JSON.parse(sessionStorage.getItem('mediation-room.resident-session') ?? '{}') as { token: string }).token);

/**
 * As signedCase() in confirmation-api.test.ts: drafted, sent, signed by both parties and
 * countersigned through the API. With pages, each party opens their own link there first (the
 * link binds to that browser), and signs with the token the page holds.
 */
async function signedCase(title: string, pages?: { applicant: Page; respondent: Page }): Promise<SignedCase> {
  const opened = await expectOk(mediatorApi.post('/cases', caseBody({ disputeType: 'debt', title })));
  const caseId = opened.body.caseId as string;
  await expectOk(mediatorApi.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
  const join = async (person: Record<string, unknown>, page: Page | undefined) => {
    const added = await expectOk(mediatorApi.post(`/cases/${caseId}/participants`, person));
    const invitation = await expectOk(mediatorApi.post(`/cases/${caseId}/invitations`, { participantId: added.body.participantId }));
    const token = tokenOfLink(invitation.body.url);
    if (!page) {
      const redeemed = await expectOk(new ApiClient(app.url).post('/invitations/redeem', { token, deviceId: newDeviceId() }));
      return { participantId: added.body.participantId as string, residentToken: redeemed.body.residentToken as string };
    }
    await page.goto(`${app.url}/join#${token}`);
    await page.getByTestId('resident-role').getByText(person.name as string).waitFor();
    return { participantId: added.body.participantId as string, residentToken: await residentTokenOf(page) };
  };
  const a = await join(APPLICANT, pages?.applicant);
  const r = await join(RESPONDENT, pages?.respondent);
  await expectOk(
    mediatorApi.call('PUT', `/cases/${caseId}/agreement/draft`, {
      baseVersion: 0,
      draft: {
        templateId: 'debt',
        fields: { facts: '被申请人向申请人借款三万元，约定2026年6月归还，至今未还。', responsibilities: '被申请人应归还借款。' },
        obligations: [{ id: 'o1', obligorId: r.participantId, obligeeId: a.participantId, act: '归还借款', amountFen: 3_000_000, deadline: DEADLINE, method: '银行转账' }],
      },
    }),
  );
  const sent = await expectOk(mediatorApi.post(`/cases/${caseId}/agreement/send`));
  const hash = sent.body.agreement.frozen.documentHash;
  const asParty = (token: string) => new ApiClient(app.url).as(token);
  await expectOk(asParty(a.residentToken).post(`/cases/${caseId}/agreement/sign`, { documentHash: hash, name: '张建国', idLast4: '002X', method: 'handwritten', signaturePng: signaturePng(), agreed: true }));
  await expectOk(asParty(r.residentToken).post(`/cases/${caseId}/agreement/sign`, { documentHash: hash, name: '刘秀英', idLast4: '0011', method: 'handwritten', signaturePng: signaturePng({ seed: 2 }), agreed: true }));
  await expectOk(mediatorApi.post(`/cases/${caseId}/agreement/countersign`, { documentHash: hash, signaturePng: signaturePng({ seed: 3 }) }));
  return { caseId, caseNumber: opened.body.caseNumber as string, applicantToken: a.residentToken, respondentToken: r.residentToken };
}

/** From the case card to /confirmation, answering no to both subject questions and taking electronic delivery. */
async function applyInBrowser(page: Page): Promise<void> {
  await page.goto(`${app.url}/join`);
  await page.getByRole('link', { name: '申请司法确认' }).click();
  await page.waitForURL('**/confirmation');
  await page.getByText('协议经确认后具有强制执行力', { exact: false }).waitFor();
  await page.getByTestId('confirmation-deadline').getByText('协议生效之日起30日内', { exact: false }).waitFor();
  await page.getByTestId('question-personalStatus').getByLabel('否').check();
  await page.getByTestId('question-ownership').getByLabel('否').check();
  await page.getByTestId('question-delivery').getByLabel('同意电子送达', { exact: false }).check();
  await page.getByRole('button', { name: '提交申请' }).click();
}

async function downloadRuling(page: Page, name: string): Promise<string> {
  const button = page.getByTestId('download-ruling');
  await button.waitFor({ timeout: 15_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = path.join(ARTIFACTS, name);
  await download.saveAs(file);
  return file;
}

/** The room page is in the call: its peer exists and it sends. */
async function waitForRoomMedia(page: Page): Promise<void> {
  await page.getByTestId('in-room').waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => !!window.mediationRoom?.peerId() && window.mediationRoom.producers().length > 0, undefined, { timeout: 20_000 });
}

const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

beforeAll(async () => {
  assertClientBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startTestServer();
  mediatorApi = await new ApiClient(app.url).login('mediator');
  browser = await launchBrowser();
  applicant = await newPage({ viewport: PHONE });
  respondent = await newPage({ viewport: PHONE, hasTouch: true });
  judge = await newPage({ viewport: DESK });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('judicial confirmation in real Chromium: applied for on two phones, reviewed, heard and confirmed by the judge', () => {
  it('both parties apply from their case cards; the first waits for the other, then it is filed with the court', async () => {
    main = await signedCase('民间借贷纠纷', { applicant, respondent });
    await applyInBrowser(applicant);
    await applicant.getByTestId('confirmation-status').getByText('已申请，等待对方申请').waitFor();
    await applicant.screenshot({ path: path.join(ARTIFACTS, 'confirmation-applied-360.png'), fullPage: true });
    await applyInBrowser(respondent);
    await respondent.getByTestId('confirmation-status').getByText('已提交法院').waitFor();
    // The applicant's page learns of it by polling.
    await applicant.getByTestId('confirmation-status').getByText('已提交法院').waitFor({ timeout: 15_000 });
  });

  it('the judge finds it in the queue, accepts it and reviews the signed agreement and the log', async () => {
    await signIn(judge, app.url, 'judge');
    await judge.getByTestId('nav-confirmation-queue').click();
    await judge.waitForURL('**/confirmation/queue');
    const row = judge.getByTestId(`queue-${main.caseNumber}`);
    await row.getByText('待受理').waitFor();
    await row.getByText('期限内').waitFor();
    await row.getByRole('link', { name: '审查' }).click();
    await judge.waitForURL(`**/cases/${main.caseId}/confirmation`);

    const audit = judge.getByTestId('signing-audit');
    await audit.getByText('张建国 于', { exact: false }).waitFor();
    await audit.getByText('刘秀英 于', { exact: false }).waitFor();
    await judge.getByText('可以用任何 PDF 阅读器查看签章是否有效', { exact: false }).waitFor();
    await judge.locator('[data-testid=verify-badge][data-valid=true]').waitFor();

    await judge.getByRole('button', { name: '受理' }).click();
    await judge.getByTestId('accepted-at').waitFor();
    // The one extension, with a reason; afterwards the button is gone.
    await judge.getByRole('button', { name: '延长审查期限' }).click();
    await judge.locator('input[name=extendReason]').fill('需核实借款凭证');
    await judge.getByRole('button', { name: '确认延长' }).click();
    await judge.getByText('已延长审查期限：需核实借款凭证').waitFor();
    expect(await judge.getByRole('button', { name: '延长审查期限' }).count()).toBe(0);
  });

  it('the judge schedules the video hearing; both parties are told, enter from their phones and pass the identity check', async () => {
    const card = judge.getByTestId('hearing-schedule');
    await card.getByRole('button', { name: '安排询问' }).click();
    await card.getByTestId('hearing-status').getByText('询问安排在', { exact: false }).waitFor();
    // Nothing to record before the parties have been in the hearing room together.
    await judge.getByTestId('hearing-attendance').getByText('双方当事人尚未同时在询问室中', { exact: false }).waitFor();
    for (const token of [main.applicantToken, main.respondentToken]) {
      const notices = (await expectOk(new ApiClient(app.url).as(token).get<Array<{ kind: string; path: string }>>('/notices'))).body;
      expect(notices.find((n) => n.kind === 'hearing_scheduled')).toMatchObject({ path: '/join' });
    }
    for (const [page, name, idLast4] of [
      [applicant, '张建国', '002X'],
      [respondent, '刘秀英', '0011'],
    ] as const) {
      await page.goto(`${app.url}/join?small=1`);
      // The card and every screen on the way in speak of the court and the judge, not the mediator.
      await page.locator('.resident-sessions li[data-kind=hearing]').getByText('法院询问').waitFor();
      await page.getByRole('heading', { name: '法院询问时间' }).waitFor();
      await page.getByTestId('enter-room').getByText('进入法院视频询问').waitFor();
      await page.getByTestId('enter-room').click();
      await page.waitForURL('**/room');
      await page.getByTestId('hearing-heading').getByText('司法确认询问').waitFor();
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByRole('heading', { name: '询问须知' }).waitFor();
      await page.getByLabel('我已阅读并知晓上述警示').check();
      await page.getByLabel('我承诺遵守').check();
      await page.getByLabel('不同意对本次询问录音录像', { exact: true }).check();
      await page.getByRole('button', { name: '确认并继续' }).click();
      await page.getByRole('button', { name: '请法官视频核验身份' }).waitFor();
      await page.getByLabel('姓名').fill(name);
      await page.getByLabel('身份证号码最后四位').fill(idLast4);
      await page.getByRole('button', { name: '核对身份', exact: true }).click();
      await page.getByTestId('waiting-status').getByText('询问尚未开始').waitFor();
      await page.getByRole('heading', { name: '请稍候，法官将邀请您进入' }).waitFor();
      await page.getByTestId('hearing-explanation').getByText('双方当事人须同时在场', { exact: false }).waitFor();
      expect(await page.getByTestId('waiting-room').textContent()).not.toContain('调解员');
    }
  });

  it('the judge opens the hearing room and admits both; pictures and sound flow between the judge and both parties', async () => {
    await judge.goto(`${app.url}/cases/${main.caseId}/confirmation?small=1`);
    await judge.getByTestId('enter-hearing').click();
    await judge.waitForURL(`**/cases/${main.caseId}/room`);
    await judge.locator('[data-testid=in-room][data-kind=hearing]').waitFor();
    await waitForRoomMedia(judge);
    for (const name of ['张建国', '刘秀英']) {
      const row = judge.locator(`[data-testid=waiting-member][data-name="${name}"]`);
      await row.getByText('身份已核验').waitFor();
      await row.getByRole('button', { name: '准入' }).click();
    }
    await waitForRoomMedia(applicant);
    await waitForRoomMedia(respondent);
    // The presiding judge's tile is the judge's, not a guiding judge's.
    await applicant.getByTestId('video-grid').getByText('法官', { exact: true }).waitFor();
    const people = { judge, applicant, respondent };
    const peerIds = Object.fromEntries(await Promise.all(Object.entries(people).map(async ([who, page]) => [who, await page.evaluate(() => window.mediationRoom!.peerId()!)] as const)));
    // Every one of them receives both others, and the counters keep growing.
    for (const [who, page] of Object.entries(people)) {
      for (const [from, peerId] of Object.entries(peerIds)) {
        if (from === who) continue;
        await page.waitForFunction(async (id) => ((await window.mediationRoom!.inboundStats())[id]?.videoFrames ?? 0) > 0, peerId, { timeout: 20_000 });
      }
      const before = await page.evaluate(() => window.mediationRoom!.inboundStats());
      await page.waitForTimeout(1200);
      const after = await page.evaluate(() => window.mediationRoom!.inboundStats());
      for (const [from, peerId] of Object.entries(peerIds)) {
        if (from === who) continue;
        const grew = { audio: after[peerId]!.audioPackets - before[peerId]!.audioPackets, video: after[peerId]!.videoPackets - before[peerId]!.videoPackets, frames: after[peerId]!.videoFrames - before[peerId]!.videoFrames };
        expect(grew.audio, `${who} hears ${from}`).toBeGreaterThan(0);
        expect(grew.video, `${who} sees ${from}`).toBeGreaterThan(0);
        expect(grew.frames, `${who} decodes ${from}`).toBeGreaterThan(0);
      }
    }
    await judge.screenshot({ path: path.join(ARTIFACTS, 'hearing-judge-1440.png') });
    await applicant.screenshot({ path: path.join(ARTIFACTS, 'hearing-applicant-360.png') });
  });

  it('beside the pictures, the judge sees attendance taken from the room and records every answer; then confirms', async () => {
    const attendance = judge.getByTestId('hearing-attendance');
    await attendance.getByTestId('parties-together').waitFor();
    for (const name of ['张建国', '刘秀英']) await attendance.locator(`[data-testid="attendance-${name}"][data-attended=true]`).waitFor();
    const form = judge.getByTestId('hearing-form');
    const save = form.getByRole('button', { name: '保存询问笔录' });
    for (const name of ['张建国', '刘秀英']) {
      const answers = form.getByTestId(`hearing-${name}`).locator('input[type=text]');
      const count = await answers.count();
      expect(count).toBe(5);
      for (let i = 0; i < count; i++) {
        expect(await save.isDisabled()).toBe(true);
        await answers.nth(i).fill('是');
      }
    }
    await form.locator('textarea[name=hearingNotes]').fill('双方均表示系自愿签署。');
    await save.click();
    await judge.getByTestId('hearing-recorded').waitFor();
    const events = (await expectOk(mediatorApi.get<CaseEvent[]>(`/cases/${main.caseId}/events`))).body;
    const held = events.find((e) => e.type === 'hearing.held')!;
    const hearingSession = events.find((e) => e.type === 'session.scheduled' && (e.data as { kind?: string }).kind === 'hearing')!;
    expect(held.data).toMatchObject({ sessionId: (hearingSession.data as { sessionId: string }).sessionId });
    expect((held.data as { presentParticipantIds: string[] }).presentParticipantIds).toHaveLength(2);

    // The judge closes the hearing; both phones are told it is over.
    await judge.getByTestId('end-room').click();
    await judge.getByRole('dialog').getByRole('button').last().click();
    for (const page of [applicant, respondent]) await page.locator('[data-testid=room-outcome][data-outcome=ended]').getByText('后续安排，法院会另行通知您', { exact: false }).waitFor();
    expect(events.some((e) => e.type === 'session.ended' && (e.data as { sessionId: string }).sessionId === (hearingSession.data as { sessionId: string }).sessionId)).toBe(false);
    await judge.goto(`${app.url}/cases/${main.caseId}/confirmation`);
    await judge.getByTestId('hearing-status').getByText('询问已结束').waitFor();
    await judge.getByTestId('hearing-recorded').waitFor();
    const record = judge.getByTestId('hearing-record');
    await record.getByText('到场：张建国、刘秀英').waitFor();
    await record.getByText('其他记录：双方均表示系自愿签署。').waitFor();
    await judge.getByRole('button', { name: '确认有效' }).click();
    await judge.getByRole('dialog').getByRole('button', { name: '确认作出裁定' }).click();
    await judge.locator('[data-testid=decision-outcome][data-outcome=confirmed]').waitFor();
    await judge.screenshot({ path: path.join(ARTIFACTS, 'confirmation-review-1440.png'), fullPage: true });
  });

  it('both parties download the sealed ruling on their phones; it names them and confirms the agreement', async () => {
    // Each party opens the decision from their notice's page.
    for (const page of [applicant, respondent]) await page.goto(`${app.url}/confirmation`);
    await applicant.getByText('法院已裁定确认调解协议有效').waitFor({ timeout: 15_000 });
    const files = [await downloadRuling(applicant, 'ruling-applicant.pdf'), await downloadRuling(respondent, 'ruling-respondent.pdf')];
    for (const file of files) {
      expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toMatch(/Signature is Valid/);
      const text = pdfText(file);
      for (const expected of ['司确字第', main.caseNumber, '张建国', '刘秀英', '调解协议有效', '通过视频方式进行了询问', '十五日内']) expect(text).toContain(expected);
    }
    const events = (await expectOk(mediatorApi.get<CaseEvent[]>(`/cases/${main.caseId}/events`))).body;
    const receipts = events.filter((e) => e.type === 'document.delivered' && (e.data as { document: string }).document === 'ruling');
    expect(receipts).toHaveLength(2);
    expect(new Set(receipts.map((e) => (e.data as { recipient: string }).recipient)).size).toBe(2);
    expect(pageErrors).toEqual([]);
  });
});

describe('dismissal', () => {
  it('the judge dismisses with a ground and a reason; the ruling states both', async () => {
    const second = await signedCase('借款纠纷（驳回）');
    for (const token of [second.applicantToken, second.respondentToken]) {
      await expectOk(new ApiClient(app.url).as(token).post(`/cases/${second.caseId}/confirmation/apply`, { electronicDelivery: true, subject: { personalStatus: false, ownershipConfirmation: false } }));
    }
    await judge.goto(`${app.url}/cases/${second.caseId}/confirmation`);
    await judge.getByRole('button', { name: '受理' }).click();
    await judge.getByTestId('decide-reject').click();
    const dialog = judge.getByRole('dialog');
    await dialog.locator('select[name=ground]').selectOption('unclear');
    await dialog.locator('textarea[name=rejectReason]').fill('还款账户未写明');
    await dialog.getByRole('button', { name: '确认驳回' }).click();
    await judge.locator('[data-testid=decision-outcome][data-outcome=rejected]').getByText('还款账户未写明', { exact: false }).waitFor();

    const res = await fetch(`${app.url}/api/cases/${second.caseId}/ruling.pdf`, { headers: { authorization: `Bearer ${second.applicantToken}` } });
    expect(res.status).toBe(200);
    const file = path.join(ARTIFACTS, 'ruling-rejected.pdf');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toMatch(/Signature is Valid/);
    const text = pdfText(file);
    for (const expected of ['驳回申请人', second.caseNumber, '内容不明确，无法执行', '还款账户未写明', '提起诉讼', '十五日内']) expect(text).toContain(expected);
    // Dismissed without a hearing: the ruling does not claim one.
    expect(text).not.toContain('询问');
    expect(pageErrors).toEqual([]);
  });
});
