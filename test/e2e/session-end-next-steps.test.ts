import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { repoRoot } from '../../server/media/worker-binary.mjs';
import { signIn, withBrowserWorld } from '../helpers/e2e.ts';
import { partiesWithDraft, signedCaseIn, type Signed } from '../helpers/signed-case.ts';
import { signaturePng } from '../helpers/signature-png.ts';
import { caseBody, expectOk, type World } from '../helpers/world.ts';

/*
 * The end of a session as each person sees it (issue #13 items 2, 3 and 5): the host mediator, the
 * presiding judge and the resident each get their own words and a next step rather than a dead end,
 * and a ruling is issued only after the judge confirms it in a dialog naming the case.
 */

const PHONE = { width: 360, height: 740 };
// The wide desk of the other room tests: the dialog over the control bar at 1280×800 is item 1's, not this file's.
const DESK = { width: 1440, height: 900 };

let app: RunningApp;
let world: World;
let browser: Browser;
const pageErrors: string[] = [];
withBrowserWorld((setup) => ({ app, world, browser } = setup));

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

/** A phone holding this resident's token (as after opening the link), waiting at the room's device check. */
async function residentAtRoomDoor(token: string): Promise<Page> {
  const page = await newPage(PHONE);
  await page.goto(`${app.url}/join`);
  await page.evaluate((t) => sessionStorage.setItem('mediation-room.resident-session', JSON.stringify({ token: t, expiresAt: new Date(Date.now() + 86_400_000).toISOString() })), token);
  await page.goto(`${app.url}/room?small=1`);
  await page.getByRole('heading', { name: '检查摄像头和麦克风' }).waitFor({ timeout: 20_000 });
  return page;
}

async function staffInRoom(username: string, caseId: string): Promise<Page> {
  const page = await newPage(DESK);
  await signIn(page, app.url, username, { query: 'small=1' });
  await page.goto(`${app.url}/cases/${caseId}/room`);
  await page.getByTestId('in-room').waitFor({ timeout: 20_000 });
  return page;
}

async function endRoom(host: Page): Promise<void> {
  await host.getByTestId('end-room').click();
  await host.getByRole('dialog').getByRole('button').last().click();
}

const ended = (page: Page) => page.locator('[data-testid=room-outcome][data-outcome=ended]');

/** Both parties apply for judicial confirmation and the demo judge accepts it. */
async function acceptedApplication(s: Signed): Promise<void> {
  for (const party of [s.applicant, s.respondent]) await expectOk(party.post(`/cases/${s.caseId}/confirmation/apply`, { electronicDelivery: true, subject: { personalStatus: false, ownershipConfirmation: false } }));
  await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/accept`));
}

describe('the end of a mediation', () => {
  it('nothing agreed yet: the mediator is pointed back to the case page, the resident is told what comes next', async () => {
    const c = await world.referredCase();
    await expectOk(world.mediator.post(`/cases/${c.caseId}/sessions`, { startsAt: new Date(Date.now() + 60_000).toISOString() }));
    const mediator = await staffInRoom('mediator', c.caseId);
    // The demo judge referred the case: the guiding judge, who follows it rather than runs it.
    const guidingJudge = await staffInRoom('judge', c.caseId);
    const resident = await residentAtRoomDoor(c.residentToken);
    await endRoom(mediator);

    const mine = ended(mediator);
    await mine.getByText('调解已结束。可在案件页继续起草协议或安排下一次调解。').waitFor();
    expect(await mine.textContent()).not.toContain('另行通知您');
    await mine.getByRole('link', { name: '返回案件页' }).click();
    await mediator.waitForURL(`**/cases/${c.caseId}`);

    await ended(guidingJudge).getByText('调解已结束。可在案件页查看调解进展。').waitFor();
    await ended(guidingJudge).getByRole('link', { name: '返回案件页' }).waitFor();

    const theirs = ended(resident);
    await theirs.getByTestId('next-step').getByText('短信', { exact: false }).waitFor();
    await theirs.getByRole('link', { name: '查看我的案件' }).waitFor();
    // Nothing to sign or download yet, so nothing offered.
    expect(await theirs.getByTestId('download-agreement').count()).toBe(0);
    expect(await theirs.getByRole('link', { name: '去签署协议' }).count()).toBe(0);
    await Promise.all([mediator.context().close(), guidingJudge.context().close(), resident.context().close()]);
  });

  it('agreement signed in the session: the resident can download it and apply for judicial confirmation from the end screen', async () => {
    let mediator: Page | undefined;
    const s = await signedCaseIn(world, {
      afterAccept: async (caseId) => {
        await expectOk(world.mediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 60_000).toISOString() }));
        mediator = await staffInRoom('mediator', caseId);
      },
    });
    const resident = await residentAtRoomDoor(s.applicantToken);
    await endRoom(mediator!);
    await ended(mediator!).getByText('调解已结束。可在案件页继续起草协议或安排下一次调解。').waitFor();

    const theirs = ended(resident);
    await theirs.getByTestId('download-agreement').getByText('下载协议').waitFor();
    await resident.screenshot({ path: path.join(repoRoot, 'test', 'artifacts', 'session-ended-signed-360.png'), fullPage: true });
    expect(await theirs.textContent()).not.toContain('另行通知您');
    await theirs.getByRole('link', { name: '申请司法确认' }).click();
    await resident.waitForURL('**/confirmation');
    await Promise.all([mediator!.context().close(), resident.context().close()]);
  });

  it('agreement sent for signature in the session: the resident who has not signed is led to sign it; one who has is not', async () => {
    const opened = await expectOk(world.mediator.post('/cases', caseBody()));
    const caseId = opened.body.caseId as string;
    await expectOk(world.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
    await expectOk(world.mediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 60_000).toISOString() }));
    const mediator = await staffInRoom('mediator', caseId);
    const { a, r } = await partiesWithDraft(world, caseId);
    const sent = await expectOk(world.mediator.post(`/cases/${caseId}/agreement/send`));
    await expectOk(world.api.as(r.residentToken).post(`/cases/${caseId}/agreement/sign`, { documentHash: sent.body.agreement.frozen.documentHash, name: '刘秀英', idLast4: '0011', method: 'handwritten', signaturePng: signaturePng(), agreed: true }));
    const applicant = await residentAtRoomDoor(a.residentToken);
    const respondent = await residentAtRoomDoor(r.residentToken);
    await endRoom(mediator);

    const signed = ended(respondent);
    await signed.getByTestId('next-step').getByText('还有当事人没有签署', { exact: false }).waitFor();
    expect(await signed.getByRole('link', { name: '去签署协议' }).count()).toBe(0);
    const toSign = ended(applicant);
    await toSign.getByRole('link', { name: '去签署协议' }).click();
    await applicant.waitForURL('**/agreement');
    await Promise.all([mediator.context().close(), applicant.context().close(), respondent.context().close()]);
  });
});

describe('the end of a verification hearing', () => {
  it('the judge is pointed to the review page; the resident, who has applied, can download the agreement and follow the application', async () => {
    const s = await signedCaseIn(world);
    await acceptedApplication(s);
    await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/hearing/schedule`, { startsAt: new Date(Date.now() + 60_000).toISOString() }));
    const judge = await staffInRoom('judge', s.caseId);
    // The case's mediator may attend the court's hearing without running it.
    const mediator = await staffInRoom('mediator', s.caseId);
    const resident = await residentAtRoomDoor(s.applicantToken);
    await endRoom(judge);
    await ended(mediator).getByText('法院询问已结束。法院作出裁定后，可在案件页查看结果。').waitFor();
    await ended(mediator).getByRole('link', { name: '返回案件页' }).waitFor();

    const mine = ended(judge);
    await mine.getByText('询问已结束。请在审查页保存询问笔录，并作出裁定。').waitFor();
    expect(await mine.textContent()).not.toContain('另行通知您');
    await mine.getByRole('link', { name: '返回审查页' }).click();
    await judge.waitForURL(`**/cases/${s.caseId}/confirmation`);

    const theirs = ended(resident);
    await theirs.getByText('后续安排，法院会另行通知您', { exact: false }).waitFor();
    await theirs.getByTestId('download-agreement').waitFor();
    await theirs.getByRole('link', { name: '查看司法确认进度' }).waitFor();
    // Already applied: no second application offered.
    expect(await theirs.getByRole('link', { name: '申请司法确认' }).count()).toBe(0);
    await Promise.all([judge.context().close(), mediator.context().close(), resident.context().close()]);
  });
});

describe('issuing a ruling', () => {
  it('确认有效 and 驳回 each ask first, naming the case and the consequence; cancelling changes nothing', async () => {
    const s = await signedCaseIn(world);
    await acceptedApplication(s);
    const caseNumber = (await expectOk(world.judge.get(`/cases/${s.caseId}`))).body.caseNumber as string;
    const judge = await newPage(DESK);
    await signIn(judge, app.url, 'judge');
    await judge.goto(`${app.url}/cases/${s.caseId}/confirmation`);

    await judge.getByTestId('decide-confirm').click();
    const asked = judge.getByRole('dialog');
    await asked.getByText(caseNumber, { exact: false }).waitFor();
    await asked.getByText('裁定一经作出即发生法律效力', { exact: false }).waitFor();
    await asked.getByRole('button', { name: '取消' }).click();
    await asked.waitFor({ state: 'detached' });
    expect(await judge.getByTestId('decision-outcome').count()).toBe(0);
    expect((await expectOk(world.judge.get(`/cases/${s.caseId}`))).body.confirmation.outcome).toBeUndefined();

    await judge.getByTestId('decide-reject').click();
    await asked.getByText(caseNumber, { exact: false }).waitFor();
    await asked.getByText('裁定一经作出即发生法律效力', { exact: false }).waitFor();
    await asked.getByRole('button', { name: '取消' }).click();
    await asked.waitFor({ state: 'detached' });
    expect((await expectOk(world.judge.get(`/cases/${s.caseId}`))).body.confirmation.outcome).toBeUndefined();

    await judge.getByTestId('decide-reject').click();
    // Typed key by key, as a judge does: the dialog must not take the focus back after each key.
    await asked.locator('textarea[name=rejectReason]').pressSequentially('还款账户未写明');
    expect(await asked.locator('textarea[name=rejectReason]').inputValue()).toBe('还款账户未写明');
    await asked.getByRole('button', { name: '确认驳回' }).click();
    await judge.locator('[data-testid=decision-outcome][data-outcome=rejected]').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
