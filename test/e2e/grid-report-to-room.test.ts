import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { signIn, withBrowserWorld } from '../helpers/e2e.ts';
import { PHONE } from '../helpers/page-walk.ts';
import { expectOk, type World } from '../helpers/world.ts';

/*
 * The whole way of a dispute through the screens (#14's first acceptance journey): a grid worker
 * reports it from a 360 px phone with a grid picked from the registry; the centre's window
 * dispatches it to a mediator of the grid's organisation; the mediator, told in the app, accepts it
 * and opens the mediation room; the grid worker sees it accepted.
 */

let app: RunningApp;
let browser: Browser;
let world: World;

withBrowserWorld((setup) => ({ app, world, browser } = setup));

async function page(username: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const opened = await context.newPage();
  await signIn(opened, app.url, username, { query: 'small=1' });
  return opened;
}

describe('from a grid report to the mediation room, on screen', () => {
  it('grid report on a phone → dispatch by the centre → the mediator accepts → the room opens; the reporter sees the acceptance', async () => {
    const title = '共用水管漏水引发邻里纠纷';
    const grid = await page('grid', PHONE);
    await grid.getByTestId('nav-grid').click();
    await grid.getByRole('link', { name: '上报纠纷' }).click();
    const picker = grid.getByLabel('所在网格');
    await expect.poll(() => picker.locator('option').allTextContents()).toContain('柏城镇 › 东关社区 › 第3网格');
    await picker.selectOption({ label: '柏城镇 › 东关社区 › 第3网格' });
    await grid.getByLabel('纠纷类型').selectOption('neighbour');
    await grid.getByLabel('标题').fill(title);
    await grid.getByLabel('简要情况').fill('楼上共用水管漏水，楼下住户要求赔偿，双方争执。');
    await grid.getByLabel('申请人（反映问题的一方）姓名').fill('钱玉兰');
    await grid.getByLabel('被申请人姓名（选填）').fill('郑国强');
    await grid.getByRole('button', { name: '提交上报' }).click();
    await grid.getByTestId('report-filed').waitFor();
    const mine = (await expectOk(world.gridWorker.get('/field-reports/mine'))).body as Array<{ caseId: string; title: string }>;
    const caseId = mine.find((c) => c.title === title)!.caseId;

    // The centre's window finds it waiting for dispatch and assigns the organisation's mediator.
    const centre = await page('centre', { width: 1280, height: 900 });
    await centre.getByTestId('nav-dispatch').click();
    const row = centre.getByTestId('dispatch-row').filter({ hasText: title });
    await row.getByLabel('指派调解员').selectOption({ label: '李调解' });
    await row.getByRole('button', { name: '派单' }).click();
    await centre.getByTestId('dispatch-row').filter({ hasText: title }).getByText('已派给 李调解，等待接受').waitFor();

    // The mediator follows the notice, declares no conflict, accepts, and opens the room.
    const mediator = await page('mediator', { width: 1280, height: 900 });
    await mediator.getByTestId('staff-notices').getByRole('link', { name: `“${title}”已派给 李调解` }).click();
    await mediator.waitForURL(`**/cases/${caseId}`);
    await mediator.getByLabel('本人与本案当事人无利害关系', { exact: false }).check();
    await mediator.getByRole('button', { name: '接受案件' }).click();
    await mediator.getByTestId('enter-room').waitFor();
    await expectOk(world.mediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 3600_000).toISOString() }));
    await mediator.reload();
    await mediator.getByTestId('enter-room').click();
    await mediator.waitForURL(`**/cases/${caseId}/room`);
    await mediator.getByTestId('in-room').waitFor();
    expect((await app.services.cases.get(caseId))!).toMatchObject({ status: 'in_session', channel: 'grid_report', mediator: { name: '李调解' } });

    // The grid worker who reported it is told it was taken up.
    await grid.goto(`${app.url}/cases`);
    await grid.getByTestId('staff-notices').getByText('已由 李调解 受理调解').waitFor();
    for (const opened of [grid, centre, mediator]) await opened.context().close();
  });
});
