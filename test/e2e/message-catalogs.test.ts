import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { zhCN } from '../../client/src/i18n/messages.ts';
import { signIn, withBrowserWorld, type BrowserWorld } from '../helpers/e2e.ts';
import { walkWarningPages } from '../helpers/page-walk-warning.ts';
import { DESK, PHONE, roomCase, settle, walkAfterSigning, walkAgreementPages, walkDevCall, walkPublicPages, walkRoomPages, type PageWalker } from '../helpers/page-walk.ts';
import { EARLY_WARNING_ON } from '../helpers/server.ts';

/*
 * Message catalogs load in groups with the pages that use them (client/src/i18n/catalogs.ts). A
 * page that shows a text of a group it did not ask for gets it late (blank for a moment) and the
 * client reports it on the console: the walk of every page, as each role, must produce no such
 * report. English loads only on request: a phone set to English, and a switch of language on a
 * staff page, show English texts.
 */

let setup: BrowserWorld;
// Early warning on: its pages are in the walk (#15).
withBrowserWorld((ready) => (setup = ready), EARLY_WARNING_ON);

const misses: string[] = [];

async function watchedPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await setup.browser.newContext({ locale: 'zh-CN', viewport: DESK, ...options });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.text().startsWith('[i18n]')) misses.push(`${page.url()}: ${message.text()}`);
  });
  return page;
}

const walker: PageWalker = {
  get setup() {
    return setup;
  },
  open: watchedPage,
  visit: (page) => settle(page),
};

describe('every text arrives with its page', () => {
  it('no page of the walk uses a message before its catalog has loaded', async () => {
    await walkPublicPages(walker);
    await walkDevCall(walker);
    await walkRoomPages(walker);
    await walkAgreementPages(walker);
    await walkAfterSigning(walker);
    expect(misses).toEqual([]);
  });

  it('early warning (#15): its pages ask for the texts they show', async () => {
    await walkWarningPages(walker);
    expect(misses).toEqual([]);
  });

  it('a resident whose phone is set to English gets the landing page in English, Chinese catalogs aside', async () => {
    const c = await roomCase(setup);
    const page = await watchedPage({ viewport: PHONE });
    await page.addInitScript(() => localStorage.setItem('mediation-room.language', 'en'));
    await page.goto(`${setup.app.url}/join#${c.applicantLink}`);
    await page.getByTestId('enter-room').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('main').innerText()).toMatch(/Hello/);
    await page.getByTestId('enter-room').click();
    await page.getByRole('heading', { name: 'Check your camera and microphone' }).waitFor();
    await page.context().close();
    expect(misses).toEqual([]);
  });

  it('switching a staff page to English loads its English texts before showing them', async () => {
    const page = await watchedPage();
    await signIn(page, setup.app.url, 'mediator');
    const englishRequests: string[] = [];
    page.on('request', (request) => {
      if (/messages-[\w-]+\.en-/.test(request.url())) englishRequests.push(request.url());
    });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: '中文' }).waitFor();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    expect(englishRequests.length).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: zhCN['cases.title'], level: 1 }).count()).toBe(0);
    await page.context().close();
    expect(misses).toEqual([]);
  });
});
