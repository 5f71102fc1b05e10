import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';

/*
 * The Origin allowlist as a real browser meets it: Chromium sets Origin on every WebSocket
 * handshake and a page cannot change it, so a page on another site cannot open a socket to us,
 * while the same browser on our own origin can.
 */

let app: RunningApp;
let browser: Browser;
let foreignSite: http.Server;
let foreignUrl: string;

beforeAll(async () => {
  app = await startTestServer();
  browser = await launchBrowser();
  foreignSite = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>别的网站</title>'));
  await new Promise<void>((resolve) => foreignSite.listen(0, '127.0.0.1', resolve));
  foreignUrl = `http://127.0.0.1:${(foreignSite.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await new Promise((resolve) => foreignSite?.close(resolve));
});

/** Opens a raw Engine.IO WebSocket to the mediation server from the page: "open" or "refused". */
function socketFrom(page: Page): Promise<string> {
  const url = `${app.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  return page.evaluate(
    (target) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(target);
        socket.onopen = () => {
          socket.close();
          resolve('open');
        };
        socket.onerror = () => resolve('refused');
      }),
    url,
  );
}

describe('the Socket.IO handshake in real Chromium', () => {
  it('refuses a page of a foreign origin, admits the server’s own', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(foreignUrl);
    expect(await socketFrom(page)).toBe('refused');
    await page.goto(`${app.url}/`);
    expect(await socketFrom(page)).toBe('open');
    await context.close();
  });
});
