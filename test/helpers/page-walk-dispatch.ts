import type { Page } from 'playwright-core';
import { dispatchCast, gridReport, PASSWORD } from './dispatch-world.ts';
import { signIn } from './e2e.ts';
import type { PageWalker } from './page-walk.ts';
import { expectOk } from './world.ts';

/**
 * Dispatch and the three tiers (#14): the centre's dispatch page and transfer dialog, the grid
 * worker's notices, self-mediation offer and escalation dialog, the mediator's guidance panel, the
 * judge's guided cases and answer form.
 */
export async function walkDispatchPages(walker: PageWalker): Promise<void> {
  const { app, world } = walker.setup;
  const cast = await dispatchCast(world, '-walk');
  const reported = await gridReport(cast, '宅基地边界纠纷');
  const simple = await gridReport(cast, '邻里占道纠纷');
  const open = async (username: string, password = PASSWORD) => {
    const page = await walker.open();
    await signIn(page, app.url, username, { password });
    return page;
  };
  const caseShown = async (page: Page, caseId: string) => {
    await page.goto(`${app.url}/cases/${caseId}`);
    await page.getByTestId('tiers-card').or(page.getByTestId('guidance-panel')).first().waitFor();
  };

  const centre = await open('towncentre-walk');
  await centre.goto(`${app.url}/dispatch`);
  await centre.getByTestId('dispatch-row').first().getByRole('option', { name: '周调解' }).waitFor({ state: 'attached' });
  await walker.visit(centre, 'centre: /dispatch');
  await caseShown(centre, reported);
  await centre.getByTestId('transfer').click();
  await centre.getByRole('dialog').getByRole('option', { name: '城关街道人民调解委员会' }).waitFor({ state: 'attached' });
  await walker.visit(centre, 'centre: /cases/:id transfer dialog');
  await centre.context().close();

  const grid = await open('donggrid-walk');
  await caseShown(grid, simple);
  await walker.visit(grid, 'grid worker: /cases/:id offered to mediate it');
  await expectOk(cast.villageGrid.post(`/cases/${simple}/take`, { noConflictDeclared: true }));
  await caseShown(grid, simple);
  await grid.getByTestId('escalate').click();
  await grid.getByRole('dialog').getByRole('option', { name: '周调解' }).waitFor({ state: 'attached' });
  await walker.visit(grid, 'grid worker: /cases/:id escalation dialog');
  await grid.context().close();

  await expectOk(cast.villageMediator.post(`/cases/${reported}/take`, { noConflictDeclared: true }));
  await expectOk(cast.villageMediator.post(`/cases/${reported}/guidance`, { question: '排水管道维修费用如何分担？' }));
  const grid2 = await open('donggrid-walk');
  await grid2.getByTestId('staff-notices').waitFor();
  await walker.visit(grid2, 'grid worker: /cases with notices');
  await grid2.context().close();
  const mediator = await open('dongmed-walk');
  await caseShown(mediator, reported);
  await mediator.getByTestId('guidance-item').waitFor();
  await walker.visit(mediator, 'mediator: /cases/:id with guidance asked');
  await mediator.context().close();

  const judge = await open('judge', 'mediation-demo');
  await judge.goto(`${app.url}/guided`);
  await judge.getByTestId('guided-row').first().waitFor();
  await walker.visit(judge, 'judge: /guided');
  await caseShown(judge, reported);
  await judge.getByLabel('答复').waitFor();
  await walker.visit(judge, 'judge: /cases/:id answering guidance');
  await judge.context().close();
}
