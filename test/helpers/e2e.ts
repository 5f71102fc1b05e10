import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../server/media/worker-binary.mjs';
import { DEMO_PASSWORD } from '../../server/services/demo-seed.ts';

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
