import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { signIn, withBrowserWorld } from '../helpers/e2e.ts';
import { PHONE } from '../helpers/page-walk.ts';
import { signedCaseIn } from '../helpers/signed-case.ts';
import { expectOk, type World } from '../helpers/world.ts';

/*
 * 回访 in real Chromium: after a signed agreement the mediator plans a follow-up from the ledger,
 * it shows as due on the mediator's ledger, is recorded (partly, then performed); each party
 * answers the one-tap survey from their link on a 360 px phone; 履行率 and 满意率 on the
 * dashboard move accordingly.
 */

let app: RunningApp;
let browser: Browser;
let world: World;

withBrowserWorld((setup) => ({ app, world, browser } = setup));

const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const figure = (page: Page, id: string) => page.getByTestId(`summary-${id}`).locator('.value');

async function dashboardRates(page: Page): Promise<{ performance: string | null; satisfaction: string | null }> {
  await page.goto(`${app.url}/dashboard`);
  await figure(page, 'received').waitFor();
  return { performance: await figure(page, 'performanceRate').textContent(), satisfaction: await figure(page, 'satisfactionRate').textContent() };
}

/** A party opens their survey link on their own phone and taps an answer. */
async function answerOnPhone(url: string, answer: '满意' | '一般' | '不满意'): Promise<Page> {
  const phone = await (await browser.newContext({ viewport: PHONE })).newPage();
  await phone.goto(url);
  await phone.getByRole('heading', { level: 1, name: '调解满意度回访' }).waitFor();
  const button = phone.getByRole('button', { name: answer, exact: true });
  // One tap, large enough for a thumb, on a narrow screen without sideways scrolling.
  const box = (await button.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(48);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await button.click();
  await phone.getByText('感谢您的评价！').waitFor();
  return phone;
}

describe('follow-up after an agreement', () => {
  it('is planned, shows as due, is recorded, and the parties’ one-tap answers move 满意率 and 履行率', async () => {
    const signed = await signedCaseIn(world);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, app.url, 'mediator');
    expect(await dashboardRates(page)).toEqual({ performance: '—', satisfaction: '—' });

    // From the ledger to the case's follow-up page.
    await page.getByTestId('nav-ledger').click();
    const row = page.locator(`tr[data-case-id="${signed.caseId}"]`);
    await row.getByRole('link', { name: '回访' }).click();
    await page.waitForURL(`**/cases/${signed.caseId}/follow-up`);
    await page.getByLabel('回访日期').fill(todayInChina());
    await page.getByLabel('回访方式').selectOption('visit');
    await page.getByLabel('备注').fill('上门了解还款情况');
    await page.getByRole('button', { name: '安排', exact: true }).click();
    await page.getByText('已到期').waitFor();

    // The due follow-up is on the mediator's ledger.
    await page.goto(`${app.url}/ledger?followUp=due&mine=true`);
    await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 1 件');
    expect(await row.getByTestId('follow-up-due').textContent()).toBe(`${todayInChina()} 到期`);
    // And on the case list, until it is recorded.
    await page.goto(`${app.url}/cases`);
    await page.locator(`tr[data-case-id="${signed.caseId}"]`).getByTestId('follow-up-due-badge').waitFor();
    await page.goto(`${app.url}/ledger?followUp=due&mine=true`);

    // Recorded: partly performed (a note is required for that), and 履行率 is 0%.
    await row.getByRole('link', { name: '回访' }).click();
    const record = page.getByTestId('follow-up-record');
    await record.getByLabel('部分履行').check();
    await record.getByLabel('回访情况说明').fill('已还款一万元，余款约定下月还清');
    await record.getByRole('button', { name: '记录结果' }).click();
    await page.getByTestId('follow-up-recorded').waitFor();
    expect(await page.getByTestId('follow-up-recorded').textContent()).toContain('部分履行');
    expect((await dashboardRates(page)).performance).toBe('0%');
    await page.goto(`${app.url}/cases`);
    await page.locator(`tr[data-case-id="${signed.caseId}"]`).waitFor();
    expect(await page.getByTestId('follow-up-due-badge').count()).toBe(0);

    // A second visit finds it performed: the latest record counts.
    await page.goto(`${app.url}/cases/${signed.caseId}/follow-up`);
    await page.getByLabel('回访日期').fill(todayInChina());
    await page.getByRole('button', { name: '安排', exact: true }).click();
    await page.getByTestId('follow-up-record').getByLabel('已履行').check();
    await page.getByTestId('follow-up-record').getByRole('button', { name: '记录结果' }).click();
    await expect.poll(() => page.getByTestId('follow-up-recorded').count()).toBe(2);
    expect((await dashboardRates(page)).performance).toBe('100%');

    // Survey links for both parties, answered on their phones.
    await page.goto(`${app.url}/cases/${signed.caseId}/follow-up`);
    const linkOf = async (participantId: string, name: string) => {
      await page.locator(`li[data-participant-id="${participantId}"]`).getByRole('button', { name: '生成评价链接' }).click();
      const field = page.getByLabel(`${name} 的评价链接`);
      await field.waitFor();
      return field.inputValue();
    };
    const applicantUrl = await linkOf(signed.applicantId, signed.applicantName);
    const respondentUrl = await linkOf(signed.respondentId, signed.respondentName);
    expect(applicantUrl).toMatch(/\/survey#/);

    const applicantPhone = await answerOnPhone(applicantUrl, '满意');
    expect((await dashboardRates(page)).satisfaction).toBe('100%');
    // Opened again, the link shows the answer and asks nothing more; the answer cannot be changed.
    await applicantPhone.reload();
    await applicantPhone.getByTestId('survey-answered').waitFor();
    expect(await applicantPhone.getByTestId('survey-answered').textContent()).toBe('您的评价：满意');
    expect(await applicantPhone.getByRole('button', { name: '不满意' }).count()).toBe(0);
    const again = await world.api.post('/surveys/answer', { token: new URL(applicantUrl).hash.slice(1), answer: 'unsatisfied' });
    expect(again.status).toBe(409);

    await answerOnPhone(respondentUrl, '不满意');
    expect(await dashboardRates(page)).toEqual({ performance: '100%', satisfaction: '50%' });
    expect(await page.getByTestId('follow-up-counts').textContent()).toBe('已回访 1 件，其中已履行 1 件；2 人评价，1 人满意');

    // The follow-up page shows each party's answer; every step is in the verified case log.
    await page.goto(`${app.url}/cases/${signed.caseId}/follow-up`);
    await expect.poll(() => page.getByTestId('survey-answer').allTextContents()).toEqual(['满意', '不满意']);
    const events = (await expectOk(world.mediator.get(`/cases/${signed.caseId}/events`))).body as Array<{ type: string }>;
    expect(events.filter((e) => e.type.startsWith('followup.') || e.type.startsWith('survey.')).map((e) => e.type)).toEqual([
      'followup.scheduled',
      'followup.recorded',
      'followup.scheduled',
      'followup.recorded',
      'survey.sent',
      'survey.sent',
      'survey.answered',
      'survey.answered',
    ]);
    expect((await expectOk(world.mediator.get(`/cases/${signed.caseId}/verify`))).body.valid).toBe(true);
  });
});
