/**
 * Signaling under load: N Socket.IO clients (Node) connect, join rooms of four, ask for their two
 * WebRTC transports, and leave. Reports request latency p50/p99 and errors against N, and the
 * server's memory per connected client. Baseline in the same run: a bare Socket.IO server that
 * only acknowledges each request, so our overhead (validation, authorization, mediasoup
 * transports) shows as a ratio. The server runs as its own process, as in production. Then ours
 * again with Redis as store and Socket.IO adapter, against ours without.
 * Run: npx tsx bench/signaling.bench.ts [--clients=100,500,1000]   Writes bench/results/signaling.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { repoRoot } from '../server/media/worker-binary.mjs';
import { freePort, waitUntil } from '../test/helpers/processes.ts';
import { startRedis } from '../test/helpers/redis.ts';

const COUNTS = (process.argv.find((a) => a.startsWith('--clients='))?.split('=')[1] ?? '100,500,1000').split(',').map(Number);
const CONNECT_BATCH = 50;

interface Result {
  clients: number;
  requests: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  rssPerClientKb: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

function rssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

async function startOurs(port: number, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-signal-'));
  return spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server', 'main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...extraEnv, PORT: String(port), HOST: '127.0.0.1', APP_MODE: 'demo', DATA_DIR: dataDir, MEDIA_LISTEN_IP: '127.0.0.1', WEBRTC_PORT: '0', MEDIA_WORKERS: '1', LOG_LEVEL: 'warn', MEDIA_MAX_PEERS_PER_ROOM: '4' },
    stdio: 'ignore',
  });
}

/** The baseline: Socket.IO alone, acknowledging every request with an empty answer. */
async function startBaseline(port: number): Promise<ChildProcess> {
  const script = `
    const { Server } = require('socket.io');
    const io = new Server(${port}, { serveClient: false });
    io.on('connection', (s) => s.onAny((...args) => { const ack = args[args.length - 1]; if (typeof ack === 'function') ack({ ok: true, data: {} }); }));
  `;
  return spawn(process.execPath, ['-e', script], { cwd: repoRoot, stdio: 'ignore' });
}

async function ready(url: string, baseline: boolean): Promise<void> {
  await waitUntil(
    async () => {
      if (!baseline) return (await fetch(`${url}/health`)).ok || undefined;
      const probe = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
      try {
        return await new Promise<true | undefined>((resolve) => {
          probe.once('connect', () => resolve(true));
          probe.once('connect_error', () => resolve(undefined));
        });
      } finally {
        probe.close();
      }
    },
    { timeoutMs: 30_000, what: 'the server' },
  );
}

async function load(url: string, clients: number, serverPid: number): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const timed = async (socket: Socket, event: string, payload: unknown) => {
    const start = performance.now();
    try {
      const reply = (await socket.timeout(20_000).emitWithAck(event, payload)) as { ok: boolean };
      if (!reply.ok) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - start);
  };
  const rssBefore = rssKb(serverPid);
  const sockets: Socket[] = [];
  for (let i = 0; i < clients; i += CONNECT_BATCH) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(CONNECT_BATCH, clients - i) }, (_, j) => {
        const socket = io(url, { auth: { kind: 'dev', displayName: `用户${i + j}` }, transports: ['websocket'], reconnection: false, forceNew: true });
        return new Promise<Socket>((resolve, reject) => {
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', reject);
        });
      }),
    );
    sockets.push(...batch);
  }
  await Promise.all(
    sockets.map(async (socket, i) => {
      await timed(socket, 'room:join', { roomId: `bench-${Math.floor(i / 4)}`, displayName: `用户${i}` });
      await timed(socket, 'transport:create', { direction: 'send' });
      await timed(socket, 'transport:create', { direction: 'recv' });
    }),
  );
  const rssLoaded = rssKb(serverPid);
  await Promise.all(sockets.map((socket) => timed(socket, 'room:leave', {})));
  for (const socket of sockets) socket.close();
  latencies.sort((a, b) => a - b);
  return {
    clients,
    requests: latencies.length,
    errors,
    p50Ms: +percentile(latencies, 50).toFixed(1),
    p99Ms: +percentile(latencies, 99).toFixed(1),
    rssPerClientKb: Math.round((rssLoaded - rssBefore) / clients),
  };
}

/**
 * `ours`: the embedded store, Socket.IO in memory. `oursRedis`: Redis for the store and Socket.IO's
 * Redis adapter (as several instances would run), on a redis-server of the benchmark's own.
 */
async function measure(kind: 'baseline' | 'ours' | 'oursRedis', redisUrl?: string): Promise<Result[]> {
  const results: Result[] = [];
  for (const clients of COUNTS) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = kind === 'baseline' ? await startBaseline(port) : await startOurs(port, kind === 'oursRedis' ? { REDIS_URL: redisUrl!, SOCKET_ADAPTER: 'redis' } : {});
    try {
      await ready(url, kind === 'baseline');
      results.push(await load(url, clients, server.pid!));
    } finally {
      server.kill('SIGKILL');
    }
  }
  return results;
}

async function main(): Promise<void> {
  const baseline = await measure('baseline');
  const ours = await measure('ours');
  const redis = await startRedis();
  let oursRedis: Result[];
  try {
    oursRedis = await measure('oursRedis', redis.url);
  } finally {
    await redis.destroy();
  }
  console.log(`\nSignaling: join + 2 transports + leave per client, rooms of 4, ${os.cpus().length} cores (server and clients share them)\n`);
  console.log('| clients | baseline p50/p99 ms | ours p50/p99 ms | p99 ours/baseline | ours errors | ours server memory per client |');
  console.log('|---|---|---|---|---|---|');
  for (const [i, o] of ours.entries()) {
    const b = baseline[i]!;
    console.log(`| ${o.clients} | ${b.p50Ms} / ${b.p99Ms} | ${o.p50Ms} / ${o.p99Ms} | ${(o.p99Ms / b.p99Ms).toFixed(1)} | ${o.errors} of ${o.requests} | ${o.rssPerClientKb} KB |`);
  }
  console.log('\nThe same with Redis (store and Socket.IO adapter), against ours without:\n');
  console.log('| clients | ours p50/p99 ms | with Redis adapter p50/p99 ms | p99 with/without | errors with Redis |');
  console.log('|---|---|---|---|---|');
  for (const [i, r] of oursRedis.entries()) {
    const o = ours[i]!;
    console.log(`| ${r.clients} | ${o.p50Ms} / ${o.p99Ms} | ${r.p50Ms} / ${r.p99Ms} | ${(r.p99Ms / o.p99Ms).toFixed(1)} | ${r.errors} of ${r.requests} |`);
  }
  await fs.mkdir(path.join(import.meta.dirname, 'results'), { recursive: true });
  await fs.writeFile(path.join(import.meta.dirname, 'results', 'signaling.json'), JSON.stringify({ measuredAt: new Date().toISOString(), baseline, ours, oursRedis }, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
