import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { DEMO_PASSWORD } from '../../server/services/demo-seed.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { ManualClock, startTestServer } from '../helpers/server.ts';

/*
 * Refresh tokens rotate within a family that starts at sign-in. A token spent twice (a copy in someone
 * else's hands, or two uses at once) is refused and ends the whole family, its newest token included.
 */

interface Session {
  accessToken: string;
  refreshToken: string;
}

describe.each([
  { store: 'file', env: async () => ({}) },
  { store: 'redis', env: async (redis: () => Promise<RedisServer>) => ({ REDIS_URL: (await redis()).url }) },
])('refresh tokens on the $store store', ({ env }) => {
  let redis: RedisServer | undefined;
  let app: RunningApp;
  let api: ApiClient;
  const clock = new ManualClock(new Date('2026-11-24T02:00:00.000Z'));

  beforeAll(async () => {
    app = await startTestServer({ REFRESH_TOKEN_DAYS: '1', ...(await env(async () => (redis = await startRedis()))) }, clock);
    api = new ApiClient(app.url);
  });
  afterAll(async () => {
    await app?.close();
    await redis?.destroy();
  });

  const signIn = async (username = 'mediator'): Promise<Session> => {
    const res = await api.post('/auth/login', { username, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    return res.body as Session;
  };
  const refresh = (refreshToken: string) => api.post('/auth/refresh', { refreshToken });
  const me = (session: Session) => api.as(session.accessToken).get('/me');

  it('spends the presented token on each refresh and hands out the next, with a working access token', async () => {
    const first = await signIn();
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.body)).body).toMatchObject({ username: 'mediator' });
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
    expect((await me(third.body)).status).toBe(200);
  });

  it('refuses a replayed token and ends its family, the newest token too, but no other session', async () => {
    const stolen = await signIn();
    const other = await signIn();
    const rotated = await refresh(stolen.refreshToken);
    expect(rotated.status).toBe(200);

    const replay = await refresh(stolen.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.error).toMatchObject({ code: 'unauthenticated' });
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);

    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('lets exactly one of 10 concurrent refreshes of one token succeed', async () => {
    const session = await signIn();
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => refresh(session.refreshToken)));
    expect(outcomes.map((res) => res.status).sort()).toEqual([200, ...Array<number>(9).fill(401)]);
    // Two uses of one token cannot be told from a stolen copy: the family ends, the winner's new token with it.
    const winner = outcomes.find((res) => res.status === 200)!.body as Session;
    expect((await refresh(winner.refreshToken)).status).toBe(401);
  });

  it('ends the family at logout', async () => {
    const session = await signIn();
    const rotated = (await refresh(session.refreshToken)).body as Session;
    const other = await signIn();
    expect((await api.as(rotated.accessToken).post('/auth/logout', { refreshToken: rotated.refreshToken })).status).toBe(204);
    expect((await refresh(rotated.refreshToken)).status).toBe(401);
    expect((await me(rotated)).status).toBe(401);
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('refuses a token once its lifetime is over, counted from when it was issued', async () => {
    const session = await signIn();
    clock.advance(24 * 3600_000 - 1000);
    const renewed = await refresh(session.refreshToken);
    expect(renewed.status).toBe(200);
    clock.advance(24 * 3600_000 - 1000);
    expect((await refresh(renewed.body.refreshToken)).status).toBe(200);

    const late = await signIn();
    clock.advance(24 * 3600_000);
    expect((await refresh(late.refreshToken)).status).toBe(401);
  });
});
