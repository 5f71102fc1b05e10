import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tokenOfLink } from '../helpers/api-client.ts';
import { signIn, withBrowserWorld, type BrowserWorld } from '../helpers/e2e.ts';
import { signedCaseIn } from '../helpers/signed-case.ts';
import { caseBody, expectOk } from '../helpers/world.ts';

/*
 * Every page of the client, as the role that uses it, in real Chromium under the server's
 * Content-Security-Policy: nothing may be refused. Violations are collected from the
 * `securitypolicyviolation` event (registered before any page script) and from console messages.
 * The room is visited with media running on both ends.
 */

let setup: BrowserWorld;
withBrowserWorld((ready) => (setup = ready));

const violations: string[] = [];
const PHONE = { width: 360, height: 740 };
const DESK = { width: 1280, height: 800 };

async function watchedPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await setup.browser.newContext({ locale: 'zh-CN', viewport: DESK, ...options });
  await context.exposeBinding('reportCspViolation', ({ page }, text: string) => violations.push(`${page.url()}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${event.effectiveDirective} refused ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    // The browser also complains here about a Permissions-Policy it cannot parse.
    if (/Content Security Policy|Permissions-Policy/.test(message.text())) violations.push(`${page.url()}: console: ${message.text()}`);
  });
  return page;
}

/** Lets late requests (lazy chunks, images, sockets) happen before the page is judged. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
}

async function expectNoViolations(): Promise<void> {
  expect(violations).toEqual([]);
}

/** A referred case run by the demo mediator with a session, an applicant (invited, not yet opened) and a respondent. */
async function roomCase() {
  const { world } = setup;
  const opened = await expectOk(world.judge.post('/cases', caseBody({ channel: 'court_referral', orgId: 'baicheng', title: '相邻通行纠纷', disputeType: 'debt' })));
  const caseId = opened.body.caseId as string;
  await expectOk(world.admin.post(`/cases/${caseId}/assign`, { mediatorId: await world.accountId('mediator') }));
  await expectOk(world.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
  const applicant = await expectOk(world.mediator.post(`/cases/${caseId}/participants`, { role: 'applicant', name: '张建国', sex: 'male', ethnicity: '汉族', idNumber: '11010519491231002X', address: '高密市柏城镇幸福路8号', phone: '13812345678' }));
  const respondent = await expectOk(world.mediator.post(`/cases/${caseId}/participants`, { role: 'respondent', name: '刘秀英', sex: 'female', ethnicity: '汉族', idNumber: '110101199003070011', address: '高密市柏城镇幸福路9号' }));
  await expectOk(world.mediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 3600_000).toISOString() }));
  const invitation = await expectOk(world.mediator.post(`/cases/${caseId}/invitations`, { participantId: applicant.body.participantId }));
  return { caseId, applicantId: applicant.body.participantId as string, respondentId: respondent.body.participantId as string, applicantLink: tokenOfLink(invitation.body.url) };
}

describe('no page of the client breaks the Content-Security-Policy', () => {
  it('the collector works: an injected inline script is refused and reported', async () => {
    const page = await watchedPage();
    await page.goto(`${setup.app.url}/`);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineScriptRan = true;';
      document.head.append(script);
      return (window as unknown as { inlineScriptRan?: boolean }).inlineScriptRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.some((line) => line.includes('script-src-elem refused inline'))).toBe(true);
    violations.length = 0;
    await page.context().close();
  });

  it('pages anyone can open: home, sign-in, an unknown address, a join link without its token', async () => {
    const page = await watchedPage({ viewport: PHONE });
    for (const route of ['/', '/login', '/no-such-page', '/join']) {
      await page.goto(`${setup.app.url}${route}`);
      await page.locator('main').waitFor();
      await settle(page);
    }
    await expectNoViolations();
    await page.context().close();
  });

  it('the development call page with two participants exchanging video', async () => {
    const pages = await Promise.all([watchedPage(), watchedPage()]);
    await Promise.all(pages.map((page, i) => page.goto(`${setup.app.url}/dev?room=csp&name=${i ? '乙' : '甲'}&autojoin=1&small=1`)));
    for (const page of pages) {
      await page.waitForFunction(() => window.mediationRoomCall?.state.status === 'joined' && window.mediationRoomCall.state.remoteTracks.length >= 2, undefined, { timeout: 20_000 });
    }
    await expectNoViolations();
    for (const page of pages) await page.context().close();
  });

  it('the mediator’s pages: case list, new case, the case with a fresh invitation QR code, dashboard; the resident’s join, device check, declaration, waiting; both in the room with media', async () => {
    const c = await roomCase();
    const mediator = await watchedPage();
    await signIn(mediator, setup.app.url, 'mediator', { query: 'small=1' });
    await settle(mediator);
    await mediator.goto(`${setup.app.url}/cases/new`);
    await mediator.locator('form').first().waitFor();
    await mediator.goto(`${setup.app.url}/cases/${c.caseId}`);
    await mediator.getByRole('button', { name: '生成邀请链接' }).last().click();
    // The QR code is a data: image; it must load, not be refused.
    await mediator.waitForFunction(() => ((document.querySelector('img.qr') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    await mediator.getByTestId('nav-dashboard').click();
    await mediator.getByTestId('monthly-chart').locator('svg').first().waitFor();
    await settle(mediator);
    await expectNoViolations();

    const resident = await watchedPage({ viewport: PHONE });
    await resident.goto(`${setup.app.url}/join?small=1#${c.applicantLink}`);
    await resident.getByTestId('enter-room').click();
    await resident.waitForURL('**/room');
    await resident.waitForFunction(() => (document.querySelector('[data-testid=camera-preview]') as HTMLVideoElement | null)?.videoWidth === 320);
    await resident.waitForFunction(() => Number(document.querySelector('[data-testid=mic-level]')?.getAttribute('aria-valuenow')) > 0, undefined, { polling: 100 });
    await resident.getByRole('button', { name: '下一步' }).click();
    await resident.getByLabel('我已阅读并知晓上述警示').check();
    await resident.getByLabel('我承诺遵守').check();
    await resident.getByLabel('不同意对本次调解录音录像', { exact: true }).check();
    await resident.getByRole('button', { name: '确认并继续' }).click();
    await resident.getByLabel('姓名').fill('张建国');
    await resident.getByLabel('身份证号码最后四位').fill('002X');
    await resident.getByRole('button', { name: '核对身份', exact: true }).click();
    await resident.getByRole('heading', { name: '请稍候，调解员将邀请您进入' }).waitFor();
    await expectNoViolations();

    await mediator.goto(`${setup.app.url}/cases/${c.caseId}/room`);
    await mediator.getByTestId('in-room').waitFor();
    await mediator.locator('[data-testid=waiting-member][data-name="张建国"]').getByRole('button', { name: '准入' }).click();
    for (const [page, other] of [
      [mediator, resident],
      [resident, mediator],
    ] as const) {
      const otherPeer = await other.waitForFunction(() => window.mediationRoom?.peerId(), undefined, { timeout: 20_000 }).then((handle) => handle.jsonValue());
      await page.waitForFunction(async (id) => ((await window.mediationRoom!.inboundStats())[id!]?.videoFrames ?? 0) > 0, otherPeer, { polling: 250, timeout: 20_000 });
    }
    await expectNoViolations();
    await mediator.context().close();
    await resident.context().close();
  });

  it('the agreement: the mediator’s drafting and signing board, the resident reading and signing with the signature pad', async () => {
    const c = await roomCase();
    const { world } = setup;
    await expectOk(
      world.mediator.call('PUT', `/cases/${c.caseId}/agreement/draft`, {
        baseVersion: 0,
        draft: {
          templateId: 'debt',
          fields: { facts: '被申请人向申请人借款三万元，约定2026年6月归还，至今未还。', responsibilities: '被申请人应归还借款。' },
          obligations: [{ id: 'o1', obligorId: c.respondentId, obligeeId: c.applicantId, act: '归还借款', amountFen: 3_000_000, deadline: '2027-03-31', method: '银行转账' }],
        },
      }),
    );
    const mediator = await watchedPage();
    await signIn(mediator, setup.app.url, 'mediator');
    await mediator.goto(`${setup.app.url}/cases/${c.caseId}/agreement`);
    await mediator.locator('main form, main textarea').first().waitFor();
    await settle(mediator);
    await expectOk(world.mediator.post(`/cases/${c.caseId}/agreement/send`));
    await mediator.reload();
    await mediator.getByTestId('document-hash').waitFor();

    const resident = await watchedPage({ viewport: PHONE });
    await resident.goto(`${setup.app.url}/join#${c.applicantLink}`);
    await resident.getByTestId('enter-room').waitFor();
    await resident.goto(`${setup.app.url}/agreement`);
    await resident.getByTestId('agreement-end').scrollIntoViewIfNeeded();
    await resident.getByTestId('signing-form').waitFor();
    await resident.locator('[data-testid=resident-signature-pad] canvas').waitFor();
    await settle(resident);
    await expectNoViolations();
    await mediator.context().close();
    await resident.context().close();
  });

  it('after signing: the resident’s agreement and confirmation pages, the judge’s queue and review page', async () => {
    const { world } = setup;
    const signed = await signedCaseIn(world);
    // The API redeemed the parties' links on other devices; this browser opens a fresh one.
    const invitation = await expectOk(world.mediator.post(`/cases/${signed.caseId}/invitations`, { participantId: signed.applicantId }));
    const resident = await watchedPage({ viewport: PHONE, acceptDownloads: true });
    await resident.goto(`${setup.app.url}/join#${tokenOfLink(invitation.body.url)}`);
    await resident.locator('main').getByText('民间借贷纠纷').first().waitFor();
    await resident.goto(`${setup.app.url}/agreement`);
    // The signed PDF is fetched with the token and handed over as a blob: download.
    const download = resident.waitForEvent('download');
    await resident.getByTestId('download-agreement').click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
    await settle(resident);
    await resident.goto(`${setup.app.url}/confirmation`);
    await resident.locator('main form, main section').first().waitFor();
    await settle(resident);

    for (const party of [signed.applicant, signed.respondent]) {
      await expectOk(party.post(`/cases/${signed.caseId}/confirmation/apply`, { electronicDelivery: true, subject: { personalStatus: false, ownershipConfirmation: false } }));
    }
    const judge = await watchedPage();
    await signIn(judge, setup.app.url, 'judge');
    await judge.goto(`${setup.app.url}/confirmation/queue`);
    await judge.locator('main table').waitFor();
    await settle(judge);
    await judge.goto(`${setup.app.url}/cases/${signed.caseId}/confirmation`);
    await judge.getByTestId('download-agreement').waitFor();
    await settle(judge);
    await expectNoViolations();
    await resident.context().close();
    await judge.context().close();
  });
});
