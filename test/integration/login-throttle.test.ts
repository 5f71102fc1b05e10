import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { ACCOUNT_POLICY } from '../../server/auth/login-throttle.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { ManualClock, startTestServer } from '../helpers/server.ts';

/* Guessing a staff password: the account locks after a few wrong tries, for everyone, for a while. */

let app: RunningApp;
let api: ApiClient;
const clock = new ManualClock(new Date('2026-11-24T02:00:00.000Z'));

beforeAll(async () => {
  app = await startTestServer({}, clock);
  api = new ApiClient(app.url);
});
afterAll(async () => {
  await app?.close();
});

const login = (username: string, password: string) => api.post('/auth/login', { username, password });

describe('sign-in throttling', () => {
  it('locks an account after repeated wrong passwords, even against the right one, and opens it again later', async () => {
    for (let i = 0; i < ACCOUNT_POLICY.maxFailures; i++) expect((await login('judge', `guess-${i}`)).status).toBe(401);
    const locked = await login('judge', 'mediation-demo');
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: ACCOUNT_POLICY.lockMs / 1000 });
    // Another account is not affected.
    expect((await login('mediator', 'mediation-demo')).status).toBe(200);
    clock.advance(ACCOUNT_POLICY.lockMs + 1000);
    expect((await login('judge', 'mediation-demo')).status).toBe(200);
  });

  it('forgets failures after a successful sign-in', async () => {
    for (let i = 0; i < ACCOUNT_POLICY.maxFailures - 1; i++) expect((await login('grid', `guess-${i}`)).status).toBe(401);
    expect((await login('grid', 'mediation-demo')).status).toBe(200);
    expect((await login('grid', 'another-guess')).status).toBe(401);
    expect((await login('grid', 'mediation-demo')).status).toBe(200);
  });
});
