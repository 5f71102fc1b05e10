/**
 * Event store benchmark: acknowledged appends per second and latency, 1 to 50 concurrent writers
 * (each on its own case), for the embedded file store and for Redis with appendfsync always and
 * everysec. Beside each, a baseline doing the same durable write without our store (a raw
 * append+fdatasync; a raw RPUSH), so the store's own overhead shows as a ratio.
 * Run: npx tsx bench/store.bench.ts [--seconds=2]   Writes bench/results/store.json.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { chainEvents, GENESIS_HASH } from '../server/domain/case-log.ts';
import type { CaseEvent } from '../server/domain/case-events.ts';
import { openFileStore } from '../server/store/file-store.ts';
import { openRedisStore } from '../server/store/redis-store.ts';
import type { Store } from '../server/store/store.ts';
import { startRedis } from '../test/helpers/redis.ts';

const SECONDS = Number(process.argv.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 2);
const WRITER_COUNTS = [1, 10, 50];

interface Row {
  backend: string;
  writers: number;
  kind: 'baseline' | 'ours';
  appendsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** Runs `writers` loops for SECONDS, each calling `append(writer, n)`; returns throughput and latency. */
async function run(writers: number, append: (writer: number, n: number) => Promise<void>): Promise<Omit<Row, 'backend' | 'writers' | 'kind'>> {
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const t = performance.now();
        await append(writer, n);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { appendsPerSecond: Math.round(latencies.length / elapsed), p50Ms: +percentile(latencies, 50).toFixed(2), p99Ms: +percentile(latencies, 99).toFixed(2) };
}

/** One realistic event per append (a participant added, with Chinese text), chained per case. */
function eventFor(caseId: string, previous: { seq: number; hash: string }, n: number): CaseEvent {
  return chainEvents(
    caseId,
    previous,
    [{ type: 'participant.added', data: { participant: { participantId: `p${n}`, role: 'respondent', personKind: 'natural', name: `当事人${n}`, idNumberMasked: '110105********002X' } } }],
    { kind: 'account', accountId: 'bench', role: 'mediator', name: '李调解' },
    new Date().toISOString(),
  )[0]!;
}

async function storeRun(store: Store, writers: number, prefix: string) {
  const heads = Array.from({ length: writers }, () => ({ seq: 0, hash: GENESIS_HASH }));
  return run(writers, async (writer, n) => {
    const caseId = `${prefix}-${writer}`;
    const event = eventFor(caseId, heads[writer]!, n);
    await store.events.append(caseId, heads[writer]!.seq, [event]);
    heads[writer] = event;
  });
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const sample = JSON.stringify(eventFor('x', { seq: 0, hash: GENESIS_HASH }, 1));

  // Embedded files.
  for (const writers of WRITER_COUNTS) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-store-'));
    const handles = await Promise.all(Array.from({ length: writers }, (_, w) => fs.open(path.join(dir, `raw-${w}.jsonl`), 'a')));
    rows.push({ backend: 'file', writers, kind: 'baseline', ...(await run(writers, async (w) => {
      await handles[w]!.write(`${sample}\n`);
      await handles[w]!.datasync();
    })) });
    await Promise.all(handles.map((h) => h.close()));
    const store = await openFileStore(path.join(dir, 'store'));
    rows.push({ backend: 'file', writers, kind: 'ours', ...(await storeRun(store, writers, `w${writers}`)) });
    await store.close();
    await fs.rm(dir, { recursive: true, force: true });
  }

  // Redis, with each durability setting.
  for (const appendfsync of ['always', 'everysec'] as const) {
    const redis = await startRedis({ appendfsync });
    try {
      const raw = createClient({ url: redis.url });
      await raw.connect();
      const store = await openRedisStore(redis.url, { keyPrefix: 'bench:' });
      for (const writers of WRITER_COUNTS) {
        rows.push({ backend: `redis-${appendfsync}`, writers, kind: 'baseline', ...(await run(writers, async (w) => void (await raw.rPush(`raw:${writers}:${w}`, sample)))) });
        rows.push({ backend: `redis-${appendfsync}`, writers, kind: 'ours', ...(await storeRun(store, writers, `w${writers}`)) });
      }
      await store.close();
      await raw.close();
    } finally {
      await redis.destroy();
    }
  }

  console.log(`\nEvent store: acknowledged appends, ${SECONDS} s per cell, ${os.cpus().length} cores\n`);
  console.log('| backend | writers | baseline appends/s | ours appends/s | ours/baseline | ours p50 ms | ours p99 ms |');
  console.log('|---|---|---|---|---|---|---|');
  for (const ours of rows.filter((r) => r.kind === 'ours')) {
    const base = rows.find((r) => r.kind === 'baseline' && r.backend === ours.backend && r.writers === ours.writers)!;
    console.log(`| ${ours.backend} | ${ours.writers} | ${base.appendsPerSecond} | ${ours.appendsPerSecond} | ${(ours.appendsPerSecond / base.appendsPerSecond).toFixed(2)} | ${ours.p50Ms} | ${ours.p99Ms} |`);
  }
  await fs.mkdir(path.join(import.meta.dirname, 'results'), { recursive: true });
  await fs.writeFile(path.join(import.meta.dirname, 'results', 'store.json'), JSON.stringify({ measuredAt: new Date().toISOString(), seconds: SECONDS, rows }, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
