import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { repoRoot } from '../../server/media/worker-binary.mjs';
import { ApiClient, tokenOfLink } from '../helpers/api-client.ts';
import { assertClientBuilt, signIn } from '../helpers/e2e.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';
import { caseBody, expectOk } from '../helpers/world.ts';

/*
 * One mediation told in order, in real Chromium through the real mediasoup worker: the mediator,
 * two residents on phones and the guiding judge, each in their own browser context. Media is
 * checked by the receive counters each page reports per remote peer (window.mediationRoom).
 */

const TITLE = '楼上漏水致楼下天花板受损纠纷';
const ARTIFACTS = path.join(repoRoot, 'test', 'artifacts');
const PHONE = { width: 360, height: 740 };

type Person = 'mediator' | 'applicant' | 'respondent' | 'judge';
interface Counters {
  audioPackets: number;
  videoPackets: number;
  videoFrames: number;
}
/** For each receiving person, what arrived from each sending person during a window. */
type Flow = Partial<Record<Person, Partial<Record<Person, Counters>>>>;

let app: RunningApp;
let browser: Browser;
const pages = {} as Record<Person, Page>;
const peerIds = {} as Record<Person, string>;
const pageErrors: string[] = [];
let caseId: string;
let applicantToken: string;
let respondentToken: string;
/** The respondent's media peer during the identity check on camera, before admission. */
let checkPeerId: string;

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function staffSignIn(page: Page, username: string): Promise<void> {
  // `small=1` keeps this tab's camera at 320x240, 15 fps, for the rest of the test.
  await signIn(page, app.url, username, { query: 'small=1' });
}

/** From the case page through its "进入调解室" button into the call. */
async function staffEntersRoom(page: Page): Promise<void> {
  await page.goto(`${app.url}/cases/${caseId}`);
  await page.getByTestId('enter-room').click();
  await page.waitForURL(`**/cases/${caseId}/room`);
  await waitForMedia(page);
}

async function waitForMedia(page: Page): Promise<void> {
  await page.getByTestId('in-room').waitFor();
  await page.waitForFunction(() => !!window.mediationRoom?.peerId() && window.mediationRoom.producers().length > 0, undefined, { timeout: 20_000 });
}

/** The resident opens their link, sees their case, taps "进入调解室" and passes the device check. */
async function residentThroughDeviceCheck(page: Page, token: string, screenshot?: string): Promise<void> {
  await page.goto(`${app.url}/join?small=1#${token}`);
  await page.getByRole('heading', { name: TITLE }).waitFor();
  await page.getByTestId('enter-room').click();
  await page.waitForURL('**/room');
  await page.getByRole('heading', { name: '检查摄像头和麦克风' }).waitFor();
  // The camera preview plays at the small size, and the level meter moves with the fake microphone's beeps.
  await page.waitForFunction(() => (document.querySelector('[data-testid=camera-preview]') as HTMLVideoElement | null)?.videoWidth === 320);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=mic-level]')?.getAttribute('aria-valuenow')) > 0, undefined, { polling: 100 });
  await page.getByText('仅用语音加入（不开摄像头）').waitFor();
  await expectPhoneLayout(page);
  if (screenshot) await page.screenshot({ path: path.join(ARTIFACTS, screenshot) });
  await page.getByRole('button', { name: '下一步' }).click();
}

async function declare(page: Page, consent: '同意' | '不同意', screenshot?: string): Promise<void> {
  await page.getByText('当事人恶意串通、虚构事实，企图通过调解损害他人合法权益的，须承担法律责任。').waitFor();
  await page.getByText('本人承诺不录音、不录像、不截屏、不以任何方式传播调解过程。').waitFor();
  await page.getByRole('button', { name: '确认并继续' }).click();
  // Nothing is ticked in advance, and the recording question is answered on its own.
  await page.getByText('请先勾选“我已阅读并知晓上述警示”。').waitFor();
  await page.getByText('请先勾选“我承诺遵守”。').waitFor();
  await page.getByText('请选择是否同意录音录像。').waitFor();
  if (screenshot) await page.screenshot({ path: path.join(ARTIFACTS, screenshot), fullPage: true });
  await page.getByLabel('我已阅读并知晓上述警示').check();
  await page.getByLabel('我承诺遵守').check();
  await page.getByLabel(`${consent}对本次调解录音录像`, { exact: true }).check();
  await expectPhoneLayout(page);
  await page.getByRole('button', { name: '确认并继续' }).click();
  await page.getByRole('heading', { name: '核对身份' }).waitFor();
}

/** A phone in portrait: nothing wider than the screen, large type, large touch targets. */
async function expectPhoneLayout(page: Page): Promise<void> {
  const layout = await page.evaluate(() => {
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    };
    const targets = [...document.querySelectorAll('main button, main a.button, main label.declaration')].filter(visible);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      fontSize: parseFloat(getComputedStyle(document.querySelector('main')!).fontSize),
      smallTargets: targets.filter((el) => el.getBoundingClientRect().height < 48).map((el) => el.textContent),
    };
  });
  expect(layout.scrollWidth).toBeLessThanOrEqual(PHONE.width);
  expect(layout.fontSize).toBeGreaterThanOrEqual(18);
  expect(layout.smallTargets).toEqual([]);
}

async function inbound(page: Page): Promise<Record<string, Counters>> {
  return page.evaluate(() => window.mediationRoom!.inboundStats());
}

/** What each of `receivers` got from each other person during `ms`. */
async function measure(receivers: Person[], ms = 1500): Promise<Flow> {
  const before = await Promise.all(receivers.map((person) => inbound(pages[person])));
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await Promise.all(receivers.map((person) => inbound(pages[person])));
  const flow: Flow = {};
  receivers.forEach((receiver, i) => {
    const row: Partial<Record<Person, Counters>> = {};
    for (const [sender, peerId] of Object.entries(peerIds) as Array<[Person, string]>) {
      if (sender === receiver) continue;
      const a = before[i]![peerId] ?? { audioPackets: 0, videoPackets: 0, videoFrames: 0 };
      const b = after[i]![peerId] ?? { audioPackets: 0, videoPackets: 0, videoFrames: 0 };
      row[sender] = { audioPackets: b.audioPackets - a.audioPackets, videoPackets: b.videoPackets - a.videoPackets, videoFrames: b.videoFrames - a.videoFrames };
    }
    flow[receiver] = row;
  });
  return flow;
}

/** All that `receiver` has received from `sender` since its media was set up (nothing if it never consumed them). */
async function receivedEver(receiver: Person, sender: Person): Promise<Counters> {
  return (await inbound(pages[receiver]))[peerIds[sender]] ?? { audioPackets: 0, videoPackets: 0, videoFrames: 0 };
}

/** Waits until each of `everyone` decodes video from every other one. */
async function everyoneDecodesEveryone(everyone: Person[]): Promise<void> {
  await Promise.all(
    everyone.map((person) =>
      pages[person].waitForFunction(
        async (ids) => {
          const stats = await window.mediationRoom!.inboundStats();
          return ids.every((id) => (stats[id]?.videoFrames ?? 0) > 0);
        },
        everyone.filter((other) => other !== person).map((other) => peerIds[other]),
        { polling: 250, timeout: 20_000 },
      ),
    ),
  );
}

const videoGrows = (c: Counters | undefined) => !!c && c.videoPackets > 0 && c.videoFrames > 0;
const allGrow = (c: Counters | undefined) => videoGrows(c) && c!.audioPackets > 0;
const nothing = { audioPackets: 0, videoPackets: 0, videoFrames: 0 };
/** Packets already on their way when a stream is paused still arrive; give them a moment. */
const drain = () => new Promise((resolve) => setTimeout(resolve, 600));

/** From now on, the page keeps every push its room socket receives. */
async function recordPushes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: Array<[string, unknown]> = [];
    (window as unknown as { pushLog: typeof log }).pushLog = log;
    window.mediationRoom!.socket.onAny((event: string, payload: unknown) => log.push([event, payload]));
  });
}

async function pushesSince(page: Page): Promise<Array<[string, unknown]>> {
  return page.evaluate(() => (window as unknown as { pushLog: Array<[string, unknown]> }).pushLog);
}

/** The camera off and on again, then the microphone, through the call's own buttons. */
async function toggleCameraAndMic(page: Page): Promise<void> {
  for (const control of ['camera-button', 'mic-button']) {
    const button = page.getByTestId(control);
    for (const pressed of ['false', 'true']) {
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe(pressed);
    }
  }
}

function mediatorRow(kind: 'waiting-member' | 'participant', name: string) {
  return pages.mediator.locator(`[data-testid=${kind}][data-name="${name}"]`);
}

beforeAll(async () => {
  assertClientBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startTestServer();
  browser = await launchBrowser();

  // A case the demo judge's court referred, run by the demo mediator, with the demo parties.
  const api = new ApiClient(app.url);
  const [admin, mediator, judge] = await Promise.all([api.login('admin'), api.login('mediator'), api.login('judge')]);
  const opened = await expectOk(judge.post('/cases', caseBody({ channel: 'court_referral', orgId: 'baicheng', title: TITLE, disputeType: 'neighbour', areaCode: '370785001' })));
  caseId = opened.body.caseId;
  const accounts = await expectOk(admin.get('/accounts'));
  const mediatorId = accounts.body.find((a: { username: string }) => a.username === 'mediator').accountId;
  await expectOk(admin.post(`/cases/${caseId}/assign`, { mediatorId }));
  await expectOk(mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
  const applicant = await expectOk(mediator.post(`/cases/${caseId}/participants`, { role: 'applicant', name: '张建国', sex: 'male', idNumber: '11010519491231002X', phone: '13812345678' }));
  const respondent = await expectOk(mediator.post(`/cases/${caseId}/participants`, { role: 'respondent', name: '刘秀英', sex: 'female' }));
  await expectOk(mediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 3600_000).toISOString() }));
  applicantToken = tokenOfLink((await expectOk(mediator.post(`/cases/${caseId}/invitations`, { participantId: applicant.body.participantId }))).body.url);
  respondentToken = tokenOfLink((await expectOk(mediator.post(`/cases/${caseId}/invitations`, { participantId: respondent.body.participantId }))).body.url);

  pages.mediator = await newPage({ width: 1440, height: 900 });
  pages.applicant = await newPage(PHONE);
  pages.respondent = await newPage(PHONE);
  pages.judge = await newPage({ width: 1280, height: 800 });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the mediation room in real Chromium: residents on phones, the mediator, the guiding judge', () => {
  it('a resident who arrives early passes the checks (identity left to the mediator) and waits: “调解尚未开始”', async () => {
    const page = pages.respondent;
    await residentThroughDeviceCheck(page, respondentToken, 'resident-device-check-360x740.png');
    await declare(page, '不同意', 'resident-declaration-360x740.png');
    await page.getByRole('button', { name: '请调解员视频核验身份' }).click();
    await page.getByRole('heading', { name: '请稍候，调解员将邀请您进入' }).waitFor();
    await page.getByText(`案件：${TITLE}`).waitFor();
    await page.getByText('调解员：李调解').waitFor();
    expect(await page.getByTestId('waiting-status').textContent()).toBe('调解尚未开始');
    await expectPhoneLayout(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'resident-waiting-360x740.png') });
  });

  it('the mediator enters from the case page; the session starts and the waiting resident is told', async () => {
    await staffSignIn(pages.mediator, 'mediator');
    await staffEntersRoom(pages.mediator);
    peerIds.mediator = (await pages.mediator.evaluate(() => window.mediationRoom!.peerId()))!;
    await pages.respondent.getByTestId('waiting-status').getByText('调解已经开始').waitFor();
    await mediatorRow('waiting-member', '刘秀英').getByText('待视频核验').waitFor();
  });

  it('the other resident mistypes the ID digits, is told kindly, then passes and waits', async () => {
    const page = pages.applicant;
    await residentThroughDeviceCheck(page, applicantToken);
    await declare(page, '同意');
    await page.getByLabel('姓名').fill('张建国');
    await page.getByLabel('身份证号码最后四位').fill('12');
    await page.getByRole('button', { name: '核对身份', exact: true }).click();
    await page.getByText('请填写身份证号码的最后四位（数字，最后一位可能是 X）。').waitFor();
    await page.getByLabel('身份证号码最后四位').fill('1234');
    await page.getByRole('button', { name: '核对身份', exact: true }).click();
    await page.getByTestId('identity-problem').getByText('与登记的信息不一致').waitFor();
    await expectPhoneLayout(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'resident-identity-mismatch-360x740.png'), fullPage: true });
    await page.getByLabel('身份证号码最后四位').fill('002x');
    await page.getByRole('button', { name: '核对身份', exact: true }).click();
    await page.getByRole('heading', { name: '请稍候，调解员将邀请您进入' }).waitFor();
    await page.getByText('您的身份已核对。').waitFor();
  });

  it('the mediator admits both: first the one whose identity was checked', async () => {
    const applicantRow = mediatorRow('waiting-member', '张建国');
    await applicantRow.getByText('身份已核验').waitFor();
    await applicantRow.getByText('同意录音录像').waitFor();
    // Only a resident left to the mediator is shown on camera at the door.
    expect(await applicantRow.getByTestId('waiting-video').count()).toBe(0);
    await applicantRow.getByRole('button', { name: '准入' }).click();
    await waitForMedia(pages.applicant);
    peerIds.applicant = (await pages.applicant.evaluate(() => window.mediationRoom!.peerId()))!;
  });

  it('the guiding judge enters from the case page as an observer, muted', async () => {
    await staffSignIn(pages.judge, 'judge');
    await staffEntersRoom(pages.judge);
    peerIds.judge = (await pages.judge.evaluate(() => window.mediationRoom!.peerId()))!;
    await pages.judge.getByText('您以指导法官身份旁听，经调解员允许后可发言').waitFor();
    await expect.poll(() => pages.judge.getByTestId('mic-button').isDisabled()).toBe(true);
    expect(await pages.judge.getByTestId('mic-button').textContent()).toBe('旁听中，暂不能发言');
    await mediatorRow('participant', '赵法官').getByText('旁听').waitFor();
  });

  it('at the door, the resident left to the mediator is checked on camera: only the mediator sees and hears them, and they only the mediator', async () => {
    const page = pages.respondent;
    await page.getByTestId('identity-check-note').getByText('调解员正在通过视频核验您的身份，请将身份证放在镜头前').waitFor();
    await page.waitForFunction(() => !!window.mediationRoom?.peerId() && window.mediationRoom.producers().length === 2, undefined, { timeout: 20_000 });
    expect(await page.getByTestId('in-room').count()).toBe(0);
    peerIds.respondent = (await page.evaluate(() => window.mediationRoom!.peerId()))!;
    checkPeerId = peerIds.respondent;

    // Who lists whom: the waiting resident only the mediator; the mediator the resident with their media peer; nobody else the resident.
    const names = (person: Person) => pages[person].evaluate(() => window.mediationRoom!.state()!.members.map((m) => m.name));
    expect(await names('respondent')).toEqual(['李调解']);
    expect(await names('applicant')).not.toContain('刘秀英');
    expect(await names('judge')).not.toContain('刘秀英');
    await expect
      .poll(() => pages.mediator.evaluate(() => window.mediationRoom!.state()!.members.find((m) => m.name === '刘秀英')?.peerId))
      .toBe(peerIds.respondent);

    // Both pictures play: the resident's beside the mediator's admit button, the mediator's large on the phone.
    const tile = mediatorRow('waiting-member', '刘秀英').locator(`figure[data-peer-id="${peerIds.respondent}"]`);
    await tile.getByText('刘秀英').waitFor();
    await pages.mediator.waitForFunction((id) => ((document.querySelector(`[data-testid=waiting-video] figure[data-peer-id="${id}"] video`) as HTMLVideoElement | null)?.videoWidth ?? 0) > 0, peerIds.respondent, { timeout: 20_000 });
    await page.waitForFunction((id) => ((document.querySelector(`[data-testid=identity-check-stage] figure[data-peer-id="${id}"] video`) as HTMLVideoElement | null)?.videoWidth ?? 0) > 0, peerIds.mediator, { timeout: 20_000 });
    expect(await tile.locator('video').evaluate((video: HTMLVideoElement) => video.muted)).toBe(false);

    const flow = await measure(['mediator', 'applicant', 'judge', 'respondent'], 2000);
    expect(allGrow(flow.mediator!.respondent), `mediator ← respondent: ${JSON.stringify(flow.mediator!.respondent)}`).toBe(true);
    expect(allGrow(flow.respondent!.mediator), `respondent ← mediator: ${JSON.stringify(flow.respondent!.mediator)}`).toBe(true);
    for (const receiver of ['applicant', 'judge'] as const) {
      expect(flow[receiver]!.respondent, `${receiver} ← respondent`).toEqual(nothing);
      // Not a packet ever, not only none in this window.
      expect(await receivedEver(receiver, 'respondent'), `${receiver} ← respondent, ever`).toEqual(nothing);
    }
    for (const sender of ['applicant', 'judge'] as const) {
      expect(flow.respondent![sender], `respondent ← ${sender}`).toEqual(nothing);
      expect(await receivedEver('respondent', sender), `respondent ← ${sender}, ever`).toEqual(nothing);
    }
    // The room goes on meanwhile.
    expect(allGrow(flow.applicant!.mediator)).toBe(true);
    expect(allGrow(flow.mediator!.applicant)).toBe(true);

    await expectPhoneLayout(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'resident-identity-check-360x740.png') });
    await pages.mediator.screenshot({ path: path.join(ARTIFACTS, 'mediator-identity-check-1440x900.png') });
  });

  it('a caucus pauses the check (the resident’s media is put away), and it resumes on a new media peer when the caucus ends', async () => {
    const page = pages.respondent;
    await pages.mediator.getByRole('button', { name: '与申请人方单独沟通' }).click();
    await page.getByTestId('identity-check-note').waitFor({ state: 'detached' });
    await page.getByTestId('waiting-status').getByText('调解已经开始').waitFor();
    await page.waitForFunction(() => window.mediationRoom!.producers().length === 0);
    await mediatorRow('waiting-member', '刘秀英').getByText('背对背调解期间暂停视频核验，结束后自动恢复。').waitFor();
    await drain();
    const during = await measure(['mediator', 'applicant', 'judge'], 1500);
    for (const receiver of ['mediator', 'applicant', 'judge'] as const) expect(during[receiver]!.respondent, `${receiver} ← respondent`).toEqual(nothing);

    await pages.mediator.getByRole('button', { name: '结束背对背' }).click();
    await page.getByTestId('identity-check-note').waitFor();
    await page.waitForFunction((old) => !!window.mediationRoom!.peerId() && window.mediationRoom!.peerId() !== old && window.mediationRoom!.producers().length === 2, peerIds.respondent, { timeout: 20_000 });
    peerIds.respondent = (await page.evaluate(() => window.mediationRoom!.peerId()))!;
    checkPeerId = peerIds.respondent;
    await pages.mediator.waitForFunction(async (id) => ((await window.mediationRoom!.inboundStats())[id]?.videoFrames ?? 0) > 0, peerIds.respondent, { polling: 250, timeout: 20_000 });
    const after = await measure(['mediator', 'applicant', 'judge', 'respondent'], 1500);
    expect(allGrow(after.mediator!.respondent), JSON.stringify(after.mediator!.respondent)).toBe(true);
    expect(allGrow(after.respondent!.mediator), JSON.stringify(after.respondent!.mediator)).toBe(true);
    for (const receiver of ['applicant', 'judge'] as const) expect(await receivedEver(receiver, 'respondent'), `${receiver} ← respondent, ever`).toEqual(nothing);
    for (const sender of ['applicant', 'judge'] as const) expect(await receivedEver('respondent', sender), `respondent ← ${sender}, ever`).toEqual(nothing);
  });

  it('the check survives a dropped connection at the door: the same media peer, ICE restarted, and the mediator receives them again', async () => {
    const page = pages.respondent;
    await page.evaluate(() => window.mediationRoom!.socket.io.engine.close());
    await page.waitForFunction(() => window.mediationRoom!.connection() === 'connected' && window.mediationRoom!.iceRestarts() >= 1, undefined, { timeout: 20_000 });
    expect(await page.evaluate(() => window.mediationRoom!.peerId())).toBe(peerIds.respondent);
    await page.getByTestId('identity-check-note').waitFor();
    await pages.mediator.waitForFunction(
      async (id) => {
        const first = (await window.mediationRoom!.inboundStats())[id];
        await new Promise((resolve) => setTimeout(resolve, 500));
        const second = (await window.mediationRoom!.inboundStats())[id];
        return !!first && !!second && second.audioPackets > first.audioPackets && second.videoFrames > first.videoFrames;
      },
      peerIds.respondent,
      { polling: 250, timeout: 20_000 },
    );
    const flow = await measure(['mediator', 'applicant', 'judge', 'respondent'], 1500);
    expect(allGrow(flow.mediator!.respondent), JSON.stringify(flow.mediator!.respondent)).toBe(true);
    expect(allGrow(flow.respondent!.mediator), JSON.stringify(flow.respondent!.mediator)).toBe(true);
    for (const receiver of ['applicant', 'judge'] as const) expect(await receivedEver(receiver, 'respondent'), `${receiver} ← respondent, ever`).toEqual(nothing);
  });

  it('the mediator admits both: the one left to the mediator only after confirming on camera', async () => {
    await mediatorRow('waiting-member', '刘秀英').getByRole('button', { name: '准入' }).click();
    const dialog = pages.mediator.getByRole('dialog');
    await dialog.getByText('刘秀英 请求由调解员视频核验身份').waitFor();
    await dialog.getByRole('button', { name: '我已通过视频核实其身份' }).click();
    await waitForMedia(pages.respondent);
    await mediatorRow('participant', '刘秀英').getByText('已视频核验').waitFor();
    expect(await pages.mediator.getByTestId('waiting-member').count()).toBe(0);

    peerIds.respondent = (await pages.respondent.evaluate(() => window.mediationRoom!.peerId()))!;
    // Into the room on the media peer of the check: nothing set up again.
    expect(peerIds.respondent).toBe(checkPeerId);
  });

  it('all four receive each other: every peer’s counters grow at every other (the judge’s audio stays silent)', async () => {
    const everyone: Person[] = ['mediator', 'applicant', 'respondent', 'judge'];
    // Wait until every page decodes video from every other peer.
    await everyoneDecodesEveryone(everyone);
    const flow = await measure(everyone);
    for (const receiver of everyone) {
      for (const sender of everyone) {
        if (sender === receiver) continue;
        const counters = flow[receiver]![sender];
        if (sender === 'judge') {
          expect(videoGrows(counters), `${receiver} ← judge video`).toBe(true);
          expect(counters!.audioPackets, `${receiver} ← judge audio`).toBe(0);
        } else {
          expect(allGrow(counters), `${receiver} ← ${sender}: ${JSON.stringify(counters)}`).toBe(true);
        }
      }
    }
    // Tiles are mapped to people by their peer ids.
    await pages.applicant.locator(`figure[data-peer-id="${peerIds.respondent}"]`).getByText('刘秀英').waitFor();
    await pages.mediator.locator(`figure[data-peer-id="${peerIds.judge}"]`).getByText('赵法官').waitFor();
  });

  it('screens: the resident’s call on a 360×740 phone, the mediator’s at 1440×900', async () => {
    await expectPhoneLayout(pages.applicant);
    await pages.applicant.screenshot({ path: path.join(ARTIFACTS, 'resident-in-room-360x740.png') });
    await pages.mediator.screenshot({ path: path.join(ARTIFACTS, 'mediator-in-room-1440x900.png') });
    const mediatorWidth = await pages.mediator.evaluate(() => document.documentElement.scrollWidth);
    expect(mediatorWidth).toBeLessThanOrEqual(1440);
  });

  it('a caucus with the applicant side holds the respondent apart, and ending it restores everything', async () => {
    await pages.mediator.getByRole('button', { name: '与申请人方单独沟通' }).click();
    await pages.respondent.getByTestId('caucus-excluded').getByText('调解员正在与对方单独沟通（背对背调解），请稍候').waitFor();
    await pages.applicant.getByText('背对背调解中：正在与申请人方单独沟通').waitFor();
    for (const person of ['respondent', 'applicant'] as const) await recordPushes(pages[person]);
    // Both sides toggle their cameras and microphones (and speak: the fake microphone beeps) while held apart.
    for (const person of ['applicant', 'mediator', 'respondent'] as const) await toggleCameraAndMic(pages[person]);
    await drain();
    // The side held apart keeps no receiver of the others, not even a paused one, and is told nothing of them.
    const others = [peerIds.mediator, peerIds.applicant, peerIds.judge];
    expect(Object.keys(await inbound(pages.respondent)).filter((id) => others.includes(id))).toEqual([]);
    expect(await pages.respondent.evaluate(() => window.mediationRoom!.state()!.members)).toEqual([]);
    const heardApart = await pushesSince(pages.respondent);
    const ownSpeaking = ([event, payload]: [string, unknown]) => event === 'speaker:active' && (payload as { peerId: string }).peerId === peerIds.respondent;
    expect(heardApart.filter((push) => push[0] !== 'room:state' && !ownSpeaking(push)), 'pushes to the side held apart').toEqual([]);
    expect(heardApart.filter(([, payload]) => others.some((id) => JSON.stringify(payload).includes(id))), 'pushes naming the others').toEqual([]);
    // And the caucus side hears nothing of the respondent's toggles.
    expect((await pushesSince(pages.applicant)).filter(([, payload]) => JSON.stringify(payload).includes(peerIds.respondent)), 'pushes to the caucus naming the respondent').toEqual([]);
    const during = await measure(['mediator', 'applicant', 'judge', 'respondent']);
    for (const receiver of ['mediator', 'applicant', 'judge'] as const) expect(during[receiver]!.respondent, `${receiver} ← respondent`).toEqual(nothing);
    for (const sender of ['mediator', 'applicant', 'judge'] as const) expect(during.respondent![sender], `respondent ← ${sender}`).toEqual(nothing);
    expect(allGrow(during.mediator!.applicant)).toBe(true);
    expect(allGrow(during.applicant!.mediator)).toBe(true);
    expect(videoGrows(during.judge!.applicant)).toBe(true);
    await pages.respondent.screenshot({ path: path.join(ARTIFACTS, 'resident-caucus-excluded-360x740.png') });

    await pages.mediator.getByRole('button', { name: '结束背对背' }).click();
    await pages.respondent.getByTestId('caucus-excluded').waitFor({ state: 'detached' });
    // The others' media is offered to the respondent again, and decoded.
    await everyoneDecodesEveryone(['mediator', 'respondent']);
    await drain();
    const after = await measure(['mediator', 'respondent']);
    expect(allGrow(after.mediator!.respondent), JSON.stringify(after.mediator!.respondent)).toBe(true);
    expect(allGrow(after.respondent!.mediator), JSON.stringify(after.respondent!.mediator)).toBe(true);
  });

  it('the mediator mutes the applicant: the mic button is disabled and the server refuses to resume it; asked to speak, they unmute', async () => {
    await mediatorRow('participant', '张建国').getByRole('button', { name: '静音' }).click();
    const mic = pages.applicant.getByTestId('mic-button');
    await expect.poll(() => mic.textContent()).toBe('调解员已将您静音');
    expect(await mic.isDisabled()).toBe(true);
    const refusal = await pages.applicant.evaluate(async () => {
      const microphone = window.mediationRoom!.producers().find((p) => p.source === 'microphone')!;
      return window.mediationRoom!.socket.timeout(5000).emitWithAck('producer:resume', { producerId: microphone.producerId });
    });
    expect(refusal).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await drain();
    const muted = await measure(['mediator']);
    expect(muted.mediator!.applicant!.audioPackets).toBe(0);
    expect(videoGrows(muted.mediator!.applicant)).toBe(true);

    await mediatorRow('participant', '张建国').getByRole('button', { name: '请其发言' }).click();
    const prompt = pages.applicant.getByTestId('unmute-prompt');
    await prompt.getByText('调解员请您打开麦克风').waitFor();
    await prompt.getByRole('button', { name: '打开麦克风' }).click();
    await expect.poll(() => mic.textContent()).toBe('关闭麦克风');
    await drain();
    expect((await measure(['mediator'])).mediator!.applicant!.audioPackets).toBeGreaterThan(0);
  });

  it('the judge may speak once allowed; chat reaches the room; shared minutes are confirmed by a party', async () => {
    await mediatorRow('participant', '赵法官').getByRole('button', { name: '允许发言' }).click();
    await pages.judge.getByText('调解员已允许您发言，可以打开麦克风。').waitFor();
    await expect.poll(() => pages.judge.getByTestId('mic-button').isEnabled()).toBe(true);

    await pages.applicant.getByRole('button', { name: '文字交流' }).click();
    await pages.applicant.getByLabel('输入文字').fill('调解员您好，我这边能听清楚。');
    await pages.applicant.getByRole('button', { name: '发送' }).click();
    await pages.mediator.getByTestId('chat-list').getByText('调解员您好，我这边能听清楚。').waitFor();
    await pages.respondent.getByRole('button', { name: /文字交流（1 条新消息）/ }).waitFor();
    await pages.applicant.getByRole('button', { name: '收起' }).click();

    await pages.mediator.getByTestId('minutes-text').fill('双方同意由被申请人负责维修防水层，并赔偿申请人损失人民币三千元。');
    await pages.mediator.getByRole('button', { name: '保存笔录' }).click();
    await pages.mediator.getByText('已保存第 1 版').waitFor();
    await pages.mediator.getByRole('button', { name: '向当事人展示' }).click();
    await pages.mediator.getByText('当事人可以查看').waitFor();
    await pages.applicant.getByTestId('shared-minutes-text').getByText('赔偿申请人损失人民币三千元').waitFor();
    await pages.applicant.getByRole('button', { name: '确认笔录' }).click();
    await pages.applicant.getByText('您已确认本版笔录').waitFor();
    await pages.mediator.getByTestId('minutes-confirmed').getByText('已确认：张建国').waitFor();
  });

  it('the mediator drafts the agreement in a side panel during the session; the applicant reads the live draft in the room and comments on a clause', async () => {
    await pages.mediator.getByTestId('room-agreement-toggle').click();
    const panel = pages.mediator.getByTestId('room-agreement-panel');
    await panel.getByRole('heading', { name: '起草协议' }).waitFor();
    await panel.locator('textarea[name=field-facts]').fill('被申请人家卫生间防水层老化渗水，致申请人客厅天花板受损。');
    await panel.locator('textarea[name=field-responsibilities]').fill('被申请人对渗水负有维修责任。');
    const row = panel.getByTestId('obligation-0');
    await row.locator('input[name=act]').fill('修复卫生间防水层');
    await row.locator('input[name=deadline]').fill('2099-12-15');
    await panel.getByRole('button', { name: '保存草稿' }).click();
    await panel.getByTestId('draft-notice').getByText('已保存为第 1 版。').waitFor();
    // The call goes on meanwhile.
    expect(await pages.mediator.getByTestId('in-room').count()).toBe(1);

    await pages.applicant.getByTestId('room-agreement-toggle').click();
    const draft = pages.applicant.getByTestId('room-agreement-panel').getByTestId('agreement-draft');
    await draft.getByText('修复卫生间防水层').first().waitFor();
    const clause = draft.locator('section.clause[data-clause="履行方式、时限"]');
    await clause.getByRole('button', { name: '对此条提出意见' }).click();
    await clause.locator('textarea').fill('请写明修复后由我确认验收。');
    await clause.getByRole('button', { name: '发送给调解员' }).click();
    await clause.getByText('已发送给调解员。').waitFor();
    await panel.locator('section.clause.has-aside[data-clause="履行方式、时限"] .clause-comments').getByText('请写明修复后由我确认验收。').waitFor();

    // Back to the call: the phone's way out is at the top of the drawer.
    await pages.applicant.getByRole('button', { name: '返回视频调解' }).click();
    await pages.applicant.getByTestId('in-room').waitFor();
    await pages.mediator.getByTestId('room-agreement-toggle').click();
  });

  it('a resident’s connection drops: they come back on their own, the same media peer, and media flows both ways', async () => {
    const page = pages.applicant;
    await page.evaluate(() => window.mediationRoom!.socket.io.engine.close());
    await page.waitForFunction(() => window.mediationRoom!.connection() === 'connected' && window.mediationRoom!.iceRestarts() >= 1, undefined, { timeout: 20_000 });
    expect(await page.evaluate(() => window.mediationRoom!.peerId())).toBe(peerIds.applicant);
    await mediatorRow('participant', '张建国').waitFor();
    await expect.poll(() => mediatorRow('participant', '张建国').getByText('连接中断').count()).toBe(0);
    const flow = await measure(['mediator', 'applicant']);
    expect(allGrow(flow.mediator!.applicant), JSON.stringify(flow.mediator!.applicant)).toBe(true);
    expect(allGrow(flow.applicant!.mediator), JSON.stringify(flow.applicant!.mediator)).toBe(true);
    expect(await page.getByTestId('in-room').isVisible()).toBe(true);
  });

  it('the mediator’s page reloads with a dead access token while a resident is offline: token renewed, new media reaches the resident once back', async () => {
    // The applicant stays offline (no automatic reconnection) while the mediator's media is replaced:
    // the pushes announcing it are lost to them, and only asking again after resuming brings it.
    const resident = pages.applicant;
    await resident.evaluate(() => {
      window.mediationRoom!.socket.io.reconnection(false);
      window.mediationRoom!.socket.io.engine.close();
    });
    await resident.getByTestId('reconnecting').waitFor();
    expect(await resident.getByTestId('in-room').isVisible()).toBe(true);

    const page = pages.mediator;
    const KEY = 'mediation-room.staff-session';
    // As if the 15 minutes had passed: the server refuses the access token, the refresh token still works.
    await page.evaluate((key) => {
      const session = JSON.parse(sessionStorage.getItem(key)!);
      sessionStorage.setItem(key, JSON.stringify({ ...session, accessToken: 'expired.access.token' }));
    }, KEY);
    await page.reload();
    await waitForMedia(page);
    expect(await page.evaluate((key) => JSON.parse(sessionStorage.getItem(key)!).accessToken, KEY)).not.toBe('expired.access.token');
    const peerId = (await page.evaluate(() => window.mediationRoom!.peerId()))!;
    expect(peerId).not.toBe(peerIds.mediator);
    peerIds.mediator = peerId;
    await resident.evaluate(() => {
      window.mediationRoom!.socket.io.reconnection(true);
      window.mediationRoom!.socket.connect();
    });
    await resident.waitForFunction(() => window.mediationRoom!.connection() === 'connected' && window.mediationRoom!.iceRestarts() >= 2, undefined, { timeout: 20_000 });
    expect(await resident.evaluate(() => window.mediationRoom!.peerId())).toBe(peerIds.applicant);
    await pages.applicant.waitForFunction(async (id) => ((await window.mediationRoom!.inboundStats())[id]?.videoFrames ?? 0) > 0, peerId, { polling: 250, timeout: 15_000 });
    const flow = await measure(['applicant', 'mediator']);
    expect(allGrow(flow.applicant!.mediator), JSON.stringify(flow.applicant!.mediator)).toBe(true);
    expect(allGrow(flow.mediator!.applicant), JSON.stringify(flow.mediator!.applicant)).toBe(true);
    await mediatorRow('participant', '张建国').waitFor();
  });

  it('the media server under the room dies: everyone sets media up again on its replacement, without anyone acting', async () => {
    const everyone: Person[] = ['mediator', 'applicant', 'respondent', 'judge'];
    const [pid] = app.pool.pids;
    process.kill(pid!, 'SIGKILL');
    await Promise.all(
      everyone.map(async (person) => {
        await pages[person].waitForFunction((old) => window.mediationRoom!.peerId() !== old && window.mediationRoom!.producers().length > 0, peerIds[person], { timeout: 20_000 });
        peerIds[person] = (await pages[person].evaluate(() => window.mediationRoom!.peerId()))!;
      }),
    );
    expect(app.pool.pids).not.toContain(pid);
    await everyoneDecodesEveryone(everyone);
    const flow = await measure(everyone);
    for (const receiver of everyone) for (const sender of everyone) if (sender !== receiver) expect(videoGrows(flow[receiver]![sender]), `${receiver} ← ${sender}`).toBe(true);
    expect(allGrow(flow.mediator!.applicant)).toBe(true);
    expect(allGrow(flow.respondent!.mediator)).toBe(true);
  });

  it('the mediator removes the respondent: their screen says so, and their link no longer opens', async () => {
    await mediatorRow('participant', '刘秀英').getByRole('button', { name: '移出' }).click();
    const dialog = pages.mediator.getByRole('dialog');
    await dialog.getByText('其邀请链接将同时失效').waitFor();
    await dialog.getByRole('button', { name: '移出' }).click();
    await pages.respondent.getByRole('heading', { name: '您已被移出本次调解' }).waitFor();
    await mediatorRow('participant', '刘秀英').waitFor({ state: 'detached' });

    await pages.respondent.goto(`${app.url}/join#${respondentToken}`);
    await pages.respondent.getByText('这个链接已经被调解员收回').waitFor();
  });

  it('the mediator ends the session: everyone is told', async () => {
    await pages.mediator.getByRole('button', { name: '结束本次调解' }).click();
    await pages.mediator.getByRole('dialog').getByRole('button', { name: '结束调解' }).click();
    await pages.applicant.getByRole('heading', { name: '本次调解已结束' }).waitFor();
    await pages.judge.getByRole('heading', { name: '本次调解已结束' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
