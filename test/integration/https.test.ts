import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { freePort } from '../helpers/processes.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { startTestServer } from '../helpers/server.ts';
import { selfSignedCertificate, type TestCertificate } from '../helpers/tls.ts';

let app: RunningApp;
let certificate: TestCertificate;
let redirectPort: number;

beforeAll(async () => {
  certificate = selfSignedCertificate();
  redirectPort = await freePort();
  app = await startTestServer({ TLS_CERT_FILE: certificate.certFile, TLS_KEY_FILE: certificate.keyFile, HTTP_REDIRECT_PORT: String(redirectPort) });
});

afterAll(async () => {
  await app?.close();
});

describe('the server serving TLS itself', () => {
  it('listens with https and says so in its address', async () => {
    expect(app.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await rawRequest(`${app.url}/health`, {}, { insecure: true });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body.toString()).status).toBe('ok');
    // Plain http on the TLS port is not answered as a page.
    await expect(rawRequest(`${app.url.replace('https:', 'http:')}/health`)).rejects.toThrow();
  });

  it('sends HSTS, and a CSP whose websocket source is wss only', async () => {
    const page = await rawRequest(`${app.url}/`, {}, { insecure: true });
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(page.headers['content-security-policy']).toContain("connect-src 'self' wss:;");
  });

  it('the API works over https', async () => {
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    expect(app.url).toMatch(/^https:/);
    try {
      const mediator = await new ApiClient(app.url).login('mediator');
      expect((await mediator.get('/cases')).status).toBe(200);
    } finally {
      if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
    }
  });

  it('Socket.IO connects over wss', async () => {
    expect(app.url).toMatch(/^https:/);
    const socket = io(app.url, { transports: ['websocket'], reconnection: false, forceNew: true, rejectUnauthorized: false, auth: { kind: 'staff', accessToken: 'not-a-token' } });
    // The handshake reaches the server and its auth check answers: the TLS socket carried it.
    const error = await new Promise<Error & { data?: { code?: string } }>((resolve, reject) => {
      socket.once('connect', () => reject(new Error('accepted a bad token')));
      socket.once('connect_error', resolve);
    });
    socket.close();
    expect(error.data?.code).toBe('unauthenticated');
  });

  it('the plain-http port redirects every address to the same one over https', async () => {
    const httpsPort = new URL(app.url).port;
    const redirect = await rawRequest(`http://127.0.0.1:${redirectPort}/join?small=1`, { host: `127.0.0.1:${redirectPort}` });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.location).toBe(`https://127.0.0.1:${httpsPort}/join?small=1`);
    const bare = await rawRequest(`http://127.0.0.1:${redirectPort}/`, { host: 'mediation.example.org' });
    expect(bare.headers.location).toBe(`https://mediation.example.org:${httpsPort}/`);
  });

  it('refuses to start with a certificate it cannot read, naming the setting', async () => {
    await expect(startTestServer({ TLS_CERT_FILE: `${certificate.dir}/missing.pem`, TLS_KEY_FILE: certificate.keyFile })).rejects.toThrow(/TLS_CERT_FILE/);
  });
});
