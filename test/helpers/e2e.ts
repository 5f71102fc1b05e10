import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { repoRoot } from '../../server/media/worker-binary.mjs';
import { DEMO_PASSWORD } from '../../server/services/demo-seed.ts';
import { launchBrowser } from './browser.ts';
import { startTestServer } from './server.ts';
import { World } from './world.ts';

/** Browser tests serve the built client; say plainly what to run when it is missing. */
export function assertClientBuilt(): void {
  if (!fs.existsSync(path.join(repoRoot, 'client', 'dist', 'index.html'))) {
    throw new Error('The client is not built (client/dist/index.html is missing): run `npm run build:client` (npm test does it).');
  }
}

/** Fills the staff sign-in form already on screen and waits for the case list. */
export async function submitSignIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/cases');
}

/** Opens the sign-in page (with an optional query, e.g. `small=1`) and signs in as a staff member. */
export async function signIn(page: Page, baseUrl: string, username: string, options: { password?: string; query?: string } = {}): Promise<void> {
  await page.goto(`${baseUrl}/login${options.query ? `?${options.query}` : ''}`);
  await submitSignIn(page, username, options.password);
}

export interface BrowserWorld {
  app: RunningApp;
  world: World;
  browser: Browser;
}

/**
 * The usual browser-test set-up, registered in the calling file: the built client checked, a test
 * server with its demo world, one Chromium; all closed after the file. `ready` receives them.
 */
export function withBrowserWorld(ready: (setup: BrowserWorld) => void, env: Record<string, string> = {}): void {
  let setup: Partial<BrowserWorld> = {};
  beforeAll(async () => {
    assertClientBuilt();
    setup.app = await startTestServer(env);
    setup.world = await World.create(setup.app);
    setup.browser = await launchBrowser();
    ready(setup as BrowserWorld);
  });
  afterAll(async () => {
    await setup.browser?.close();
    await setup.app?.close();
    setup = {};
  });
}

/**
 * A resident's steps at the door of a mediation, from the link's 进入 button: the device check,
 * the declaration (no recording), and the identity check answered with `name` and `idLast4`.
 */
export async function residentThroughTheDoor(page: Page, name: string, idLast4: string): Promise<void> {
  await page.getByTestId('enter-room').click();
  await page.getByRole('heading', { name: '检查摄像头和麦克风' }).waitFor();
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('我已阅读并知晓上述警示').check();
  await page.getByLabel('我承诺遵守').check();
  await page.getByLabel('不同意对本次调解录音录像', { exact: true }).check();
  await page.getByRole('button', { name: '确认并继续' }).click();
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('身份证号码最后四位').fill(idLast4);
  await page.getByRole('button', { name: '核对身份', exact: true }).click();
}
