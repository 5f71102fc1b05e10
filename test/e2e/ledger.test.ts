import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { signIn, withBrowserWorld } from '../helpers/e2e.ts';
import { signedCaseIn } from '../helpers/signed-case.ts';
import { caseBody, expectOk, type World } from '../helpers/world.ts';

/*
 * The ledger (台账) in real Chromium: the mediator filters it (status, "my cases"), exports the
 * filtered rows to Excel and reads them back, closes one case and withdraws another with a written
 * reason that shows in the ledger, and opens the print view of the closed cases.
 */

let app: RunningApp;
let browser: Browser;
let world: World;

withBrowserWorld((setup) => ({ app, world, browser } = setup));

const rowsOf = (page: Page) => page.getByTestId('ledger-table').locator('tbody tr');
const rowOf = (page: Page, caseId: string) => page.locator(`tr[data-case-id="${caseId}"]`);

describe('the ledger', () => {
  it('filters, exports to Excel, closes and withdraws with a reason, and prints', async () => {
    // Besides the demo case (scheduled, the mediator's): a signed debt case, a failed family case,
    // a hotline case the grid worker opened (no mediator yet), and another organisation's case.
    const signed = await signedCaseIn(world);
    const family = await expectOk(world.mediator.post('/cases', caseBody({ disputeType: 'family', title: '赡养纠纷', areaCode: '370785003' })));
    const failedId = family.body.caseId as string;
    await expectOk(world.mediator.post(`/cases/${failedId}/accept`, { noConflictDeclared: true }));
    await expectOk(world.mediator.post(`/cases/${failedId}/fail`, { reason: '双方分歧过大' }));
    await expectOk(world.gridWorker.post('/cases', caseBody({ channel: 'hotline', disputeType: 'neighbour', title: '噪音扰民' })));
    await world.otherOrgCase();
    const demoId = (await expectOk(world.mediator.get('/ledger?status=scheduled&mine=true'))).body.rows[0].caseId as string;

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, app.url, 'mediator');
    await page.getByTestId('nav-ledger').click();
    await page.waitForURL('**/ledger');
    await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 4 件');
    // Area codes shown as names (no grid registry here: the organisation serving the area).
    expect(await rowOf(page, failedId).getByTestId('area-name').textContent()).toBe('柏城镇人民调解委员会');
    expect(await page.getByTestId('mediator-figures').locator('tbody tr').count()).toBe(1);

    // Filtered by status and "my cases", on the server; the filter stays in the address.
    await page.getByLabel('案件状态').selectOption('failed');
    await page.getByLabel('只看我调解的案件').check();
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 1 件');
    expect(await rowsOf(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id')))).toEqual([failedId]);
    expect(page.url()).toContain('status=failed');
    expect(page.url()).toContain('mine=true');

    // The export is the same filtered rows, with Chinese headers.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-export').click()]);
    expect(download.suggestedFilename()).toBe('调解台账.xlsx');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-')), 'ledger.xlsx');
    await download.saveAs(file);
    const sheet = await readSheet(file);
    expect(sheet[0]!.slice(0, 4)).toEqual(['案号', '案件名称', '来源渠道', '纠纷类型']);
    expect(sheet[0]).toContain('调解员');
    expect(sheet).toHaveLength(2);
    expect(sheet[1]!.slice(1, 6)).toEqual(['赡养纠纷', '群众申请', '婚姻家庭纠纷', '柏城镇人民调解委员会', '370785003']);
    expect(sheet[1]).toContain('调解不成');

    // Closing the failed case: the reason must be written.
    await rowOf(page, failedId).getByRole('button', { name: '结案/撤回' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '确认结案' }).click();
    await dialog.getByText('请写明理由（至少 2 个字）').waitFor();
    await dialog.getByLabel('结案原因').selectOption('failed');
    await dialog.getByLabel('结案说明').fill('调解不成，已告知当事人诉讼途径');
    await dialog.getByRole('button', { name: '确认结案' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Still filtered by "failed": the closed case has left the list.
    await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 0 件');

    // Withdrawing the demo case, from the unfiltered "my cases".
    await page.getByRole('button', { name: '清除条件' }).click();
    await page.getByLabel('只看我调解的案件').check();
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 3 件');
    await rowOf(page, demoId).getByRole('button', { name: '结案/撤回' }).click();
    await dialog.getByLabel('结案原因').selectOption('withdrawn');
    await dialog.getByLabel('结案说明').fill('申请人已与对方自行和解，申请撤回');
    await dialog.getByRole('button', { name: '确认结案' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => rowOf(page, demoId).getByTestId('closed-reason').textContent()).toBe('申请人撤回：申请人已与对方自行和解，申请撤回');
    expect(await rowOf(page, failedId).getByTestId('closed-reason').textContent()).toBe('调解不成：调解不成，已告知当事人诉讼途径');
    expect(await rowOf(page, signed.caseId).getByRole('button', { name: '结案/撤回' }).count()).toBe(1);
    expect(await rowOf(page, demoId).getByRole('button', { name: '结案/撤回' }).count()).toBe(0);
    // Each closing is a case event with its note.
    const events = (await expectOk(world.mediator.get(`/cases/${demoId}/events`))).body as Array<{ type: string; data: { note?: string } }>;
    expect(events.at(-1)).toMatchObject({ type: 'case.closed', data: { reason: 'withdrawn', note: '申请人已与对方自行和解，申请撤回' } });

    // The print view of the closed cases: every row, no app chrome on paper.
    await page.getByRole('button', { name: '清除条件' }).click();
    await page.getByLabel('案件状态').selectOption('closed');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 2 件');
    await page.getByTestId('ledger-print').click();
    await page.waitForURL('**/ledger/print?status=closed');
    // The address changes before the print page renders: wait for the print page's own count.
    await expect.poll(() => page.locator('.ledger-print').getByTestId('ledger-count').textContent()).toBe('共 2 件');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('调解台账');
    expect(await rowsOf(page).count()).toBe(2);
    expect(await page.locator('.app-header').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByTestId('print-now').isVisible()).toBe(false);
    expect(await rowsOf(page).first().isVisible()).toBe(true);
    // Chromium lays it out on paper too.
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });
});
