/**
 * Signaling with 1, 2 and 3 instances behind nginx on one Redis (#17), in one run: the load of
 * signaling.bench.ts (N Socket.IO clients join development rooms of four at once, ask for their two
 * WebRTC transports, and leave), with the clients spread over the fronts round-robin, so the four
 * members of a room come in through different instances. Reports p50/p99 of the acks and errors
 * per instance count, and each node's open rooms (its /health `rooms`) once everyone has joined.
 * Every instance, nginx, Redis and the clients share this machine's cores.
 * Run: npx tsx bench/cluster-signaling.bench.ts [--clients=500] [--instances=1,2,3]
 * Writes bench/results/cluster-signaling.json.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { startFleet, type Fleet } from '../test/helpers/fleet.ts';

const CLIENTS = Number(process.argv.find((a) => a.startsWith('--clients='))?.split('=')[1] ?? '500');
const INSTANCES = (process.argv.find((a) => a.startsWith('--instances='))?.split('=')[1] ?? '1,2,3').split(',').map(Number);
const CONNECT_BATCH = 50;
const ROOM_SIZE = 4;

interface NodeRooms {
  node: string;
  rooms: number;
}

interface Result {
  instances: number;
  clients: number;
  /** Clients whose connection through nginx failed (not in the requests). */
  connectErrors: number;
  requests: number;
  errors: number;
  /** Why requests failed: the error code of a refusal, or `timeout`. */
  errorCodes: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  joinP50Ms: number;
  joinP99Ms: number;
  /** Rooms the clients asked for, and what the nodes report open after the joins. */
  distinctRooms: number;
  roomsPerNode: NodeRooms[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

const round = (ms: number) => +ms.toFixed(1);

function connect(url: string, name: string): Promise<Socket> {
  const socket = io(url, { auth: { kind: 'dev', displayName: name }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

async function load(fleet: Fleet): Promise<Result> {
  const latencies: number[] = [];
  const joinLatencies: number[] = [];
  const errorCodes: Record<string, number> = {};
  const fail = (code: string) => {
    errorCodes[code] = (errorCodes[code] ?? 0) + 1;
  };
  const timed = async (socket: Socket, event: string, payload: unknown, into: number[][]) => {
    const start = performance.now();
    try {
      const reply = (await socket.timeout(20_000).emitWithAck(event, payload)) as { ok: boolean; error?: { code?: string } };
      if (!reply.ok) fail(reply.error?.code ?? 'unknown');
    } catch {
      fail('timeout');
    }
    const elapsed = performance.now() - start;
    for (const list of into) list.push(elapsed);
  };

  // Client i comes in through front i mod n; room i div 4. With n > 1 consecutive clients alternate
  // fronts, so every room has members on different instances.
  const clients: Array<{ socket: Socket; index: number }> = [];
  let connectErrors = 0;
  for (let i = 0; i < CLIENTS; i += CONNECT_BATCH) {
    const batch = await Promise.allSettled(
      Array.from({ length: Math.min(CONNECT_BATCH, CLIENTS - i) }, async (_, j) => ({ socket: await connect(fleet.fronts[(i + j) % fleet.fronts.length]!, `用户${i + j}`), index: i + j })),
    );
    for (const outcome of batch) {
      if (outcome.status === 'fulfilled') clients.push(outcome.value);
      else connectErrors++;
    }
  }

  await Promise.all(
    clients.map(async ({ socket, index }) => {
      await timed(socket, 'room:join', { roomId: `bench-${Math.floor(index / ROOM_SIZE)}`, displayName: `用户${index}` }, [latencies, joinLatencies]);
      await timed(socket, 'transport:create', { direction: 'send' }, [latencies]);
      await timed(socket, 'transport:create', { direction: 'recv' }, [latencies]);
    }),
  );
  // Asked of each instance directly, not through nginx, which would answer from a backup.
  const roomsPerNode = await Promise.all(
    fleet.nodes.map(async (node) => ({ node: node.id, rooms: Number(((await (await fetch(`${node.url}/health`)).json()) as { rooms?: number }).rooms ?? Number.NaN) })),
  );
  await Promise.all(clients.map(({ socket }) => timed(socket, 'room:leave', {}, [latencies])));
  for (const { socket } of clients) socket.close();

  latencies.sort((a, b) => a - b);
  joinLatencies.sort((a, b) => a - b);
  return {
    instances: fleet.nodes.length,
    clients: CLIENTS,
    connectErrors,
    requests: latencies.length,
    errors: Object.values(errorCodes).reduce((sum, n) => sum + n, 0),
    errorCodes,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    joinP50Ms: round(percentile(joinLatencies, 50)),
    joinP99Ms: round(percentile(joinLatencies, 99)),
    distinctRooms: Math.ceil(CLIENTS / ROOM_SIZE),
    roomsPerNode,
  };
}

async function main(): Promise<void> {
  const results: Result[] = [];
  for (const instances of INSTANCES) {
    const fleet = await startFleet({ instances, env: { DEV_ROOMS: '1', LOG_LEVEL: 'warn', MEDIA_MAX_PEERS_PER_ROOM: String(ROOM_SIZE) } });
    try {
      results.push(await load(fleet));
    } finally {
      await fleet.stop();
    }
  }

  console.log(
    `\nSignaling through nginx with several instances on one Redis: ${CLIENTS} clients, join + 2 transports + leave each, rooms of ${ROOM_SIZE}, clients round-robin over the fronts; ${os.cpus().length} cores shared by the instances, nginx, Redis and the clients\n`,
  );
  console.log('| instances | p50/p99 ms | join p50/p99 ms | errors | rooms open per node after the joins (rooms asked for) |');
  console.log('|---|---|---|---|---|');
  for (const r of results) {
    const errors = `${r.errors} of ${r.requests}${r.errors ? ` (${Object.entries(r.errorCodes).map(([code, n]) => `${code} ${n}`).join(', ')})` : ''}${r.connectErrors ? `; ${r.connectErrors} clients could not connect` : ''}`;
    const rooms = r.roomsPerNode.map((n) => `${n.node} ${n.rooms}`).join(' · ');
    console.log(`| ${r.instances} | ${r.p50Ms} / ${r.p99Ms} | ${r.joinP50Ms} / ${r.joinP99Ms} | ${errors} | ${rooms} (${r.distinctRooms}) |`);
  }
  for (const r of results) {
    const open = r.roomsPerNode.reduce((sum, n) => sum + n.rooms, 0);
    // Each room owned once (#17) makes the sum the rooms asked for; more means copies of a room.
    if (open > r.distinctRooms) console.log(`\nWith ${r.instances} instances the nodes hold ${open} rooms for ${r.distinctRooms} asked for: a room has a copy on each instance its members came through.`);
  }
  await fs.mkdir(path.join(import.meta.dirname, 'results'), { recursive: true });
  await fs.writeFile(path.join(import.meta.dirname, 'results', 'cluster-signaling.json'), JSON.stringify({ measuredAt: new Date().toISOString(), clients: CLIENTS, results }, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
