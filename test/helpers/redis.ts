import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { captureOutput, freePort, spawnTracked, waitForExit, waitUntil } from './processes.ts';

export interface RedisServer {
  url: string;
  port: number;
  dataDir: string;
  /** Stops it (SIGTERM, or SIGKILL to simulate a crash); `start` brings it back on the same port and data. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its data directory. */
  destroy(): Promise<void>;
}

/** A private `redis-server` on a free port with its own data directory. */
export async function startRedis(options: { appendfsync?: 'always' | 'everysec' | 'no' } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--save', '', '--protected-mode', 'yes'];
  if (options.appendfsync) args.push('--appendonly', 'yes', '--appendfsync', options.appendfsync);
  else args.push('--appendonly', 'no');
  let child: ReturnType<typeof spawnTracked> | undefined;
  const url = `redis://127.0.0.1:${port}`;

  const start = async () => {
    child = spawnTracked('redis-server', args);
    const output = captureOutput(child);
    await waitUntil(
      async () => {
        if (child?.exitCode !== null) throw new Error(`redis-server exited: ${output()}`);
        const client = createClient({ url, socket: { reconnectStrategy: false } });
        client.on('error', () => undefined);
        try {
          await client.connect();
          return (await client.ping()) === 'PONG' || undefined;
        } finally {
          if (client.isOpen) await client.close();
        }
      },
      { timeoutMs: 10_000, what: `redis-server on port ${port}` },
    );
  };
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (!child || child.exitCode !== null) return;
    child.kill(signal);
    await waitForExit(child);
  };
  await start();
  return {
    url,
    port,
    dataDir,
    start,
    stop,
    async destroy() {
      await stop('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
