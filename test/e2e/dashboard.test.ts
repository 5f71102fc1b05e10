import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { signIn, withBrowserWorld } from '../helpers/e2e.ts';
import { signedCaseIn } from '../helpers/signed-case.ts';
import { caseBody, expectOk, type World } from '../helpers/world.ts';

let app: RunningApp;
let browser: Browser;
let world: World;

withBrowserWorld((setup) => ({ app, world, browser } = setup));

describe('the statistics dashboard', () => {
  it('shows a mediator the figures of their organisation’s cases, with charts, on a phone-sized screen', async () => {
    // Besides the demo case (received, accepted): one agreement signed, one mediation failed, and
    // a case of another organisation that must not be counted.
    await signedCaseIn(world);
    const family = await expectOk(world.mediator.post('/cases', caseBody({ disputeType: 'family', title: '赡养纠纷', areaCode: '370785003' })));
    await expectOk(world.mediator.post(`/cases/${family.body.caseId}/accept`, { noConflictDeclared: true }));
    await expectOk(world.mediator.post(`/cases/${family.body.caseId}/fail`, { reason: '双方分歧过大' }));
    await world.otherOrgCase();

    const page = await (await browser.newContext({ viewport: { width: 390, height: 800 } })).newPage();
    await signIn(page, app.url, 'mediator');
    await page.getByTestId('nav-dashboard').click();
    await page.waitForURL('**/dashboard');
    const figure = (id: string) => page.getByTestId(`summary-${id}`).locator('.value');
    await expect.poll(() => figure('received').textContent()).toBe('3');
    expect(await figure('successful').textContent()).toBe('1');
    expect(await figure('failed').textContent()).toBe('1');
    expect(await figure('inProgress').textContent()).toBe('1');
    expect(await figure('successRate').textContent()).toBe('50%');
    // No application decided: a dash, not 0%.
    expect(await figure('confirmationRate').textContent()).toBe('—');
    expect(await page.getByTestId('dashboard-scope').textContent()).toBe('统计范围：本调解组织的案件');

    // The page shows what the API computes for the same mediator.
    const api = (await expectOk(world.mediator.get('/statistics'))).body;
    expect(api.totals).toMatchObject({ received: 3, successful: 1, failed: 1 });

    const monthly = page.getByTestId('monthly-chart');
    await monthly.locator('svg.recharts-surface').first().waitFor();
    // One month of cases: a "received" bar and a "successful" bar.
    await expect.poll(() => monthly.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(2);
    await page.getByTestId('type-chart').locator('svg.recharts-surface').first().waitFor();

    const areas = page.getByTestId('area-table');
    expect(await areas.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-area')))).toEqual(['370785001', '370785003']);
    expect(await areas.locator('tr[data-area="370785003"] td').nth(3).textContent()).toBe('1');

    // Narrowed to family disputes: the one failed case; the filter stays in the address.
    await page.locator('select[name=disputeType]').selectOption('family');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => figure('received').textContent()).toBe('1');
    expect(await figure('successRate').textContent()).toBe('0%');
    expect(page.url()).toContain('disputeType=family');
  });
});
