import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import { startNginx, type RunningNginx } from './nginx.ts';
import { freePort, waitUntil } from './processes.ts';
import { startRedis, type RedisServer } from './redis.ts';
import { startServerProcess, tempDataDir, type ServerProcess } from './server.ts';

/*
 * Several app instances as real processes on this machine, one Redis, and Debian's nginx in front
 * (#17): the shape of a multi-instance deployment, for the cluster tests and benchmark.
 *
 * nginx listens on one front port per instance. Front i's upstream lists every instance, i first
 * and the others as `backup`, so a client is put deterministically on instance i while still
 * going through nginx, and is failed over to a live instance when i dies (nginx takes turns among
 * the backups when there are two: which one is not fixed).
 */

export interface FleetOptions {
  /** How many app instances (1 to 3). */
  instances: number;
  /**
   * Added to every instance's environment over the fleet's defaults (CLUSTER, REDIS_URL,
   * SOCKET_ADAPTER, MEDIA_WORKERS, TRUST_PROXY), but not over what keeps the instances apart:
   * NODE_ID, PORT, DATA_DIR and the media ports.
   */
  env?: Record<string, string>;
  /** A Redis of the caller's; `stop` leaves it running. Without it the fleet starts its own. */
  redis?: RedisServer;
}

export interface FleetNode {
  /** NODE_ID: `node-0`, `node-1`, … */
  id: string;
  /** The instance's own address (not through nginx); it keeps it across `restart`. */
  url: string;
  port: number;
  /** DATA_DIR (the seal identities and the like; cases are in Redis); `stop` removes it. */
  dataDir: string;
  /** The running process; replaced by `restart`. */
  process: ServerProcess;
  /** False between `kill` and `restart`. */
  alive: boolean;
}

export interface Fleet {
  redis: RedisServer;
  nodes: FleetNode[];
  /** `fronts[i]`: nginx's address that reaches instance i first, the others only when it is down. */
  fronts: string[];
  /** Sends `signal` to instance i and waits for its exit (SIGKILL: a crash; SIGTERM: a shutdown). */
  kill(index: number, signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Starts instance i again with its id, port, media ports and data directory (stopping it first if it runs). */
  restart(index: number): Promise<FleetNode>;
  /** Ends nginx, every instance and (unless given) Redis, and removes their directories. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Each instance's RTC_MIN_PORT..RTC_MAX_PORT: this many ports, side by side from a base picked at
 * random per fleet, so the instances of one fleet never share a range and two fleets on the
 * machine (a test file and a benchmark) seldom do; mediasoup skips a taken port anyway.
 */
const RTC_PORTS_PER_INSTANCE = 100;

/**
 * The cluster mode (#17), with NODE_ID per instance. An app without it ignores CLUSTER and NODE_ID:
 * the config schema drops variables it does not know.
 */
function clusterEnv(redisUrl: string): Record<string, string> {
  return { CLUSTER: 'on', REDIS_URL: redisUrl, SOCKET_ADAPTER: 'redis' };
}

interface Backend {
  port: number;
}

/**
 * The fleet's nginx site: per instance an upstream (that instance, then the others as backups) and
 * a plain-http front. Proxy settings as deploy/nginx.conf's (the WebSocket upgrade, X-Forwarded-*),
 * plus what failover needs: a dead instance is skipped after one refused connect (max_fails=1) for
 * 2 s, and a request it could not take is passed on (proxy_next_upstream) within 1 s of connecting.
 * X-Upstream names the instance(s) tried, last the one that answered.
 */
export function fleetNginxSite(backends: Backend[], frontPorts: number[]): string {
  const lines = ['map $http_upgrade $connection_upgrade {', '    default upgrade;', "    ''      '';", '}', ''];
  const forwarded = ['proxy_set_header Host $http_host;', 'proxy_set_header X-Forwarded-For $remote_addr;', 'proxy_set_header X-Forwarded-Proto $scheme;', 'proxy_set_header X-Forwarded-Host $http_host;'];
  for (const [i, frontPort] of frontPorts.entries()) {
    const order = [i, ...backends.keys()].filter((index, at, all) => all.indexOf(index) === at);
    lines.push(
      `upstream fleet_front_${i} {`,
      ...order.map((index) => `    server 127.0.0.1:${backends[index]!.port} max_fails=1 fail_timeout=2s${index === i ? '' : ' backup'};`),
      '    keepalive 16;',
      '}',
      '',
      'server {',
      `    listen 127.0.0.1:${frontPort};`,
      '    server_tokens off;',
      '    gzip off;',
      '    client_max_body_size 1m;',
      '    proxy_connect_timeout 1s;',
      '    proxy_next_upstream error timeout;',
      '    add_header X-Upstream $upstream_addr always;',
      '',
      '    location /socket.io/ {',
      `        proxy_pass http://fleet_front_${i};`,
      '        proxy_http_version 1.1;',
      '        proxy_set_header Upgrade $http_upgrade;',
      '        proxy_set_header Connection $connection_upgrade;',
      ...forwarded.map((line) => `        ${line}`),
      '        proxy_read_timeout 120s;',
      '        proxy_send_timeout 120s;',
      '        proxy_buffering off;',
      '    }',
      '',
      '    location / {',
      `        proxy_pass http://fleet_front_${i};`,
      '        proxy_http_version 1.1;',
      "        proxy_set_header Connection '';",
      ...forwarded.map((line) => `        ${line}`),
      '        proxy_read_timeout 60s;',
      '    }',
      '}',
      '',
    );
  }
  return lines.join('\n');
}

interface NodeSpec {
  id: string;
  env: Record<string, string>;
  dataDir: string;
}

/** Starts Redis (unless given), `instances` app processes sharing it, and nginx in front of them. */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const { instances } = options;
  if (!Number.isInteger(instances) || instances < 1 || instances > 3) throw new Error(`startFleet: instances must be 1, 2 or 3 (got ${instances})`);

  // What exists so far, so that a start failing half-way still cleans up all of it.
  let ownRedis: RedisServer | undefined;
  let nginx: RunningNginx | undefined;
  const specs: NodeSpec[] = [];
  const nodes: Array<FleetNode | undefined> = [];
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const failures: unknown[] = [];
    const attempt = async (what: () => Promise<void> | void) => {
      try {
        await what();
      } catch (error) {
        failures.push(error);
      }
    };
    await attempt(() => nginx?.stop());
    // SIGTERM lets each instance close its workers and Redis connections; one that hangs is killed.
    await Promise.all(
      nodes.map((node) =>
        attempt(async () => {
          if (!node?.alive) return;
          node.alive = false;
          await node.process.stop('SIGTERM').catch(() => node.process.stop('SIGKILL'));
        }),
      ),
    );
    await attempt(() => ownRedis?.destroy());
    for (const spec of specs) await attempt(() => fs.rmSync(spec.dataDir, { recursive: true, force: true }));
    if (failures.length) throw new AggregateError(failures, `stopping the fleet failed ${failures.length} time(s)`);
  };

  try {
    if (!options.redis) ownRedis = await startRedis();
    const redis = options.redis ?? ownRedis!;
    const rtcBase = 41_000 + randomInt(0, 50) * RTC_PORTS_PER_INSTANCE * 3;
    for (let i = 0; i < instances; i++) {
      const id = `node-${i}`;
      const dataDir = tempDataDir();
      const rtcMin = rtcBase + i * RTC_PORTS_PER_INSTANCE;
      specs.push({
        id,
        dataDir,
        env: {
          TRUST_PROXY: 'loopback',
          MEDIA_WORKERS: '1',
          ...clusterEnv(redis.url),
          ...options.env,
          // What keeps the instances apart on one machine, beyond the caller's reach.
          NODE_ID: id,
          PORT: String(await freePort()),
          DATA_DIR: dataDir,
          WEBRTC_PORT: String(await freePort()),
          RTC_MIN_PORT: String(rtcMin),
          RTC_MAX_PORT: String(rtcMin + RTC_PORTS_PER_INSTANCE - 1),
        },
      });
    }

    // A restart updates the node in place, so a test holding `fleet.nodes[i]` sees the new process.
    const launch = async (index: number): Promise<FleetNode> => {
      const spec = specs[index]!;
      const server = await startServerProcess(spec.env);
      const existing = nodes[index];
      if (existing) {
        existing.process = server;
        existing.alive = true;
        return existing;
      }
      const node: FleetNode = { id: spec.id, url: server.url, port: Number(spec.env.PORT), dataDir: spec.env.DATA_DIR!, process: server, alive: true };
      nodes[index] = node;
      return node;
    };
    // The first instance alone: in demo mode each one seeds the shared store unless it finds it
    // seeded, and two seeding at once would collide on the demo records.
    await launch(0);
    // Settled, not Promise.all: an instance still starting when another fails must be in `nodes`
    // before the clean-up below runs, or it would outlive the fleet.
    const others = await Promise.allSettled(specs.slice(1).map((_, j) => launch(j + 1)));
    for (const outcome of others) if (outcome.status === 'rejected') throw outcome.reason;

    const frontPorts: number[] = [];
    for (let i = 0; i < instances; i++) frontPorts.push(await freePort());
    const fronts = frontPorts.map((port) => `http://127.0.0.1:${port}`);
    nginx = await startNginx(
      fleetNginxSite(
        specs.map((spec) => ({ port: Number(spec.env.PORT) })),
        frontPorts,
      ),
      // Each proxied WebSocket holds two connections: room for a benchmark's thousands of clients.
      { probeUrl: `${fronts[0]}/health`, workerConnections: 8192 },
    );
    for (const front of fronts) {
      await waitUntil(async () => (await fetch(`${front}/health`)).ok || undefined, { timeoutMs: 10_000, what: `${front}/health through nginx` });
    }

    const live = nodes as FleetNode[];
    return {
      redis,
      nodes: live,
      fronts,
      async kill(index, signal = 'SIGKILL') {
        const node = nodeAt(live, index, stopped);
        node.alive = false;
        return node.process.stop(signal);
      },
      async restart(index) {
        const node = nodeAt(live, index, stopped);
        if (node.alive) {
          node.alive = false;
          await node.process.stop('SIGTERM');
        }
        return launch(index);
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

function nodeAt(nodes: FleetNode[], index: number, stopped: boolean): FleetNode {
  // A restart after `stop` would start an instance nothing ends.
  if (stopped) throw new Error('the fleet is stopped');
  const node = nodes[index];
  if (!node) throw new Error(`the fleet has no instance ${index} (it has ${nodes.length})`);
  return node;
}
