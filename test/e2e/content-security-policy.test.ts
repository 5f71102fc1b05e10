import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { walkApplicationPages } from '../helpers/application-walk.ts';
import { withBrowserWorld, type BrowserWorld } from '../helpers/e2e.ts';
import { DESK, settle, walkAfterSigning, walkAgreementPages, walkDevCall, walkPublicPages, walkRoomPages, walkGridPages, type PageWalker } from '../helpers/page-walk.ts';
import { walkLedgerPages } from '../helpers/ledger-walk.ts';
import { walkDispatchPages } from '../helpers/page-walk-dispatch.ts';
import { walkWarningPages } from '../helpers/page-walk-warning.ts';
import { EARLY_WARNING_ON } from '../helpers/server.ts';

/*
 * Every page of the client, as the role that uses it, in real Chromium under the server's
 * Content-Security-Policy: nothing may be refused. Violations are collected from the
 * `securitypolicyviolation` event (registered before any page script) and from console messages.
 * The room is visited with media running on both ends. The walk is shared (test/helpers/page-walk.ts).
 */

let setup: BrowserWorld;
// Early warning on: its pages are in the walk (#15).
withBrowserWorld((ready) => (setup = ready), EARLY_WARNING_ON);

const violations: string[] = [];

async function watchedPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await setup.browser.newContext({ locale: 'zh-CN', viewport: DESK, ...options });
  await context.exposeBinding('reportCspViolation', ({ page }, text: string) => violations.push(`${page.url()}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${event.effectiveDirective} refused ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    // The browser also complains here about a Permissions-Policy it cannot parse.
    if (/Content Security Policy|Permissions-Policy/.test(message.text())) violations.push(`${page.url()}: console: ${message.text()}`);
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

function expectNoViolations(): void {
  expect(violations).toEqual([]);
}

describe('no page of the client breaks the Content-Security-Policy', () => {
  it('the collector works: an injected inline script is refused and reported', async () => {
    const page = await watchedPage();
    await page.goto(`${setup.app.url}/`);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineScriptRan = true;';
      document.head.append(script);
      return (window as unknown as { inlineScriptRan?: boolean }).inlineScriptRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.some((line) => line.includes('script-src-elem refused inline'))).toBe(true);
    violations.length = 0;
    await page.context().close();
  });

  it('pages anyone can open: home, sign-in, an unknown address, a join link without its token', async () => {
    await walkPublicPages(walker);
    expectNoViolations();
  });

  it('the development call page with two participants exchanging video', async () => {
    await walkDevCall(walker);
    expectNoViolations();
  });

  it('the mediator’s pages: case list, new case, the case with a fresh invitation QR code, dashboard; the resident’s join, device check, declaration, waiting; both in the room with media, the agreement panel, the session ending', async () => {
    await walkRoomPages(walker);
    expectNoViolations();
  });

  it('the agreement: the mediator’s drafting and signing board, the resident reading and signing with the signature pad', async () => {
    await walkAgreementPages(walker);
    expectNoViolations();
  });

  it('after signing: the resident’s agreement and confirmation pages, the judge’s queue and review page', async () => {
    const { downloadedName } = await walkAfterSigning(walker);
    expect(downloadedName).toMatch(/\.pdf$/);
    expectNoViolations();
  });

  it('grid work: the grid worker’s home, the report and item forms, a report with its photo, 帮办 to the assisted door (phone); the admin’s grid registry', async () => {
    await walkGridPages(walker);
    expectNoViolations();
  });

  it('the ledger and follow-up: the mediator’s ledger with its close dialog, its print view, the follow-up page with a survey QR code; the party’s one-tap survey on a phone', async () => {
    await walkLedgerPages(walker);
    expectNoViolations();
  });

  it('dispatch and the three tiers: the dispatch page, transfer and escalation dialogs, notices, guidance asked and answered, the judge’s guided cases', async () => {
    await walkDispatchPages(walker);
    expectNoViolations();
  });

  it('resident self-application: the form with a demo SMS, the directory, the status and answer pages on a phone; the case page with the application and the mediator’s profile', async () => {
    await walkApplicationPages(walker);
    expectNoViolations();
  });

  it('early warning (#15): the warning list, the area view with charts, work orders with 督办 forms, a case page with its linked history', async () => {
    await walkWarningPages(walker);
    expectNoViolations();
  });
});
