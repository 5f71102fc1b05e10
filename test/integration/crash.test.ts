import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api-client.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { startServerProcess, tempDataDir, type ServerProcess } from '../helpers/server.ts';
import { caseBody, expectOk } from '../helpers/world.ts';

/**
 * Acknowledged writes survive a crash: the server is killed with SIGKILL while writes are in
 * flight; every write it had acknowledged must be there after a restart, with the chain intact.
 */

interface WriteLog {
  acknowledged: string[];
  failed: number;
}

/** Adds participants one request after another (several writers), recording which were acknowledged, until stopped. */
function writeContinuously(api: ApiClient, caseId: string, writers = 3): { log: WriteLog; stop: () => Promise<void> } {
  const log: WriteLog = { acknowledged: [], failed: 0 };
  let running = true;
  let counter = 0;
  const loops = Array.from({ length: writers }, async () => {
    while (running) {
      const name = `当事人${++counter}`;
      try {
        const res = await api.post(`/cases/${caseId}/participants`, { role: 'respondent', name });
        if (res.status === 201) log.acknowledged.push(name);
        else log.failed++;
      } catch {
        log.failed++; // the connection died with the server: not acknowledged
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  });
  return {
    log,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function waitForAcks(log: WriteLog, count: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (log.acknowledged.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${log.acknowledged.length} writes acknowledged`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function checkSurvivors(url: string, caseId: string, acknowledged: string[], label: string): Promise<void> {
  const mediator = await new ApiClient(url).login('mediator');
  const state = await expectOk(mediator.get(`/cases/${caseId}`));
  const present = new Set((state.body.participants as Array<{ name: string }>).map((p) => p.name));
  const lost = acknowledged.filter((name) => !present.has(name));
  const verdict = await expectOk(mediator.get(`/cases/${caseId}/verify`));
  console.log(`[crash:${label}] acknowledged ${acknowledged.length}, present ${acknowledged.length - lost.length}, lost ${lost.length}; chain ${verdict.body.valid ? 'valid' : 'BROKEN'} (${verdict.body.length} events)`);
  expect(lost).toEqual([]);
  expect(verdict.body.valid).toBe(true);
}

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function serverWith(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServerProcess({ MEDIA_WORKERS: '1', ...env });
  cleanups.push(() => server.stop('SIGKILL'));
  // Redis when REDIS_URL is set, the embedded store otherwise.
  const health = await (await fetch(`${server.url}/health`)).json();
  expect(health.store).toBe(env.REDIS_URL ? 'redis' : 'file');
  return server;
}

async function openCase(url: string): Promise<{ api: ApiClient; caseId: string }> {
  const api = await new ApiClient(url).login('mediator');
  const opened = await expectOk(api.post('/cases', caseBody()));
  await expectOk(api.post(`/cases/${opened.body.caseId}/accept`, { noConflictDeclared: true }));
  return { api, caseId: opened.body.caseId };
}

describe('kill -9 of the server loses no acknowledged write', () => {
  it('with the embedded file store', async () => {
    const dataDir = tempDataDir();
    const first = await serverWith({ DATA_DIR: dataDir });
    const { api, caseId } = await openCase(first.url);
    const writes = writeContinuously(api, caseId);
    await waitForAcks(writes.log, 40);
    await first.stop('SIGKILL');
    await writes.stop();

    const second = await serverWith({ DATA_DIR: dataDir });
    await checkSurvivors(second.url, caseId, writes.log.acknowledged, 'file');
    await second.stop();
  });

  it('with Redis (appendfsync always), and also when redis-server itself is killed', async () => {
    const redis: RedisServer = await startRedis({ appendfsync: 'always' });
    cleanups.push(() => redis.destroy());
    const first = await serverWith({ REDIS_URL: redis.url });
    const { api, caseId } = await openCase(first.url);

    const writes = writeContinuously(api, caseId);
    await waitForAcks(writes.log, 40);
    await first.stop('SIGKILL');
    await writes.stop();

    const second = await serverWith({ REDIS_URL: redis.url });
    await checkSurvivors(second.url, caseId, writes.log.acknowledged, 'redis/server-killed');

    // Now the database dies mid-stream; the server stays up and reconnects when Redis is back.
    const api2 = await new ApiClient(second.url).login('mediator');
    const more = writeContinuously(api2, caseId);
    await waitForAcks(more.log, 30);
    await redis.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await redis.start();
    await waitForAcks(more.log, more.log.acknowledged.length + 10);
    await more.stop();
    await checkSurvivors(second.url, caseId, [...writes.log.acknowledged, ...more.log.acknowledged], 'redis/redis-killed');
    await second.stop();
  });
});
