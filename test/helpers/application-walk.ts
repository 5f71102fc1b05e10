import { ApplicationLinks } from '../../server/services/application/application-links.ts';
import { submitApplication } from './application.ts';
import { signIn } from './e2e.ts';
import { DESK, PHONE, type PageWalker } from './page-walk.ts';
import { expectOk } from './world.ts';

/**
 * The self-application pages, for the page walks (accessibility, CSP): on a phone the form with a
 * demo SMS shown, the centre's QR poster, the public directory, the applicant's status page and the respondent's answer
 * page; at a desk the mediator's case list flagging it, the case page with the application panel, and
 * their public profile.
 */
export async function walkApplicationPages(walker: PageWalker): Promise<void> {
  const { app, world } = walker.setup;
  const phone = await walker.open({ viewport: PHONE });
  await phone.goto(`${app.url}/apply`);
  await phone.locator('input[name=phone]').fill('13900009001');
  await phone.getByTestId('send-code').click();
  await phone.getByTestId('demo-sms').waitFor();
  await walker.visit(phone, '/apply (with a demo SMS)');

  await phone.goto(`${app.url}/apply/qr?org=baicheng`);
  await phone.getByTestId('apply-qr').waitFor();
  await walker.visit(phone, '/apply/qr');

  await phone.goto(`${app.url}/mediators`);
  await phone.locator('.directory-org').first().waitFor();
  await walker.visit(phone, '/mediators');

  const applied = await submitApplication(world.api, { agent: { name: '王小军', relationship: 'grandchild' }, mediatorId: await world.accountId('mediator') });
  await phone.goto(`${app.url}/apply/status#${applied.statusToken}`);
  await phone.getByTestId('application-steps').waitFor();
  await walker.visit(phone, '/apply/status');

  await expectOk(world.mediator.post(`/cases/${applied.caseId}/application/decision`, { accept: true }));
  const state = await app.services.cases.get(applied.caseId);
  // A link made as the service makes it (the one it sent is only in the SMS).
  const token = await new ApplicationLinks(app.services.store.kv).create({ purpose: 'respond', caseId: applied.caseId, participantId: state!.application!.respondentId });
  await phone.goto(`${app.url}/apply/respond#${token}`);
  await phone.getByRole('button', { name: '同意调解', exact: true }).waitFor();
  await walker.visit(phone, '/apply/respond');
  await phone.context().close();

  const desk = await walker.open({ viewport: DESK });
  await signIn(desk, app.url, 'mediator');
  await desk.getByTestId('application-badge').first().waitFor();
  await walker.visit(desk, '/cases (an application waiting)');
  await desk.goto(`${app.url}/cases/${applied.caseId}`);
  await desk.getByTestId('application-panel').waitFor();
  await walker.visit(desk, '/cases/:id (an application)');
  await desk.goto(`${app.url}/profile`);
  await desk.locator('input[name=speciality]').waitFor();
  await walker.visit(desk, '/profile');
  await desk.context().close();
}
