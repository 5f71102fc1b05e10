import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { tokenOfLink } from '../helpers/api-client.ts';
import { withBrowserWorld } from '../helpers/e2e.ts';
import { caseBody, expectOk, type World } from '../helpers/world.ts';

/*
 * The resident's landing page on a phone keeps itself up to date: a session the mediator schedules
 * appears without the resident tapping 刷新, and a phone that loses its network says so and, back
 * online, shows what changed meanwhile.
 */

const PHONE = { width: 360, height: 740 };

let app: RunningApp;
let browser: Browser;
let world: World;

withBrowserWorld((setup) => ({ app, world, browser } = setup));

/** An accepted case with one applicant and a fresh invitation link, opened on a phone. */
async function residentOnLanding(title: string): Promise<{ caseId: string; invitationId: string; phone: Page }> {
  const opened = await expectOk(world.mediator.post('/cases', caseBody({ title })));
  const caseId = opened.body.caseId as string;
  await expectOk(world.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
  const added = await expectOk(world.mediator.post(`/cases/${caseId}/participants`, { role: 'applicant', name: '王秀兰', idNumber: '11010519491231002X' }));
  const invitation = await expectOk(world.mediator.post(`/cases/${caseId}/invitations`, { participantId: added.body.participantId }));
  const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
  const phone = await context.newPage();
  await phone.goto(`${app.url}/join#${tokenOfLink(invitation.body.url)}`);
  await phone.getByRole('heading', { name: title }).waitFor();
  await phone.getByText('调解时间还没有定').waitFor();
  return { caseId, invitationId: invitation.body.invitationId as string, phone };
}

const schedule = (caseId: string, startsAt: string) => expectOk(world.mediator.post(`/cases/${caseId}/sessions`, { startsAt }));
const sessionTime = (phone: Page, startsAt: string) => phone.locator(`.resident-sessions time[datetime="${startsAt}"]`);

describe('the resident landing page, live', () => {
  it('shows a session the mediator schedules without a reload', async () => {
    const { caseId, phone } = await residentOnLanding('相邻通行纠纷');
    const startsAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await schedule(caseId, startsAt);

    await sessionTime(phone, startsAt).waitFor({ timeout: 5000 });
    await phone.getByTestId('enter-room').waitFor();
    expect(await phone.getByText('调解时间还没有定').count()).toBe(0);
    await phone.context().close();
  });

  it('offline, says the network is gone; back online, the notice goes and what changed meanwhile shows', async () => {
    const { caseId, phone } = await residentOnLanding('物业服务合同纠纷');
    const notice = phone.getByText('网络已断开，正在重新连接…');
    expect(await notice.count()).toBe(0);

    await phone.context().setOffline(true);
    await notice.waitFor({ timeout: 5000 });
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await schedule(caseId, startsAt);

    await phone.context().setOffline(false);
    await notice.waitFor({ state: 'detached', timeout: 10_000 });
    await sessionTime(phone, startsAt).waitFor({ timeout: 10_000 });
    // The case stayed on screen all along: recovering is quiet, not a fresh page load.
    expect(await phone.getByRole('heading', { name: '物业服务合同纠纷' }).count()).toBe(1);
    await phone.context().close();
  });

  it('a link the mediator withdraws is shown withdrawn at once, not when the resident next taps something', async () => {
    const { caseId, invitationId, phone } = await residentOnLanding('房屋租赁合同纠纷');
    await expectOk(world.mediator.delete(`/cases/${caseId}/invitations/${invitationId}`));
    await phone.getByText('这个链接已经被调解员收回').waitFor({ timeout: 5000 });
    expect(await phone.getByRole('heading', { name: '房屋租赁合同纠纷' }).count()).toBe(0);
    await phone.context().close();
  });
});
