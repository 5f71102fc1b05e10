import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { assertClientBuilt, signIn } from '../helpers/e2e.ts';
import { waitUntil } from '../helpers/processes.ts';
import { EARLY_WARNING_ON, ManualClock, startTestServer } from '../helpers/server.ts';
import { expectOk, World } from '../helpers/world.ts';

/*
 * The acceptance journey of #15 in real Chromium: one property dispute reported through the 12345
 * hotline (the centre's window), a grid worker's phone and the police; the orange warning; its work
 * order; the deadline passing on the server's clock; the centre's reminder; the mediator resolving it.
 */

let app: RunningApp;
let world: World;
let browser: Browser;
const clock = new ManualClock(new Date('2026-11-02T01:00:00.000Z'));
const pageErrors: string[] = [];
const OWNER = { name: '顾美华', phone: '13655556666' };
/** The community (东关社区) of the demo registry's 第3网格: a case's area code has at most 12 digits. */
const COMMUNITY = '370785001001';

beforeAll(async () => {
  assertClientBuilt();
  app = await startTestServer({ ...EARLY_WARNING_ON, WORK_ORDER_CHECK_SECONDS: '0.2', ACCESS_TOKEN_MINUTES: '1440', REFRESH_TOKEN_DAYS: '60' }, clock);
  world = await World.create(app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function staffPage(username: string, width = 1280): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  await signIn(page, app.url, username);
  return page;
}

/** The centre's window registers a report from another system, with its reference, and adds the owner. */
async function registers(page: Page, channel: string, externalRef: string, summary: string): Promise<string> {
  await page.goto(`${app.url}/cases/new`);
  await page.getByLabel('案件来源').selectOption({ label: channel });
  await page.getByLabel('纠纷类型').selectOption('property_management');
  await page.getByLabel('案件名称').fill('小区物业停水纠纷');
  await page.getByLabel('案情简介').fill(summary);
  await page.getByLabel('行政区划代码').fill(COMMUNITY);
  await page.getByLabel('外部编号', { exact: false }).fill(externalRef);
  await page.getByRole('button', { name: '提交立案' }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseId = page.url().split('/').at(-1)!;
  await page.getByText(externalRef).waitFor();
  await page.getByLabel('姓名或单位名称').fill(OWNER.name);
  await page.getByLabel('手机号', { exact: false }).fill(OWNER.phone);
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await page.locator('.participant-list').getByText(OWNER.name).waitFor();
  return caseId;
}

describe('early warning and a supervised work order, in real Chromium (#15)', () => {
  it('three reports through the hotline, a grid worker and the police → orange → work order → overdue → reminder → resolved', async () => {
    const centre = await staffPage('centre');
    const hotline = await registers(centre, '热线转办', '12345-20261102-0420', '业主反映物业公司停水三天，多次拨打12345。');

    // The grid worker files the same dispute from a phone.
    clock.advance(3_600_000);
    const grid = await staffPage('grid', 360);
    await grid.goto(`${app.url}/grid/report`);
    await grid.getByLabel('所在网格').selectOption({ label: '柏城镇 › 东关社区 › 第3网格' });
    await grid.getByLabel('纠纷类型').selectOption('property_management');
    await grid.getByLabel('标题').fill('业主与物业停水争执');
    await grid.getByLabel('简要情况').fill('网格巡查发现业主与物业因停水在小区门口争执。');
    await grid.getByLabel('申请人（反映问题的一方）姓名').fill(OWNER.name);
    await grid.getByLabel('申请人手机号（选填）').fill(OWNER.phone);
    await grid.getByRole('button', { name: '提交上报' }).click();
    await grid.getByTestId('report-filed').waitFor();

    clock.advance(3_600_000);
    const police = await registers(centre, '警调对接', '警调-2026-0117', '派出所出警：业主与物业人员发生推搡，业主称要聚集其他业主维权。');

    // The warning list: orange, three reports through three channels, and why they were linked.
    await centre.goto(`${app.url}/cases`);
    await centre.getByTestId('nav-warnings').click();
    await centre.getByRole('heading', { name: '矛盾风险预警', level: 1 }).waitFor();
    const row = centre.getByTestId('warning-row').filter({ has: centre.locator('[data-level=orange]') });
    await waitUntil(async () => {
      if ((await row.count()) > 0) return true;
      await centre.reload();
      return undefined;
    }, { what: 'the orange warning', timeoutMs: 15_000, intervalMs: 500 });
    await row.getByText('3 次反映').waitFor();
    await row.getByText('渠道：网格上报、热线转办、警调对接').waitFor();
    await row.getByTestId('warning-reasons').getByText('当事人手机号相同').first().waitFor();
    await row.getByText('警调-2026-0117').waitFor();
    // No party details in the warning screen, masked or not.
    const listed = await centre.locator('main').innerText();
    for (const value of [OWNER.name, OWNER.phone, OWNER.phone.slice(-4)]) expect(listed).not.toContain(value);

    // The work order went to the organisation of the latest report, with a deadline.
    await row.getByRole('link', { name: '查看工单' }).click();
    await centre.getByRole('heading', { name: '工单详情', level: 1 }).waitFor();
    const order = centre.getByTestId('work-order');
    await order.getByText('待签收').waitFor();
    await order.getByText('柏城镇人民调解委员会', { exact: false }).waitFor();
    const workOrderId = centre.url().split('/').at(-1)!;

    // The deadline passes on the server's clock; the periodic check marks it overdue.
    clock.advance(10 * 86_400_000);
    await waitUntil(async () => {
      await centre.reload();
      return (await centre.getByTestId('work-order').getAttribute('data-overdue')) === 'true' || undefined;
    }, { what: 'overdue marking', timeoutMs: 15_000, intervalMs: 500 });
    await centre.getByTestId('work-order').getByText('已逾期').waitFor();

    // 督办: the centre sends a reminder; the responsible mediator is told.
    await centre.getByLabel('督办意见').fill('工单已逾期，请于两个工作日内办结');
    await centre.getByRole('button', { name: '发送督办提醒' }).click();
    await centre.getByTestId('work-order-history').getByText('督办提醒：工单已逾期，请于两个工作日内办结', { exact: false }).waitFor();

    const mediator = await staffPage('mediator');
    await mediator.getByTestId('staff-notices').getByText('督办提醒', { exact: false }).first().click();
    await mediator.waitForURL(`**/work-orders/${workOrderId}`);
    await mediator.getByRole('button', { name: '签收工单' }).click();
    await mediator.getByTestId('work-order').getByText('办理中').waitFor();
    await mediator.getByLabel('办结情况').fill('组织双方调解，物业当日恢复供水并致歉，业主撤回投诉。');
    await mediator.getByRole('button', { name: '办结工单' }).click();
    await mediator.getByTestId('work-order').getByText('已办结', { exact: false }).waitFor();
    await mediator.getByTestId('work-order-history').getByText('办结：组织双方调解', { exact: false }).waitFor();

    // The case page shows its linked history: the other two reports and why.
    await mediator.goto(`${app.url}/cases/${police}`);
    const linked = mediator.getByTestId('linked-history');
    await linked.getByRole('link', { name: /热线转办/ }).waitFor();
    await linked.getByRole('link', { name: /网格上报/ }).waitFor();
    await linked.getByText('当事人手机号相同', { exact: false }).first().waitFor();
    await mediator.getByText('预警等级变化').first().waitFor();

    // The API sessions of the world were signed in ten server days ago.
    const admin = await world.api.login('admin');
    const records = (await expectOk(admin.get(`/work-orders/${workOrderId}/records`))).body as Array<{ type: string }>;
    expect(records.map((r) => r.type)).toEqual(['workorder.opened', 'workorder.overdue', 'workorder.reminded', 'workorder.accepted', 'workorder.resolved']);
    expect((await expectOk(admin.get(`/cases/${hotline}/verify`))).body.valid).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
