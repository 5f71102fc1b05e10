import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../helpers/fleet.ts';
import { waitUntil } from '../helpers/processes.ts';
import { connectRaw, send } from '../helpers/signaling-client.ts';

/*
 * The multi-instance harness of #17 itself, not the cluster feature: two app processes on one
 * Redis behind nginx, a front per instance that reaches it first, failover when it dies.
 */

let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet({ instances: 2 });
});

afterAll(async () => {
  await fleet?.stop();
});

/** /health through a front, and which instance answered: nginx's X-Upstream ends with it. */
async function healthThrough(front: string): Promise<{ status: number; answeredBy: string | undefined; body: Record<string, unknown> }> {
  const response = await fetch(`${front}/health`);
  const tried = response.headers.get('x-upstream')?.split(',').map((address) => address.trim()) ?? [];
  const last = tried.at(-1);
  return { status: response.status, answeredBy: fleet.nodes.find((node) => `127.0.0.1:${node.port}` === last)?.id, body: (await response.json()) as Record<string, unknown> };
}

/** The processes a pid started (mediasoup workers), from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name (field 2) may hold spaces and parentheses: the fields after its last ')' are plain.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return children;
}

const isRunning = (pid: number) => {
  try {
    // A zombie still has its /proc entry; its state letter says it is dead.
    return !/^\d+ \(.*\) [ZX]/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('a fleet of two instances behind nginx', () => {
  it('front i answers from instance i', async () => {
    for (const [i, front] of fleet.fronts.entries()) {
      const health = await healthThrough(front);
      expect(health.status).toBe(200);
      expect(health.answeredBy).toBe(`node-${i}`);
      expect(health.body).toMatchObject({ status: 'ok', store: 'redis' });
      // Once the cluster mode reports its node id (#17), it must be this instance's.
      if ('node' in health.body) expect(health.body.node).toBe(`node-${i}`);
    }
  });

  it('each instance runs in cluster mode with its own id, on the one Redis', () => {
    for (const [i, node] of fleet.nodes.entries()) {
      const env = new Map(
        fs
          .readFileSync(`/proc/${node.process.pid}/environ`, 'utf8')
          .split('\0')
          .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)] as const),
      );
      expect(node.id).toBe(`node-${i}`);
      expect({ CLUSTER: env.get('CLUSTER'), NODE_ID: env.get('NODE_ID'), REDIS_URL: env.get('REDIS_URL'), SOCKET_ADAPTER: env.get('SOCKET_ADAPTER') }).toEqual({
        CLUSTER: 'on',
        NODE_ID: node.id,
        REDIS_URL: fleet.redis.url,
        SOCKET_ADAPTER: 'redis',
      });
    }
  });

  it('a Socket.IO client connects through a front over a WebSocket and a request round-trips', async () => {
    const socket = await connectRaw(fleet.fronts[1]!, { kind: 'dev', displayName: '测试' });
    try {
      expect(socket.io.engine.transport.name).toBe('websocket');
      expect(await send(socket, 'room:join', { roomId: 'fleet-harness', displayName: '测试' })).toMatchObject({ ok: true });
      expect(await send(socket, 'room:leave', {})).toMatchObject({ ok: true });
    } finally {
      socket.close();
    }
  });

  it('after kill -9 of instance 0, front 0 answers from instance 1; after a restart, from instance 0 again', async () => {
    const node = fleet.nodes[0]!;
    const workers = childrenOf(node.process.pid);
    expect(workers.length).toBeGreaterThan(0);

    expect(await fleet.kill(0, 'SIGKILL')).toMatchObject({ signal: 'SIGKILL' });
    expect(node.alive).toBe(false);
    const health = await healthThrough(fleet.fronts[0]!);
    expect(health.status).toBe(200);
    expect(health.answeredBy).toBe('node-1');
    const socket = await connectRaw(fleet.fronts[0]!, { kind: 'dev', displayName: '测试' });
    socket.close();
    // The killed instance's mediasoup worker follows it, freeing its media ports for the restart.
    await waitUntil(() => workers.every((pid) => !isRunning(pid)) || undefined, { timeoutMs: 5_000, what: 'the killed instance’s workers to exit' });

    const restarted = await fleet.restart(0);
    expect(restarted).toBe(node);
    expect(node.alive).toBe(true);
    // nginx takes instance 0 back once its fail_timeout (2 s) has passed.
    await waitUntil(async () => (await healthThrough(fleet.fronts[0]!)).answeredBy === 'node-0' || undefined, { timeoutMs: 10_000, what: 'front 0 to reach instance 0 again' });
  });

  it('stop ends every process and removes the data directories', async () => {
    const pids = fleet.nodes.map((node) => node.process.pid);
    await fleet.stop();
    for (const pid of pids) expect(isRunning(pid)).toBe(false);
    for (const node of fleet.nodes) expect(fs.existsSync(node.dataDir)).toBe(false);
    expect(fs.existsSync(fleet.redis.dataDir)).toBe(false);
    await expect(fetch(`${fleet.fronts[0]}/health`)).rejects.toThrow();
    await expect(fetch(`${fleet.nodes[1]!.url}/health`)).rejects.toThrow();
  });
});
