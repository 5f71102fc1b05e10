import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { tokenOfLink } from '../helpers/api-client.ts';
import { chromiumArgs, CHROMIUM_PATH } from '../helpers/browser.ts';
import { assertClientBuilt, signIn } from '../helpers/e2e.ts';
import { startTestServer } from '../helpers/server.ts';
import { World, expectOk } from '../helpers/world.ts';

/*
 * A resident who opens a plain-http link on a real host name (not localhost) is on an insecure
 * origin: the browser hides the camera and microphone. The page must say why, in Chinese, and
 * what to do, instead of a generic failure. The host name is mapped to loopback inside Chromium,
 * so the test needs no network; loopback itself would count as secure.
 */

const INSECURE_HOST = 'mediation-room.insecure.test';

let app: RunningApp;
let world: World;
let browser: Browser;

beforeAll(async () => {
  assertClientBuilt();
  app = await startTestServer();
  world = await World.create(app);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...chromiumArgs, `--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`] });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A case with a session booked (so its page offers the room) and its applicant. */
async function invitedToSession() {
  const c = await world.referredCase();
  await expectOk(world.mediator.post(`/cases/${c.caseId}/sessions`, { startsAt: new Date(Date.now() + 3600_000).toISOString() }));
  return c;
}

describe('a resident on an insecure (plain http) address', () => {
  it('is told in Chinese that the room needs the secure https link and to ask the mediator for it', async () => {
    const c = await invitedToSession();
    const invitation = await expectOk(world.mediator.post(`/cases/${c.caseId}/invitations`, { participantId: c.participantId }));
    const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 } })).newPage();
    const insecureUrl = app.url.replace('127.0.0.1', INSECURE_HOST);
    await page.goto(`${insecureUrl}/join?small=1#${tokenOfLink(invitation.body.url)}`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    await page.getByTestId('enter-room').click();
    await page.waitForURL('**/room');
    const notice = page.getByTestId('device-problem');
    await notice.getByText('需要通过 https 安全链接打开', { exact: false }).waitFor();
    await notice.getByText('请联系调解员', { exact: false }).waitFor();
    // Trying again cannot help on this address; the page does not offer it.
    expect(await notice.getByRole('button', { name: '重试' }).count()).toBe(0);
  });

  it('on a secure address (loopback counts) the same page opens the camera as usual', async () => {
    const c = await invitedToSession();
    const invitation = await expectOk(world.mediator.post(`/cases/${c.caseId}/invitations`, { participantId: c.participantId }));
    const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 } })).newPage();
    await page.goto(`${app.url}/join?small=1#${tokenOfLink(invitation.body.url)}`);
    await page.getByTestId('enter-room').click();
    await page.waitForURL('**/room');
    await page.waitForFunction(() => (document.querySelector('[data-testid=camera-preview]') as HTMLVideoElement | null)?.videoWidth === 320);
    expect(await page.getByTestId('device-problem').count()).toBe(0);
  });
});

describe('staff and the development page on an insecure address', () => {
  const insecureUrl = () => app.url.replace('127.0.0.1', INSECURE_HOST);

  it('tells the mediator in the room that nobody can see or hear them, and to use the https address', async () => {
    const c = await invitedToSession();
    const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } })).newPage();
    await signIn(page, insecureUrl(), 'mediator', { query: 'small=1' });
    await page.goto(`${insecureUrl()}/cases/${c.caseId}/room`);
    await page.getByTestId('in-room').waitFor();
    const notice = page.getByTestId('device-problem');
    await notice.getByText('当前地址不是 https 安全地址', { exact: false }).waitFor();
    await notice.getByText('其他人看不到、也听不到您', { exact: false }).waitFor();
  });

  it('says the same on the development call page instead of a raw browser error', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 640, height: 480 } })).newPage();
    await page.goto(`${insecureUrl()}/dev?room=insecure&name=${encodeURIComponent('甲')}&autojoin=1&small=1`);
    await page.getByTestId('device-problem').getByText('当前地址不是 https 安全地址', { exact: false }).waitFor();
    expect(await page.getByText('Cannot read properties', { exact: false }).count()).toBe(0);
  });
});
