import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { signIn, withBrowserWorld } from '../helpers/e2e.ts';
import { waitUntil } from '../helpers/processes.ts';
import { signedCaseIn } from '../helpers/signed-case.ts';
import { expectOk, type World } from '../helpers/world.ts';

let app: RunningApp;
let browser: Browser;
let world: World;

withBrowserWorld((setup) => ({ app, world, browser } = setup));

describe('reassigning a confirmation application', () => {
  it('an admin gives the application to another judge of the same court from the review page', async () => {
    const s = await signedCaseIn(world);
    const apply = { electronicDelivery: true, subject: { personalStatus: false, ownershipConfirmation: false } };
    await expectOk(s.applicant.post(`/cases/${s.caseId}/confirmation/apply`, apply));
    await expectOk(s.respondent.post(`/cases/${s.caseId}/confirmation/apply`, apply));
    await expectOk(world.admin.post('/accounts', { username: 'judge-c', password: 'judge-c-password', displayName: '周法官', role: 'judge', courtId: 'gaomi-court' }));
    const routedTo = (await app.services.cases.get(s.caseId))!.confirmation!.judgeName;

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, app.url, 'admin');
    await page.goto(`${app.url}/cases/${s.caseId}/confirmation`);
    const card = page.getByTestId('reassign');
    const target = routedTo === '周法官' ? '赵法官' : '周法官';
    await card.locator('select[name=judgeId]').selectOption({ label: target });
    await card.getByRole('button', { name: '转办' }).click();
    await page.getByText(`本申请由 ${target} 承办。`).waitFor();
    await waitUntil(async () => ((await app.services.cases.get(s.caseId))!.confirmation!.judgeName === target) || undefined, { what: 'the reassignment' });
    const routings = (await app.services.cases.load(s.caseId)).events.filter((e) => e.type === 'confirmation.routed');
    expect(routings.at(-1)!.actor).toMatchObject({ kind: 'account', role: 'admin' });
  });
});
