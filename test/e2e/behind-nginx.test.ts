import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { repoRoot } from '../../server/media/worker-binary.mjs';
import { launchBrowser } from '../helpers/browser.ts';
import { isFlowing, measureFlow, waitForRemoteTracks } from '../helpers/call-page.ts';
import { assertClientBuilt } from '../helpers/e2e.ts';
import { renderNginxSite, SHIPPED_NGINX_SITE, startNginx, type RunningNginx } from '../helpers/nginx.ts';
import { freePort } from '../helpers/processes.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { startTestServer } from '../helpers/server.ts';
import { selfSignedCertificate } from '../helpers/tls.ts';

/*
 * The shipped deploy/nginx.conf, run by Debian's nginx in front of the app as a deployment runs
 * it: TLS ends at nginx, the app listens on plain http with TRUST_PROXY=loopback. Everything a
 * browser does goes through nginx except the media itself, which goes straight to mediasoup.
 */

let app: RunningApp;
let nginx: RunningNginx;
let browser: Browser | undefined;
let base: string;
let plainPort: number;

beforeAll(async () => {
  assertClientBuilt();
  app = await startTestServer({ TRUST_PROXY: 'loopback' });
  const certificate = selfSignedCertificate();
  const ports = { app: app.port, https: await freePort(), http: await freePort() };
  plainPort = ports.http;
  nginx = await startNginx(renderNginxSite(fs.readFileSync(SHIPPED_NGINX_SITE, 'utf8'), ports, certificate), ports.https);
  base = `https://127.0.0.1:${ports.https}`;
});

afterAll(async () => {
  await browser?.close();
  await nginx?.stop();
  await app?.close();
});

/** Socket.IO through nginx, as the browser client connects: long-polling first, then the upgrade. */
function socketThroughNginx(): Socket {
  return io(base, { reconnection: false, forceNew: true, rejectUnauthorized: false, auth: { kind: 'dev', displayName: '测试' } });
}

describe('the app behind nginx with the shipped configuration', () => {
  it('serves the page over TLS with the app’s headers; HSTS too, since the app trusts nginx’s X-Forwarded-Proto', async () => {
    const page = await rawRequest(`${base}/login`, {}, { insecure: true });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("connect-src 'self' wss:;");
    expect(page.headers['permissions-policy']).toContain('camera=(self)');
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.server).toBe('nginx');
    expect(page.body.toString()).toContain('<div id="root">');

    // The app's caching and brotli pass through nginx untouched.
    const entryScript = /src="(\/assets\/[^"]+\.js)"/.exec(page.body.toString())![1]!;
    const script = await rawRequest(`${base}${entryScript}`, { 'accept-encoding': 'br, gzip' }, { insecure: true });
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(script.body).equals(fs.readFileSync(path.join(repoRoot, 'client', 'dist', entryScript)))).toBe(true);
  });

  it('plain http only redirects to https', async () => {
    const redirect = await rawRequest(`http://127.0.0.1:${plainPort}/join?x=1`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('https://127.0.0.1/join?x=1');
  });

  it('the API works through nginx', async () => {
    const health = await rawRequest(`${base}/health`, {}, { insecure: true });
    expect(JSON.parse(health.body.toString())).toMatchObject({ status: 'ok' });
    const refused = await rawRequest(`${base}/api/cases`, {}, { insecure: true });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body.toString()).error.code).toBe('unauthenticated');
  });

  it('a Socket.IO connection upgrades to a websocket and a request round-trips over it', async () => {
    const socket = socketThroughNginx();
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the connection did not upgrade to a websocket within 10 s')), 10_000);
        socket.once('connect_error', reject);
        socket.io.engine.once('upgrade', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      expect(socket.io.engine.transport.name).toBe('websocket');
      const reply = await socket.timeout(10_000).emitWithAck('room:join', { roomId: 'through-nginx', displayName: '测试' });
      expect(reply).toMatchObject({ ok: true });
      expect(app.rooms.find('through-nginx')?.peerList()).toHaveLength(1);
    } finally {
      socket.close();
    }
  });

  it('two browsers call each other with signalling through nginx: each decodes the other’s video', async () => {
    browser = await launchBrowser();
    const pages: Page[] = [];
    for (const name of ['甲', '乙']) {
      const context = await browser.newContext({ viewport: { width: 640, height: 480 }, ignoreHTTPSErrors: true });
      const page = await context.newPage();
      await page.goto(`${base}/dev?room=nginx-call&name=${encodeURIComponent(name)}&autojoin=1&small=1`);
      pages.push(page);
    }
    await Promise.all(pages.map((page) => waitForRemoteTracks(page, 2)));
    // The page itself went through nginx over TLS: a secure context.
    expect(await pages[0]!.evaluate(() => window.isSecureContext && location.protocol)).toBe('https:');
    const flows = await Promise.all(pages.map((page) => measureFlow(page, 1500)));
    for (const flow of flows) expect(isFlowing(flow), JSON.stringify(flow)).toBe(true);
  });
});
