import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { signIn, withBrowserWorld } from '../helpers/e2e.ts';
import { waitUntil } from '../helpers/processes.ts';
import { caseBody, expectOk, type World } from '../helpers/world.ts';

let app: RunningApp;
let browser: Browser;
let world: World;

withBrowserWorld((setup) => ({ app, world, browser } = setup));

describe('mediation failed, in the browser', () => {
  it('the mediator ends the mediation with a reason; the resident downloads the sealed notice, and the download is on record', async () => {
    const opened = await expectOk(world.mediator.post('/cases', caseBody({ title: '拖欠货款纠纷' })));
    const caseId = opened.body.caseId as string;
    await expectOk(world.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
    const resident = await world.withResident(world.mediator, caseId);

    const mediator = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(mediator, app.url, 'mediator');
    await mediator.goto(`${app.url}/cases/${caseId}`);
    await mediator.getByTestId('fail-mediation').click();
    await mediator.getByTestId('fail-reason').fill('被申请人坚持不同意还款方案');
    await mediator.getByRole('button', { name: '确认终止调解' }).click();
    await mediator.getByTestId('mediation-failed').getByText('被申请人坚持不同意还款方案').waitFor();
    expect((await app.services.cases.get(caseId))!.status).toBe('failed');

    // The resident opens a fresh link on their phone and fetches the notice from their case page.
    const link = await expectOk(world.mediator.post(`/cases/${caseId}/invitations`, { participantId: resident.participantId }));
    const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await phone.goto(link.body.url.replace(/^http:\/\/localhost:\d+/, app.url));
    await phone.getByTestId('download-failure-notice').click();
    await waitUntil(async () => (await app.services.cases.load(caseId)).events.some((e) => e.type === 'document.delivered') || undefined, { what: 'the delivery receipt' });
    const receipt = (await app.services.cases.load(caseId)).events.find((e) => e.type === 'document.delivered')!;
    expect(receipt.data).toMatchObject({ document: 'failure_notice', recipient: `p:${resident.participantId}` });

    await mediator.getByTestId('download-failure-notice').click();
    await waitUntil(async () => (await app.services.cases.load(caseId)).events.filter((e) => e.type === 'document.delivered').length === 2 || undefined, { what: 'the mediator’s receipt' });
  });
});
