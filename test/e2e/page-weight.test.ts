import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { repoRoot } from '../../server/media/worker-binary.mjs';
import { casesZh } from '../../client/src/i18n/messages-cases.ts';
import { dashboardZh } from '../../client/src/i18n/messages-dashboard.ts';
import { staffZh } from '../../client/src/i18n/messages-staff.ts';
import { residentThroughTheDoor, withBrowserWorld } from '../helpers/e2e.ts';
import { roomCase } from '../helpers/page-walk.ts';
import type { World } from '../helpers/world.ts';

/*
 * What a resident's phone downloads between tapping the invitation link and seeing the waiting
 * room: every script, style sheet and page whose fetch began before the waiting room appeared
 * (Resource Timing in real Chromium), each counted at its gzip size. The budget is the issue's
 * (≤ 120 kB); and none of it may be a staff page, the dashboard or an English catalog.
 */

const BUDGET_BYTES = 120_000;
const distDir = path.join(repoRoot, 'client', 'dist');

let app: RunningApp;
let browser: Browser;
let world: World;

withBrowserWorld((setup) => ({ app, world, browser } = setup));

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
}

function manifest(): Record<string, ManifestChunk> {
  return JSON.parse(fs.readFileSync(path.join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
}

/** Staff-only code: pages and catalogs a resident has no use for. */
const STAFF_SOURCES = [/features\/cases\//, /features\/dashboard\//, /features\/auth\//, /features\/dev-room\//, /StaffRoomPage/, /StaffAgreementPage/, /ConfirmationQueuePage/, /ConfirmationReviewPage/, /\.en\.ts$/];

async function invitationLink(): Promise<string> {
  const c = await roomCase({ world });
  return `${app.url}/join#${c.applicantLink}`;
}

describe('page weight of the resident path', () => {
  it(`a resident reaches the waiting room with at most ${BUDGET_BYTES / 1000} kB gzip of page code, and none of it staff pages, the dashboard or English`, async () => {
    const link = await invitationLink();
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    try {
      // The moment the waiting room is in the page, recorded by the page itself.
      await context.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (document.querySelector('[data-testid=waiting-room]')) {
            (window as unknown as { waitingRoomAt: number }).waitingRoomAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      await page.goto(link);
      await residentThroughTheDoor(page, '张建国', '002X');
      await page.getByTestId('waiting-room').waitFor();
      const fetched = await page.evaluate(() => {
        const before = (window as unknown as { waitingRoomAt: number }).waitingRoomAt;
        return performance
          .getEntriesByType('resource')
          .filter((entry) => entry.startTime < before && new URL(entry.name).origin === location.origin)
          .map((entry) => new URL(entry.name).pathname);
      });

      const assets = fetched.filter((pathname) => /\.(js|css)$/.test(pathname));
      const files = ['/index.html', ...assets];
      const sizes = files.map((file) => ({ file, gzip: zlib.gzipSync(fs.readFileSync(path.join(distDir, file))).length }));
      const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
      const report = sizes.map((s) => `${s.file} ${s.gzip}`).join('\n');
      console.info(`resident path to the waiting room: ${total} bytes gzip in ${files.length} files`);
      expect(assets.length, 'the page loads its scripts').toBeGreaterThan(0);
      expect(total, `gzip bytes to the waiting room:\n${report}`).toBeLessThanOrEqual(BUDGET_BYTES);

      // No chunk the build made for a staff page or an English catalog.
      const byFile = new Map(Object.values(manifest()).map((chunk) => [`/${chunk.file}`, chunk]));
      const staffChunks = assets.filter((file) => STAFF_SOURCES.some((pattern) => pattern.test(byFile.get(file)?.src ?? '')));
      expect(staffChunks).toEqual([]);

      // Nor their texts hidden in a shared chunk: the staff catalogs' longer phrases, and English.
      const code = assets.map((file) => fs.readFileSync(path.join(distDir, file), 'utf8')).join('\n');
      const staffPhrases = [...Object.values(casesZh), ...Object.values(dashboardZh), ...Object.values(staffZh)].filter((text) => text.length >= 8 && !/[{}]/.test(text));
      expect(staffPhrases.length).toBeGreaterThan(20);
      expect(staffPhrases.filter((text) => code.includes(JSON.stringify(text).slice(1, -1)))).toEqual([]);
      for (const english of ['Turn camera off', 'Waiting for others to join', 'Mediation Room']) expect(code).not.toContain(english);
      // The chart library and the protocol's validation library stay off this path too.
      expect(code).not.toMatch(/recharts/);
      expect(code).not.toContain('Invalid input');
    } finally {
      await context.close();
    }
  });
});
