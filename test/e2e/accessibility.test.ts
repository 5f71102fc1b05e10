import { createRequire } from 'node:module';
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
 * Every page of the client, as the role that uses it, checked with axe-core in real Chromium: no
 * violation of impact serious or critical (labelled form controls, no prohibited ARIA, focusable
 * scroll regions, contrast, …) and exactly one h1. The walk is shared with the CSP test.
 * The app's CSP admits only same-origin script files, so axe is injected into contexts that
 * bypass CSP; that policy has its own test.
 */

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let setup: BrowserWorld;
// Early warning on: its pages are in the walk (#15).
withBrowserWorld((ready) => (setup = ready), EARLY_WARNING_ON);

interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Findings per stop, as readable lines; empty when a stop passes. */
const findings: string[] = [];

async function axeFindings(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.map(String).join(' ')) }));
  });
}

async function checkPage(page: Page, stop: string): Promise<void> {
  await settle(page);
  for (const finding of await axeFindings(page)) {
    if (finding.impact === 'serious' || finding.impact === 'critical' || finding.id === 'page-has-heading-one') {
      findings.push(`${stop}: [${finding.impact}] ${finding.id}: ${finding.help} at ${finding.targets.join(', ')}`);
    }
  }
  const headingsOne = await page.locator('h1').count();
  if (headingsOne !== 1) findings.push(`${stop}: ${headingsOne} h1 elements, expected exactly one`);
}

async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await setup.browser.newContext({ locale: 'zh-CN', viewport: DESK, bypassCSP: true, ...options });
  return context.newPage();
}

const walker: PageWalker = {
  get setup() {
    return setup;
  },
  open: openPage,
  visit: checkPage,
};

function expectNoFindings(): void {
  const found = findings.splice(0);
  expect(found, found.join('\n')).toEqual([]);
}

describe('every page of the client passes axe-core with no serious or critical violation and one h1', () => {
  it('the checker works: an unlabelled select, a second h1, a prohibited aria-label and a scroll region out of keyboard reach are reported', async () => {
    const page = await openPage();
    await page.goto(`${setup.app.url}/`);
    await page.locator('main h1').waitFor();
    await page.evaluate(() => {
      const main = document.querySelector('main')!;
      main.insertAdjacentHTML('beforeend', '<h1>second</h1><select><option>a</option></select><div aria-label="unnamed box"></div>');
      // Styled through the DOM, as the app does: CSP governs style attributes in markup.
      const scroller = document.createElement('div');
      Object.assign(scroller.style, { overflowY: 'auto', height: '40px', width: '200px' });
      const long = document.createElement('p');
      long.textContent = '很长的一段文字。'.repeat(200);
      scroller.append(long);
      main.append(scroller);
    });
    await checkPage(page, 'probe');
    const found = findings.splice(0).join('\n');
    expect(found).toContain('select-name');
    expect(found).toContain('2 h1 elements');
    expect(found).toContain('aria-prohibited-attr');
    expect(found).toContain('scrollable-region-focusable');
    await page.context().close();
  });

  it('pages anyone can open: home, sign-in, an unknown address, a join link without its token', async () => {
    await walkPublicPages(walker);
    expectNoFindings();
  });

  it('the development call page with two participants exchanging video', async () => {
    await walkDevCall(walker);
    expectNoFindings();
  });

  it('the mediator’s case pages and dashboard; the resident’s join, device check, declaration, identity check, waiting; both in the room, with the agreement panel, when the session ends, and the case page after it', async () => {
    await walkRoomPages(walker);
    expectNoFindings();
  });

  it('the agreement: the mediator’s drafting board, its send dialog and the signing board, the resident reading and signing', async () => {
    await walkAgreementPages(walker);
    expectNoFindings();
  });

  it('after signing: the resident’s agreement and confirmation pages, the judge’s case list, queue and review page', async () => {
    await walkAfterSigning(walker);
    expectNoFindings();
  });

  it('grid work: the grid worker’s home, the report and item forms, a report with its photo, 帮办 to the assisted door (phone); the admin’s grid registry', async () => {
    await walkGridPages(walker);
    expectNoFindings();
  });

  it('the ledger and follow-up: the mediator’s ledger with its close dialog, its print view, the follow-up page; the party’s one-tap survey on a phone', async () => {
    await walkLedgerPages(walker);
    expectNoFindings();
  });

  it('dispatch and the three tiers: the dispatch page, transfer and escalation dialogs, notices, guidance asked and answered, the judge’s guided cases', async () => {
    await walkDispatchPages(walker);
    expectNoFindings();
  });

  it('resident self-application: the form with a demo SMS, the directory, the status and answer pages on a phone; the case page with the application and the mediator’s profile', async () => {
    await walkApplicationPages(walker);
    expectNoFindings();
  });

  it('early warning (#15): the warning list, the area view with charts, work orders with 督办 forms, a case page with its linked history', async () => {
    await walkWarningPages(walker);
    expectNoFindings();
  });
});
