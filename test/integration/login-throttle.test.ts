import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { ACCOUNT_AT_ADDRESS_POLICY, ADDRESS_POLICY } from '../../server/auth/login-throttle.ts';
import { DEMO_PASSWORD } from '../../server/services/demo-seed.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { ManualClock, startTestServer } from '../helpers/server.ts';

/*
 * Guessing a staff password: wrong tries are counted per account and client address, and after a few each
 * further try waits longer. Someone guessing elsewhere cannot lock the real user out; one address trying
 * many accounts is throttled as a whole. Each test signs in from addresses of its own (X-Forwarded-For,
 * trusted from loopback as behind a reverse proxy).
 */

const FREE = ACCOUNT_AT_ADDRESS_POLICY.freeFailures;
const FIRST_WAIT_SECONDS = ACCOUNT_AT_ADDRESS_POLICY.firstWaitMs / 1000;
const MAX_WAIT_SECONDS = ACCOUNT_AT_ADDRESS_POLICY.maxWaitMs / 1000;
const ADDRESS_FREE = ADDRESS_POLICY.freeFailures;

describe.each([
  { store: 'file', env: async () => ({}) },
  { store: 'redis', env: async (redis: () => Promise<RedisServer>) => ({ REDIS_URL: (await redis()).url }) },
])('sign-in throttling on the $store store', ({ env }) => {
  let redis: RedisServer | undefined;
  let app: RunningApp;
  const clock = new ManualClock(new Date('2026-11-24T02:00:00.000Z'));

  beforeAll(async () => {
    app = await startTestServer({ TRUST_PROXY: 'loopback', ...(await env(async () => (redis = await startRedis()))) }, clock);
  });
  afterAll(async () => {
    await app?.close();
    await redis?.destroy();
  });

  async function login(username: string, password: string, address: string) {
    const res = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ username, password }),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { error?: { code: string; retryAfterSeconds?: number } } };
  }

  const guess = (username: string, address: string, i = 0) => login(username, `guess-${i}`, address);

  it('refuses an account at an address after repeated wrong passwords, even the right one, until the wait is over', async () => {
    const attacker = '203.0.113.1';
    for (let i = 0; i < FREE; i++) expect((await guess('judge', attacker, i)).status).toBe(401);

    const locked = await login('judge', DEMO_PASSWORD, attacker);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: FIRST_WAIT_SECONDS });
    expect(locked.retryAfter).toBe(String(FIRST_WAIT_SECONDS));
    // Another account from the same address is not affected.
    expect((await login('mediator', DEMO_PASSWORD, attacker)).status).toBe(200);

    clock.advance((FIRST_WAIT_SECONDS - 1) * 1000);
    expect(await login('judge', DEMO_PASSWORD, attacker)).toMatchObject({ status: 429, retryAfter: '1' });
    clock.advance(1000);
    expect((await login('judge', DEMO_PASSWORD, attacker)).status).toBe(200);
  });

  it('lets the real user sign in from another address while an attacker guessing the account is refused', async () => {
    const attacker = '203.0.113.2';
    for (let i = 0; i < FREE; i++) expect((await guess('grid', attacker, i)).status).toBe(401);
    expect((await login('grid', DEMO_PASSWORD, attacker)).status).toBe(429);

    expect((await login('grid', DEMO_PASSWORD, '198.51.100.7')).status).toBe(200);
    expect((await guess('grid', attacker)).status).toBe(429);
  });

  it('tries only the free allowance of 20 concurrent wrong passwords, refuses the rest, and then the right one too', async () => {
    const attacker = '203.0.113.3';
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => guess('admin', attacker, i)));
    expect(outcomes.filter((res) => res.status === 401)).toHaveLength(FREE);
    expect(outcomes.filter((res) => res.status === 429)).toHaveLength(20 - FREE);
    expect((await login('admin', DEMO_PASSWORD, attacker)).status).toBe(429);
  });

  it('makes each wait after a further wrong password twice as long, up to a cap', async () => {
    const attacker = '203.0.113.4';
    for (let i = 0; i < FREE; i++) expect((await guess('mediator', attacker, i)).status).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 8; round++) {
      const refused = await login('mediator', DEMO_PASSWORD, attacker);
      expect(refused.status).toBe(429);
      waits.push(refused.body.error!.retryAfterSeconds!);
      clock.advance(refused.body.error!.retryAfterSeconds! * 1000);
      expect((await guess('mediator', attacker, FREE + round)).status).toBe(401);
    }
    expect(waits).toEqual(waits.map((_, round) => Math.min(FIRST_WAIT_SECONDS * 2 ** round, MAX_WAIT_SECONDS)));
    expect(waits.at(-1)).toBe(MAX_WAIT_SECONDS);
  });

  it('throttles an address that tries many accounts, for every account, and counts concurrent failures', async () => {
    const sprayer = '203.0.113.5';
    const outcomes = await Promise.all(Array.from({ length: ADDRESS_FREE }, (_, i) => guess(`nobody-${i}`, sprayer)));
    expect(outcomes.every((res) => res.status === 401)).toBe(true);

    const refused = await login('judge', DEMO_PASSWORD, sprayer);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: ADDRESS_POLICY.firstWaitMs / 1000 });
    expect((await login('judge', DEMO_PASSWORD, '198.51.100.8')).status).toBe(200);
  });

  it('forgets the failures of an account at an address after a successful sign-in', async () => {
    const address = '203.0.113.6';
    for (let i = 0; i < FREE - 1; i++) expect((await guess('grid', address, i)).status).toBe(401);
    expect((await login('grid', DEMO_PASSWORD, address)).status).toBe(200);
    for (let i = 0; i < FREE - 1; i++) expect((await guess('grid', address, i)).status).toBe(401);
    expect((await login('grid', DEMO_PASSWORD, address)).status).toBe(200);
  });
});
