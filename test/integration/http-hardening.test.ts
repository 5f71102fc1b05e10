import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { repoRoot } from '../../server/media/worker-binary.mjs';
import { assertClientBuilt } from '../helpers/e2e.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { startTestServer } from '../helpers/server.ts';

let app: RunningApp;
/** The hashed entry script Vite wrote, e.g. /assets/index-CPLJzu3q.js. */
let entryScript: string;

beforeAll(async () => {
  assertClientBuilt();
  app = await startTestServer();
  const html = fs.readFileSync(path.join(repoRoot, 'client', 'dist', 'index.html'), 'utf8');
  entryScript = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
});

afterAll(async () => {
  await app?.close();
});

/** The CSP header as a map from directive to its sources. */
function directives(header: string | string[] | undefined): Record<string, string[]> {
  expect(typeof header).toBe('string');
  return Object.fromEntries(
    (header as string)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('security headers on the page, the API and the assets', () => {
  it('the page carries a strict Content-Security-Policy: scripts only from the origin, never inline or eval, no framing', async () => {
    const page = await rawRequest(`${app.url}/login`);
    expect(page.status).toBe(200);
    const csp = directives(page.headers['content-security-policy']);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['form-action']).toEqual(["'self'"]);
    // QR codes are data: images; nothing else outside the origin.
    expect(csp['img-src']).toEqual(["'self'", 'data:']);
    // Socket.IO's websocket: wss anywhere the page is secure, the same host over plain http (demo on a LAN).
    expect(csp['connect-src']).toEqual(["'self'", 'wss:', `ws://${new URL(app.url).host}`]);
    expect(csp['style-src']).toEqual(["'self'"]);
    // Over plain http nothing may be upgraded: a demo on a LAN address has no https to upgrade to.
    expect(csp['upgrade-insecure-requests']).toBeUndefined();
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('sets Referrer-Policy, nosniff and a Permissions-Policy that allows only this origin camera and microphone', async () => {
    const page = await rawRequest(`${app.url}/`);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-powered-by']).toBeUndefined();
    const policy = Object.fromEntries(
      String(page.headers['permissions-policy'])
        .split(',')
        .map((part) => part.trim().split('=') as [string, string]),
    );
    expect(policy.camera).toBe('(self)');
    expect(policy.microphone).toBe('(self)');
    for (const feature of ['geolocation', 'payment', 'usb', 'serial', 'hid', 'midi', 'magnetometer', 'gyroscope', 'accelerometer', 'display-capture', 'interest-cohort']) {
      expect(policy[feature], feature).toBe('()');
    }
  });

  it('sends no HSTS over plain http (browsers ignore it there, and a LAN demo has no certificate)', async () => {
    const page = await rawRequest(`${app.url}/`);
    expect(page.headers['strict-transport-security']).toBeUndefined();
  });

  it('API answers carry the same headers', async () => {
    const health = await rawRequest(`${app.url}/api/no-such-endpoint`);
    expect(health.status).toBe(404);
    expect(health.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(health.headers['permissions-policy']).toContain('camera=(self)');
  });
});

describe('caching', () => {
  it('hashed assets are cached for a year as immutable', async () => {
    const script = await rawRequest(`${app.url}${entryScript}`);
    expect(script.status).toBe(200);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('the page itself is revalidated every time, so a new release is picked up at once', async () => {
    for (const route of ['/', '/login', '/join', '/index.html']) {
      const page = await rawRequest(`${app.url}${route}`);
      expect(page.status, route).toBe(200);
      expect(page.headers['cache-control'], route).toBe('no-cache');
    }
  });

  it('API answers are not cached', async () => {
    const response = await rawRequest(`${app.url}/api/no-such-endpoint`);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('a missing asset is a 404, not the page (a stale page asking for an old hash must not get HTML as script)', async () => {
    const missing = await rawRequest(`${app.url}/assets/index-00000000.js`);
    expect(missing.status).toBe(404);
  });
});

describe('compression', () => {
  it('sends brotli to browsers that accept it, gzip to those that only accept gzip, and the bytes decode to the file', async () => {
    const original = fs.readFileSync(path.join(repoRoot, 'client', 'dist', entryScript));
    const brotli = await rawRequest(`${app.url}${entryScript}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.body.length).toBeLessThan(original.length);
    expect(zlib.brotliDecompressSync(brotli.body).equals(original)).toBe(true);
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);

    const gzip = await rawRequest(`${app.url}${entryScript}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).equals(original)).toBe(true);

    const plain = await rawRequest(`${app.url}${entryScript}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });
});
