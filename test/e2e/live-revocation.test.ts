import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { tokenOfLink } from '../helpers/api-client.ts';
import { residentThroughTheDoor, signIn, withBrowserWorld } from '../helpers/e2e.ts';
import { caseBody, expectOk, type World } from '../helpers/world.ts';

/*
 * Live revocation in real Chromium through the real mediasoup worker: a resident in the call whose
 * invitation the mediator withdraws is out within a second: their phone says so (and does not
 * reconnect), and the mediator's page no longer shows their picture.
 */

const REVOCATION_BOUND_MS = 1000;

let app: RunningApp;
let browser: Browser;
let world: World;

withBrowserWorld((setup) => ({ app, world, browser } = setup));

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  return context.newPage();
}

async function inCall(page: Page): Promise<string> {
  await page.getByTestId('in-room').waitFor();
  await page.waitForFunction(() => !!window.mediationRoom?.peerId() && window.mediationRoom.producers().length > 0, undefined, { timeout: 20_000 });
  return (await page.evaluate(() => window.mediationRoom!.peerId()))!;
}

const pictureOf = (page: Page, peerId: string) => page.locator(`figure[data-peer-id="${peerId}"]`);

describe('live revocation in the browser', () => {
  it('a resident whose invitation is withdrawn mid-call is out within a second: told on their phone, gone from the mediator’s screen', async () => {
    const opened = await expectOk(world.judge.post('/cases', caseBody({ channel: 'court_referral', orgId: 'baicheng', title: '房屋租赁纠纷' })));
    const caseId = opened.body.caseId as string;
    await expectOk(world.admin.post(`/cases/${caseId}/assign`, { mediatorId: await world.accountId('mediator') }));
    await expectOk(world.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
    const added = await expectOk(world.mediator.post(`/cases/${caseId}/participants`, { role: 'applicant', name: '王秀兰', idNumber: '11010519491231002X', phone: '13812345678' }));
    await expectOk(world.mediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 3600_000).toISOString() }));
    const invitation = await expectOk(world.mediator.post(`/cases/${caseId}/invitations`, { participantId: added.body.participantId }));

    const mediator = await newPage({ width: 1280, height: 800 });
    await signIn(mediator, app.url, 'mediator', { query: 'small=1' });
    await mediator.goto(`${app.url}/cases/${caseId}`);
    await mediator.getByTestId('enter-room').click();
    await inCall(mediator);

    const phone = await newPage({ width: 360, height: 740 });
    await phone.goto(`${app.url}/join?small=1#${tokenOfLink(invitation.body.url)}`);
    await residentThroughTheDoor(phone, '王秀兰', '002X');
    await mediator.locator('[data-testid=waiting-member][data-name="王秀兰"]').getByRole('button', { name: '准入' }).click();
    const residentPeerId = await inCall(phone);
    await mediator.waitForFunction((id) => ((document.querySelector(`figure[data-peer-id="${id}"] video`) as HTMLVideoElement | null)?.videoWidth ?? 0) > 0, residentPeerId, { timeout: 20_000 });

    await expectOk(world.mediator.delete(`/cases/${caseId}/invitations/${invitation.body.invitationId}`));
    const revokedAt = Date.now();

    const outcome = phone.locator('[data-testid=room-outcome][data-outcome=withdrawn]');
    await outcome.waitFor({ timeout: REVOCATION_BOUND_MS });
    await pictureOf(mediator, residentPeerId).waitFor({ state: 'detached', timeout: Math.max(1, REVOCATION_BOUND_MS - (Date.now() - revokedAt)) });
    expect(await outcome.getByRole('heading').textContent()).toBe('邀请已撤回');
    // The phone stays out: no reconnecting loop, no media.
    await phone.waitForTimeout(1500);
    expect(await outcome.count()).toBe(1);
    expect(await phone.getByTestId('in-room').count()).toBe(0);
    expect(app.roomService.liveRoom(caseId)!.peers.has(`p:${added.body.participantId}`)).toBe(false);
  });
});
