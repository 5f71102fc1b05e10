import type { BrowserContextOptions, Page } from 'playwright-core';
import { tokenOfLink } from './api-client.ts';
import { signIn, type BrowserWorld } from './e2e.ts';
import { signedCaseIn } from './signed-case.ts';
import { caseBody, expectOk } from './world.ts';
import { signaturePng } from './signature-png.ts';

/*
 * A walk through every page of the client, each visited as the role that uses it, in real Chromium.
 * The tests that judge pages (Content-Security-Policy, accessibility) share it: they say how a page
 * is opened (context options, listeners) and what to do at each stop, once the stop's content shows.
 */

export const PHONE = { width: 360, height: 740 };
export const DESK = { width: 1280, height: 800 };

export interface PageWalker {
  setup: BrowserWorld;
  /** A page in a fresh context (one per participant); options add to zh-CN at desktop size. */
  open(options?: BrowserContextOptions): Promise<Page>;
  /** Called at every stop, named for the report, once the page shows what the stop is about. */
  visit(page: Page, stop: string): Promise<void>;
}

/** Lets late requests (lazy chunks, images, sockets) happen before the page is judged. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
}

/** A referred case run by the demo mediator with a session, an applicant (invited, not yet opened) and a respondent. */
export async function roomCase(setup: Pick<BrowserWorld, 'world'>) {
  const { world } = setup;
  const opened = await expectOk(world.judge.post('/cases', caseBody({ channel: 'court_referral', orgId: 'baicheng', title: '相邻通行纠纷', disputeType: 'debt' })));
  const caseId = opened.body.caseId as string;
  await expectOk(world.admin.post(`/cases/${caseId}/assign`, { mediatorId: await world.accountId('mediator') }));
  await expectOk(world.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
  const applicant = await expectOk(world.mediator.post(`/cases/${caseId}/participants`, { role: 'applicant', name: '张建国', sex: 'male', ethnicity: '汉族', idNumber: '11010519491231002X', address: '高密市柏城镇幸福路8号', phone: '13812345678' }));
  const respondent = await expectOk(world.mediator.post(`/cases/${caseId}/participants`, { role: 'respondent', name: '刘秀英', sex: 'female', ethnicity: '汉族', idNumber: '110101199003070011', address: '高密市柏城镇幸福路9号' }));
  await expectOk(world.mediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 3600_000).toISOString() }));
  const invitation = await expectOk(world.mediator.post(`/cases/${caseId}/invitations`, { participantId: applicant.body.participantId }));
  return {
    caseId,
    applicantId: applicant.body.participantId as string,
    respondentId: respondent.body.participantId as string,
    applicantLink: tokenOfLink(invitation.body.url),
    /** The respondent's link, made on demand (its invitation goes on the case's record). */
    respondentLink: async () => tokenOfLink((await expectOk(world.mediator.post(`/cases/${caseId}/invitations`, { participantId: respondent.body.participantId }))).body.url),
  };
}

/** Saves a first draft of a debt agreement for a case from `roomCase`. */
async function saveDraft(setup: BrowserWorld, c: Awaited<ReturnType<typeof roomCase>>): Promise<void> {
  await expectOk(
    setup.world.mediator.call('PUT', `/cases/${c.caseId}/agreement/draft`, {
      baseVersion: 0,
      draft: {
        templateId: 'debt',
        fields: { facts: '被申请人向申请人借款三万元，约定2026年6月归还，至今未还。', responsibilities: '被申请人应归还借款。' },
        obligations: [{ id: 'o1', obligorId: c.respondentId, obligeeId: c.applicantId, act: '归还借款', amountFen: 3_000_000, deadline: '2027-03-31', method: '银行转账' }],
      },
    }),
  );
}

/** Pages anyone can open: home, sign-in, an unknown address, a join link without its token. */
export async function walkPublicPages(walker: PageWalker): Promise<void> {
  const page = await walker.open({ viewport: PHONE });
  for (const route of ['/', '/login', '/no-such-page', '/join']) {
    await page.goto(`${walker.setup.app.url}${route}`);
    await page.locator('main').waitFor();
    await walker.visit(page, route);
  }
  await page.context().close();
}

/** The development call page with two participants exchanging video. */
export async function walkDevCall(walker: PageWalker): Promise<void> {
  const pages = await Promise.all([walker.open(), walker.open()]);
  await Promise.all(pages.map((page, i) => page.goto(`${walker.setup.app.url}/dev?room=walk&name=${i ? '乙' : '甲'}&autojoin=1&small=1`)));
  for (const page of pages) {
    await page.waitForFunction(() => window.mediationRoomCall?.state.status === 'joined' && window.mediationRoomCall.state.remoteTracks.length >= 2, undefined, { timeout: 20_000 });
  }
  await walker.visit(pages[0]!, '/dev (in a call)');
  for (const page of pages) await page.context().close();
}

/**
 * The mediator's case list, new case, the case with a fresh invitation QR code, dashboard; the
 * resident's join, device check, declaration, identity check, waiting; both in the room with media,
 * with the agreement panel open; the mediator's dialog to end the session; both told it ended; the case page after it.
 */
export async function walkRoomPages(walker: PageWalker): Promise<void> {
  const { app } = walker.setup;
  const c = await roomCase(walker.setup);
  const mediator = await walker.open();
  await signIn(mediator, app.url, 'mediator', { query: 'small=1' });
  await walker.visit(mediator, 'mediator: /cases');
  await mediator.goto(`${app.url}/cases/new`);
  await mediator.locator('form').first().waitFor();
  await walker.visit(mediator, 'mediator: /cases/new');
  await mediator.goto(`${app.url}/cases/${c.caseId}`);
  await mediator.getByRole('button', { name: '生成邀请链接' }).last().click();
  // The QR code is a data: image; it must load, not be refused.
  await mediator.waitForFunction(() => ((document.querySelector('img.qr') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
  await walker.visit(mediator, 'mediator: /cases/:id with an invitation');
  await mediator.getByTestId('nav-dashboard').click();
  await mediator.getByTestId('monthly-chart').locator('svg').first().waitFor();
  await walker.visit(mediator, 'mediator: /dashboard');

  const resident = await walker.open({ viewport: PHONE });
  await resident.goto(`${app.url}/join?small=1#${c.applicantLink}`);
  await resident.getByTestId('enter-room').waitFor();
  await walker.visit(resident, 'resident: /join');
  await resident.getByTestId('enter-room').click();
  await resident.waitForURL('**/room');
  await resident.waitForFunction(() => (document.querySelector('[data-testid=camera-preview]') as HTMLVideoElement | null)?.videoWidth === 320);
  await resident.waitForFunction(() => Number(document.querySelector('[data-testid=mic-level]')?.getAttribute('aria-valuenow')) > 0, undefined, { polling: 100 });
  await walker.visit(resident, 'resident: /room device check');
  await resident.getByRole('button', { name: '下一步' }).click();
  await resident.getByLabel('我已阅读并知晓上述警示').waitFor();
  await walker.visit(resident, 'resident: /room declaration');
  await resident.getByLabel('我已阅读并知晓上述警示').check();
  await resident.getByLabel('我承诺遵守').check();
  await resident.getByLabel('不同意对本次调解录音录像', { exact: true }).check();
  await resident.getByRole('button', { name: '确认并继续' }).click();
  await resident.getByLabel('姓名').waitFor();
  await walker.visit(resident, 'resident: /room identity check');
  await resident.getByLabel('姓名').fill('张建国');
  await resident.getByLabel('身份证号码最后四位').fill('002X');
  await resident.getByRole('button', { name: '核对身份', exact: true }).click();
  await resident.getByRole('heading', { name: '请稍候，调解员将邀请您进入' }).waitFor();
  await walker.visit(resident, 'resident: /room waiting');

  await mediator.goto(`${app.url}/cases/${c.caseId}/room`);
  await mediator.getByTestId('in-room').waitFor();
  const admit = mediator.locator('[data-testid=waiting-member][data-name="张建国"]').getByRole('button', { name: '准入' });
  await admit.waitFor();
  await walker.visit(mediator, 'mediator: /cases/:id/room with a resident waiting');
  await admit.click();
  for (const [page, other] of [
    [mediator, resident],
    [resident, mediator],
  ] as const) {
    const otherPeer = await other.waitForFunction(() => window.mediationRoom?.peerId(), undefined, { timeout: 20_000 }).then((handle) => handle.jsonValue());
    await page.waitForFunction(async (id) => ((await window.mediationRoom!.inboundStats())[id!]?.videoFrames ?? 0) > 0, otherPeer, { polling: 250, timeout: 20_000 });
  }
  await walker.visit(mediator, 'mediator: /cases/:id/room in session');
  await walker.visit(resident, 'resident: /room in session');

  await saveDraft(walker.setup, c);
  await mediator.getByTestId('room-agreement-toggle').click();
  await mediator.getByTestId('room-agreement-panel').getByRole('heading', { name: '起草协议' }).waitFor();
  await walker.visit(mediator, 'mediator: /cases/:id/room with the agreement panel');
  await resident.getByTestId('room-agreement-toggle').click();
  await resident.getByTestId('room-agreement-panel').getByTestId('agreement-draft').getByText('归还借款').first().waitFor();
  await walker.visit(resident, 'resident: /room with the agreement panel');
  await resident.getByRole('button', { name: '返回视频调解' }).click();
  await mediator.getByTestId('room-agreement-toggle').click();

  await mediator.getByRole('button', { name: '结束本次调解' }).click();
  await mediator.getByRole('dialog').waitFor();
  await walker.visit(mediator, 'mediator: /cases/:id/room ending the session');
  await mediator.getByRole('dialog').getByRole('button', { name: '结束调解' }).click();
  await resident.getByRole('heading', { name: '本次调解已结束' }).waitFor();
  await walker.visit(resident, 'resident: /room session ended');
  await mediator.getByTestId('in-room').waitFor({ state: 'detached' });
  await walker.visit(mediator, 'mediator: /cases/:id/room session ended');
  await mediator.goto(`${app.url}/cases/${c.caseId}`);
  await mediator.getByRole('heading', { name: '相邻通行纠纷' }).waitFor();
  await walker.visit(mediator, 'mediator: /cases/:id after the session');
  await mediator.context().close();
  await resident.context().close();
}

/** The agreement: the mediator's drafting board and its send dialog, the signing board, the resident reading and signing with the signature pad. */
export async function walkAgreementPages(walker: PageWalker): Promise<void> {
  const { app } = walker.setup;
  const c = await roomCase(walker.setup);
  await saveDraft(walker.setup, c);
  const mediator = await walker.open();
  await signIn(mediator, app.url, 'mediator');
  await mediator.goto(`${app.url}/cases/${c.caseId}/agreement`);
  await mediator.locator('main form, main textarea').first().waitFor();
  await walker.visit(mediator, 'mediator: /cases/:id/agreement drafting');
  await mediator.getByTestId('precheck-ok').waitFor();
  await mediator.getByRole('button', { name: '送签' }).click();
  const sendDialog = mediator.getByRole('dialog');
  await sendDialog.getByRole('button', { name: '确认送签' }).waitFor();
  await walker.visit(mediator, 'mediator: /cases/:id/agreement asked to confirm sending');
  await sendDialog.getByRole('button', { name: '确认送签' }).click();
  await mediator.getByTestId('document-hash').waitFor();
  await walker.visit(mediator, 'mediator: /cases/:id/agreement signing');

  const resident = await walker.open({ viewport: PHONE });
  await resident.goto(`${app.url}/join#${c.applicantLink}`);
  await resident.getByTestId('enter-room').waitFor();
  await resident.goto(`${app.url}/agreement`);
  await resident.getByTestId('agreement-end').scrollIntoViewIfNeeded();
  await resident.getByTestId('signing-form').waitFor();
  await resident.locator('[data-testid=resident-signature-pad] canvas').waitFor();
  await walker.visit(resident, 'resident: /agreement signing');
  await mediator.context().close();
  await resident.context().close();
}

/** After signing: the resident's agreement and confirmation pages, the judge's queue and review page. */
export async function walkAfterSigning(walker: PageWalker): Promise<{ downloadedName: string }> {
  const { app, world } = walker.setup;
  const signed = await signedCaseIn(world);
  // The API redeemed the parties' links on other devices; this browser opens a fresh one.
  const invitation = await expectOk(world.mediator.post(`/cases/${signed.caseId}/invitations`, { participantId: signed.applicantId }));
  const resident = await walker.open({ viewport: PHONE, acceptDownloads: true });
  await resident.goto(`${app.url}/join#${tokenOfLink(invitation.body.url)}`);
  await resident.locator('main').getByText('民间借贷纠纷').first().waitFor();
  await walker.visit(resident, 'resident: /join after signing');
  await resident.goto(`${app.url}/agreement`);
  // The signed PDF is fetched with the token and handed over as a blob: download.
  const download = resident.waitForEvent('download');
  await resident.getByTestId('download-agreement').click();
  const downloadedName = (await download).suggestedFilename();
  await walker.visit(resident, 'resident: /agreement signed');
  await resident.goto(`${app.url}/confirmation`);
  await resident.locator('main form, main section').first().waitFor();
  await walker.visit(resident, 'resident: /confirmation');

  for (const party of [signed.applicant, signed.respondent]) {
    await expectOk(party.post(`/cases/${signed.caseId}/confirmation/apply`, { electronicDelivery: true, subject: { personalStatus: false, ownershipConfirmation: false } }));
  }
  const judge = await walker.open();
  await signIn(judge, app.url, 'judge');
  await walker.visit(judge, 'judge: /cases');
  await judge.goto(`${app.url}/confirmation/queue`);
  await judge.locator('main table').waitFor();
  await walker.visit(judge, 'judge: /confirmation/queue');
  await judge.goto(`${app.url}/cases/${signed.caseId}/confirmation`);
  await judge.getByTestId('download-agreement').waitFor();
  await walker.visit(judge, 'judge: /cases/:id/confirmation');
  await resident.context().close();
  await judge.context().close();
  return { downloadedName };
}

// --- Grid work (issue #14 items 1 and 7) ---

/** A grid worker on a phone: their home with a report and an item, the report and item forms, a report's case page with its photo, 帮办 from a case page to the assisted door; the admin's registry page. */
export async function walkGridPages(walker: PageWalker): Promise<void> {
  const { app, world } = walker.setup;
  const filed = await expectOk(
    world.gridWorker.post('/field-reports', {
      gridCode: '370785001001003',
      disputeType: 'neighbour',
      title: '楼道堆物纠纷',
      description: '楼道堆放杂物，邻里发生争吵。',
      parties: [{ role: 'applicant', name: '孙桂兰' }],
    }),
  );
  const reportId = filed.body.caseId as string;
  const photo = await fetch(`${app.url}/api/cases/${reportId}/photos?name=${encodeURIComponent('现场.png')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${world.gridWorker.token}`, 'content-type': 'application/octet-stream' },
    body: Buffer.from(signaturePng(), 'base64'),
  });
  if (photo.status !== 201) throw new Error(`photo upload: ${photo.status}`);
  await expectOk(world.gridWorker.post('/items', { kind: 'hazard', gridCode: '370785001001003', title: '消防通道被占', description: '东门消防通道停放车辆' }));
  const assisted = await roomCase(walker.setup);

  const grid = await walker.open({ viewport: PHONE });
  await signIn(grid, app.url, 'grid');
  await grid.goto(`${app.url}/grid`);
  await grid.getByTestId('my-reports').getByRole('link', { name: '楼道堆物纠纷' }).first().waitFor();
  await grid.getByTestId('items').getByRole('button', { name: '办结' }).first().click();
  await grid.getByLabel('办理情况').first().waitFor();
  await walker.visit(grid, 'grid worker: /grid with an item being closed');
  await grid.goto(`${app.url}/grid/report`);
  await grid.getByLabel('所在网格').locator('option').nth(1).waitFor({ state: 'attached' });
  await walker.visit(grid, 'grid worker: /grid/report');
  await grid.goto(`${app.url}/grid/items/new`);
  await grid.getByLabel('所在网格').locator('option').nth(1).waitFor({ state: 'attached' });
  await walker.visit(grid, 'grid worker: /grid/items/new');
  await grid.goto(`${app.url}/cases/${reportId}`);
  await grid.getByTestId('case-photos').waitFor();
  await walker.visit(grid, 'grid worker: /cases/:id of a report with a photo');
  await grid.goto(`${app.url}/cases/${assisted.caseId}`);
  await grid.getByRole('button', { name: '为张建国帮办' }).click();
  await grid.getByRole('dialog').waitFor();
  await walker.visit(grid, 'grid worker: /cases/:id the 帮办 dialog');
  await grid.getByRole('dialog').getByRole('button', { name: '开始帮办' }).click();
  await grid.getByTestId('assistance-banner').waitFor();
  await walker.visit(grid, 'grid worker: /join assisting a resident');
  await grid.context().close();

  const admin = await walker.open();
  await signIn(admin, app.url, 'admin');
  await admin.goto(`${app.url}/admin/grids`);
  await admin.getByRole('button', { name: '修改 柏城镇 › 东关社区 › 第3网格' }).click();
  await admin.getByRole('button', { name: '保存' }).waitFor();
  await walker.visit(admin, 'admin: /admin/grids editing a grid');
  await admin.context().close();
}
