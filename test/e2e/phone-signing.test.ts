import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { tokenOfLink } from '../helpers/api-client.ts';
import { residentThroughTheDoor, withBrowserWorld } from '../helpers/e2e.ts';
import { expectAck, staffSocket } from '../helpers/room-fixture.ts';
import { send } from '../helpers/signaling-client.ts';
import { caseBody, expectOk, type World } from '../helpers/world.ts';

/*
 * Signing on a 360×740 phone: the ID-digits field is never hidden under the sticky "back to the
 * call" bar of the agreement drawer in the room, and a field's error goes away once the resident
 * has corrected it.
 */

const PHONE = { width: 360, height: 740 };
const ID_ERROR = '请填写身份证号最后四位（数字或 X）';
const NAME_ERROR = '请填写您的姓名';

let app: RunningApp;
let browser: Browser;
let world: World;
const sockets: Socket[] = [];

withBrowserWorld((setup) => ({ app, world, browser } = setup));
afterAll(() => {
  for (const socket of sockets) socket.close();
});

/** An accepted case with a session and an agreement sent for signature; the applicant's invitation link, not yet opened. */
async function caseToSign(title: string): Promise<{ caseId: string; applicantLink: string }> {
  const opened = await expectOk(world.mediator.post('/cases', caseBody({ title })));
  const caseId = opened.body.caseId as string;
  await expectOk(world.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
  const add = (person: Record<string, unknown>) => expectOk(world.mediator.post(`/cases/${caseId}/participants`, person)).then((res) => res.body.participantId as string);
  const applicantId = await add({ role: 'applicant', name: '张建国', sex: 'male', ethnicity: '汉族', idNumber: '11010519491231002X', address: '高密市柏城镇幸福路8号' });
  const respondentId = await add({ role: 'respondent', name: '刘秀英', sex: 'female', ethnicity: '汉族', idNumber: '110101199003070011', address: '高密市柏城镇幸福路9号' });
  await expectOk(world.mediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 60_000).toISOString() }));
  await expectOk(
    world.mediator.call('PUT', `/cases/${caseId}/agreement/draft`, {
      baseVersion: 0,
      draft: {
        templateId: 'debt',
        fields: { facts: '被申请人向申请人借款三万元，约定2026年6月归还，至今未还。', responsibilities: '被申请人应归还借款。' },
        obligations: [{ id: 'o1', obligorId: respondentId, obligeeId: applicantId, act: '归还借款', amountFen: 3_000_000, deadline: '2027-03-31', method: '银行转账' }],
      },
    }),
  );
  await expectOk(world.mediator.post(`/cases/${caseId}/agreement/send`));
  const invitation = await expectOk(world.mediator.post(`/cases/${caseId}/invitations`, { participantId: applicantId }));
  return { caseId, applicantLink: `${app.url}/join#${tokenOfLink(invitation.body.url)}` };
}

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
  return context.newPage();
}

/** Step 1 of signing: the end of the text on screen opens the form. */
async function readToTheEnd(page: Page): Promise<void> {
  await page.getByTestId('agreement-end').scrollIntoViewIfNeeded();
  await page.getByTestId('signing-form').waitFor();
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('signing on a phone', () => {
  it('a field’s error clears once the resident corrects it', async () => {
    const { applicantLink } = await caseToSign('民间借贷纠纷（改正）');
    const phone = await phonePage();
    await phone.goto(applicantLink);
    await phone.getByRole('link', { name: '签署调解协议' }).click();
    await phone.waitForURL('**/agreement');
    await readToTheEnd(phone);

    await phone.getByRole('button', { name: '签署协议' }).click();
    await phone.getByText(ID_ERROR).waitFor();
    await phone.getByText(NAME_ERROR).waitFor();

    const idField = phone.getByLabel('身份证号最后四位');
    await idField.fill('00');
    // Still not four characters: the error stays.
    expect(await phone.getByText(ID_ERROR).count()).toBe(1);
    await idField.fill('002X');
    await phone.getByText(ID_ERROR).waitFor({ state: 'detached', timeout: 2000 });
    expect(await idField.getAttribute('aria-invalid')).toBeNull();

    await phone.getByLabel('您的姓名').fill('张建国');
    await phone.getByText(NAME_ERROR).waitFor({ state: 'detached', timeout: 2000 });

    // The server's "does not match" goes once the digits are edited, and the corrected form signs.
    await idField.fill('1234');
    await phone.getByRole('button', { name: '点按确认' }).click();
    const canvas = phone.locator('[data-testid=resident-signature-pad] canvas');
    await canvas.scrollIntoViewIfNeeded();
    await canvas.click();
    await phone.getByText('✓ 已留下签名').waitFor();
    await phone.getByLabel('我已阅读并同意本协议全部内容').check();
    await phone.getByRole('button', { name: '签署协议' }).click();
    const mismatch = phone.getByTestId('sign-problem').getByText('姓名或身份证号后四位与本案登记的不一致');
    await mismatch.waitFor();
    await idField.fill('002X');
    await mismatch.waitFor({ state: 'detached', timeout: 2000 });
    await phone.getByRole('button', { name: '签署协议' }).click();
    await phone.getByTestId('resident-signed').getByText('您已签署本协议').waitFor();
    await phone.context().close();
  });

  it('in the room’s agreement drawer, the ID-digits field scrolled into view or focused is not under the sticky bar', async () => {
    const { caseId, applicantLink } = await caseToSign('民间借贷纠纷（房间内签署）');
    const mediator = await staffSocket(app, world.mediator);
    sockets.push(mediator);
    await expectAck(send(mediator, 'room:enter', { caseId }));

    const phone = await phonePage();
    await phone.goto(applicantLink.replace('/join#', '/join?small=1#'));
    await residentThroughTheDoor(phone, '张建国', '002X');
    const applicantKey = await waitingKey(caseId);
    await expectAck(send(mediator, 'room:admit', { memberKey: applicantKey }));
    await phone.getByTestId('in-room').waitFor();

    await phone.getByTestId('room-agreement-toggle').click();
    const drawer = phone.getByTestId('room-agreement-panel');
    await readToTheEnd(phone);
    const bar = drawer.getByRole('button', { name: '返回视频调解' });
    const idField = drawer.getByLabel('身份证号最后四位');

    // As a link or a script brings it to the top of the drawer…
    await phone.getByRole('button', { name: '签署协议' }).scrollIntoViewIfNeeded();
    await idField.evaluate((input) => input.scrollIntoView());
    expect(intersects((await idField.boundingBox())!, (await bar.boundingBox())!), 'scrolled into view').toBe(false);

    // …and as tapping from further down focuses it.
    await phone.getByRole('button', { name: '签署协议' }).scrollIntoViewIfNeeded();
    await idField.evaluate((input) => (input as HTMLInputElement).focus());
    expect(intersects((await idField.boundingBox())!, (await bar.boundingBox())!), 'focused').toBe(false);
    await phone.context().close();
  });
});

/** The room key of the one member waiting to be admitted. */
async function waitingKey(caseId: string): Promise<string> {
  await expect.poll(() => Object.values(app.roomService.liveRoom(caseId)?.state.members ?? {}).filter((m) => m.admission === 'waiting').length, { timeout: 10_000 }).toBe(1);
  return Object.entries(app.roomService.liveRoom(caseId)!.state.members).find(([, m]) => m.admission === 'waiting')![0];
}
