import type { PageWalker } from './page-walk.ts';
import { PHONE } from './page-walk.ts';
import { signIn } from './e2e.ts';
import { signedCaseIn } from './signed-case.ts';
import { expectOk } from './world.ts';

/**
 * The ledger and follow-up pages (台账与回访), for the page walk: the mediator's ledger (with its
 * close dialog open), its print view, a case's follow-up page with a survey link shown, and the
 * party's one-tap survey on a phone, before and after answering.
 */
export async function walkLedgerPages(walker: PageWalker): Promise<void> {
  const { app, world } = walker.setup;
  const signed = await signedCaseIn(world);
  await expectOk(world.mediator.post(`/cases/${signed.caseId}/follow-ups`, { dueDate: '2026-01-01', method: 'phone' }));

  const mediator = await walker.open();
  await signIn(mediator, app.url, 'mediator');
  await mediator.goto(`${app.url}/ledger`);
  await mediator.getByTestId('ledger-table').waitFor();
  await walker.visit(mediator, 'mediator: /ledger');
  await mediator.locator(`tr[data-case-id="${signed.caseId}"]`).getByRole('button', { name: '结案/撤回' }).click();
  await mediator.getByRole('dialog').waitFor();
  await walker.visit(mediator, 'mediator: /ledger close dialog');
  await mediator.getByRole('dialog').getByRole('button', { name: '取消' }).click();

  await mediator.goto(`${app.url}/ledger/print?mine=true`);
  await mediator.locator('.ledger-print').getByTestId('ledger-table').waitFor();
  await walker.visit(mediator, 'mediator: /ledger/print');

  await mediator.goto(`${app.url}/cases/${signed.caseId}/follow-up`);
  await mediator.locator(`li[data-participant-id="${signed.applicantId}"]`).getByRole('button', { name: '生成评价链接' }).click();
  const link = mediator.getByLabel(`${signed.applicantName} 的评价链接`);
  await link.waitFor();
  await walker.visit(mediator, 'mediator: /cases/:id/follow-up');

  const resident = await walker.open({ viewport: PHONE });
  await resident.goto(await link.inputValue());
  await resident.getByRole('button', { name: '满意', exact: true }).waitFor();
  await walker.visit(resident, 'resident: /survey');
  await resident.getByRole('button', { name: '满意', exact: true }).click();
  await resident.getByTestId('survey-answered').waitFor();
  await walker.visit(resident, 'resident: /survey answered');
  await resident.context().close();
  await mediator.context().close();
}
