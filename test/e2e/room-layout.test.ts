import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/media/worker-binary.mjs';
import { signIn, withBrowserWorld, type BrowserWorld } from '../helpers/e2e.ts';
import { expectAck, residentSocket, residentToWaiting } from '../helpers/room-fixture.ts';
import { partiesWithDraft } from '../helpers/signed-case.ts';
import { send } from '../helpers/signaling-client.ts';
import { caseBody, expectOk } from '../helpers/world.ts';

/*
 * Issue #13 items 1 and 7, in real Chromium: every dialog of the room and of the agreement screens
 * sits above every other layer at each supported size (its primary button is what a finger or a
 * mouse hits at its centre), and the agreement editor inside the room is usable at 1280 px.
 * The mediator is the browser; the two parties are plain sockets, enough to put one in the room
 * and one at the door.
 */

const SIZES = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;
const LAPTOP = SIZES[1];
const ARTIFACTS = path.join(repoRoot, 'test', 'artifacts');
/** The floor: below this a select shows nothing of the party it names. */
const MIN_SELECT_WIDTH = 30;

let setup: BrowserWorld;
withBrowserWorld((ready) => (setup = ready));

let page: Page;
let caseId: string;
const sockets: Socket[] = [];
const pageErrors: string[] = [];

/** A case the mediator can send: both parties with full identities, a draft that passes the pre-check. */
async function sendableCase(): Promise<{ caseId: string; applicantToken: string; respondentToken: string }> {
  const { world } = setup;
  const opened = await expectOk(world.mediator.post('/cases', caseBody({ disputeType: 'debt', title: '民间借贷纠纷' })));
  const id = opened.body.caseId as string;
  await expectOk(world.mediator.post(`/cases/${id}/accept`, { noConflictDeclared: true }));
  const { a: applicant, r: respondent } = await partiesWithDraft(world, id);
  await expectOk(world.mediator.post(`/cases/${id}/sessions`, { startsAt: new Date(Date.now() + 60_000).toISOString() }));
  return { caseId: id, applicantToken: applicant.residentToken, respondentToken: respondent.residentToken };
}

/** The open dialog's primary action: the last of its action buttons (the first is always 取消). */
function primaryButton(): Locator {
  return page.getByRole('dialog').locator('.dialog-actions button').last();
}

/**
 * The whole dialog is on top (at points spread over its box, the topmost element is part of it),
 * its primary button is the topmost element at its centre, and Playwright's own checks for a click
 * (visible, stable, enabled, receives the pointer there) pass without force.
 */
async function expectDialogOnTop(where: string): Promise<void> {
  const button = primaryButton();
  await button.waitFor();
  await button.scrollIntoViewIfNeeded();
  const covered = await page.getByRole('dialog').evaluate((dialog) => {
    const box = dialog.getBoundingClientRect();
    const misses: string[] = [];
    for (let i = 0; i <= 6; i++) {
      for (let j = 0; j <= 4; j++) {
        // Inset past the rounded corners, which are not the dialog's to hit.
        const x = box.left + 16 + ((box.width - 32) * i) / 6;
        const y = box.top + 16 + ((box.height - 32) * j) / 4;
        const top = document.elementFromPoint(x, y);
        if (!top || !dialog.contains(top)) misses.push(`(${Math.round(x)},${Math.round(y)}) ${top?.outerHTML.slice(0, 80) ?? 'nothing'}`);
      }
    }
    return misses;
  });
  expect(covered, where).toEqual([]);
  const hit = await button.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return top && (top === el || el.contains(top)) ? 'the button' : (top?.outerHTML.slice(0, 120) ?? 'nothing');
  });
  expect(hit, where).toBe('the button');
  await button.click({ trial: true, timeout: 5_000 });
}

/** Opens a dialog with `open`, checks it at every size, and closes it with 取消 (the first action). */
async function checkAtEverySize(label: string, open: () => Promise<void>): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await open();
    await expectDialogOnTop(`${label} at ${size.width}x${size.height}`);
    await page.getByRole('dialog').locator('.dialog-actions button').first().click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  }
}

/** Clicks `locator` after scrolling it into view at the current size. */
async function press(locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  await locator.click();
}

async function openRoomAgreement(): Promise<Locator> {
  const panel = page.getByTestId('room-agreement-panel');
  if ((await panel.count()) === 0) await press(page.getByTestId('room-agreement-toggle'));
  await panel.waitFor();
  return panel;
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const made = await sendableCase();
  caseId = made.caseId;
  const context = await setup.browser.newContext({ viewport: LAPTOP, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  // `small=1` keeps this tab's camera at 320x240 for the whole file.
  await signIn(page, setup.app.url, 'mediator', { query: 'small=1' });
  await page.goto(`${setup.app.url}/cases/${caseId}/room`);
  await page.getByTestId('in-room').waitFor();
  // Sending media: the control bar and the pictures are as a mediator has them.
  await page.waitForFunction(() => !!window.mediationRoom?.peerId() && window.mediationRoom.producers().length > 0, undefined, { timeout: 20_000 });
  // The applicant answers the identity check and is admitted; the respondent asks for the check on camera and waits.
  const applicant = await residentSocket(setup.app, made.applicantToken);
  const respondent = await residentSocket(setup.app, made.respondentToken);
  sockets.push(applicant, respondent);
  await residentToWaiting(applicant, '张建国', '002X');
  await expectAck(send(respondent, 'room:enter', {}));
  await expectAck(send(respondent, 'room:declare', { noRecordingDeclared: true, falseMediationWarningRead: true, recordingConsent: false }));
  await expectAck(send(respondent, 'room:verifyIdentity', { confirmByMediator: true }));
  const admit = page.locator('[data-testid=waiting-member][data-name=张建国]').getByRole('button', { name: '准入' });
  await press(admit);
  await page.locator('[data-testid=waiting-member][data-name=张建国]').waitFor({ state: 'detached' });
  await page.locator('[data-testid=waiting-member][data-name=刘秀英]').waitFor();
});

afterAll(() => {
  for (const socket of sockets) socket.close();
});

describe('the agreement editor inside the room at 1280x800', () => {
  it('every select is wide enough to read and the preview is not clipped', async () => {
    await page.setViewportSize(LAPTOP);
    const panel = await openRoomAgreement();
    await panel.getByRole('heading', { name: '起草协议' }).waitFor();
    await panel.getByTestId('agreement-preview').getByText('刘秀英于', { exact: false }).first().waitFor();

    const selects = panel.locator('select');
    expect(await selects.count()).toBeGreaterThanOrEqual(3);
    const widths: Record<string, number> = {};
    for (const select of await selects.all()) widths[(await select.getAttribute('name'))!] = (await select.boundingBox())!.width;
    for (const [name, width] of Object.entries(widths)) expect(width, `select ${name}: ${JSON.stringify(widths)}`).toBeGreaterThan(MIN_SELECT_WIDTH);

    // Clipped means wider than its box and not scrollable there, or cut off by the panel around it.
    const clipping = await panel.getByTestId('agreement-preview').evaluate((preview) => {
      const scrolls = (el: Element) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
      const overflowing = [preview, ...preview.querySelectorAll('*')].filter((el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && !scrolls(el));
      const own = preview.getBoundingClientRect();
      const outer = preview.closest('[data-testid=room-agreement-panel]')!.getBoundingClientRect();
      return {
        overflowing: overflowing.map((el) => `${el.tagName}.${el.className} ${el.scrollWidth}>${el.clientWidth}`),
        outside: own.left < outer.left - 1 || own.right > outer.right + 1 ? `${own.left}..${own.right} in ${outer.left}..${outer.right}` : '',
      };
    });
    expect(clipping).toEqual({ overflowing: [], outside: '' });
    await panel.getByTestId('obligation-0').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'room-agreement-1280.png') });
  });
});

describe('no dialog sits under another layer, at 360x740, 1280x800 and 1440x900', () => {
  it('the room: leaving, ending, removing a party, confirming an identity on camera', async () => {
    await checkAtEverySize('leave', () => press(page.locator('.room-controls').getByRole('button', { name: '离开' })));
    await checkAtEverySize('end', () => press(page.getByTestId('end-room')));
    await checkAtEverySize('remove', () => press(page.locator('[data-testid=participant][data-name=张建国]').getByRole('button', { name: '移出' })));
    await checkAtEverySize('confirm identity', () => press(page.locator('[data-testid=waiting-member][data-name=刘秀英]').getByRole('button', { name: '准入' })));
  });

  it('Escape still cancels a dialog, and the page behind it is usable again', async () => {
    await page.setViewportSize(LAPTOP);
    for (let time = 0; time < 2; time++) {
      await press(page.locator('.room-controls').getByRole('button', { name: '离开' }));
      await page.getByRole('dialog').waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    await page.getByTestId('in-room').waitFor();
    await page.locator('.room-controls').getByRole('button', { name: '离开' }).click({ trial: true, timeout: 5_000 });
  });

  it('the agreement in the room: sending for signature, then 确认送签 really clicked at 1280x800', async () => {
    const panel = await openRoomAgreement();
    const sendButton = panel.getByRole('button', { name: '送签', exact: true });
    await checkAtEverySize('send in the room', async () => {
      await openRoomAgreement();
      await press(sendButton);
    });
    await page.setViewportSize(LAPTOP);
    await press(sendButton);
    await expectDialogOnTop('send in the room, for real');
    await page.screenshot({ path: path.join(ARTIFACTS, 'room-send-dialog-1280.png') });
    await primaryButton().click();
    await panel.getByTestId('document-hash').waitFor();
  });

  it('reopening the sent agreement in the room, then on the agreement page (for real at 1280x800)', async () => {
    const reopen = () => press(page.getByRole('button', { name: '退回修改' }));
    await checkAtEverySize('reopen in the room', reopen);
    await page.goto(`${setup.app.url}/cases/${caseId}/agreement`);
    await page.getByTestId('document-hash').waitFor();
    await checkAtEverySize('reopen on the agreement page', reopen);
    await page.setViewportSize(LAPTOP);
    await reopen();
    await page.getByRole('dialog').getByLabel('退回原因').fill('被申请人要求延长履行期限');
    await expectDialogOnTop('reopen on the agreement page, for real');
    await primaryButton().click();
    await page.getByRole('heading', { name: '起草协议' }).waitFor();
  });

  it('the agreement page: sending for signature again', async () => {
    await checkAtEverySize('send on the agreement page', () => press(page.getByRole('button', { name: '送签', exact: true })));
  });

  it('no page errors along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
