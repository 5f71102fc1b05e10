import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nodeMajor, requiredNodeMajor } from '../../server/node-runtime.mjs';
import { ApiClient } from '../helpers/api-client.ts';
import { startServerProcess, tempDataDir } from '../helpers/server.ts';

/** This machine's first address other than loopback, if it has one. */
function externalIpv4(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return undefined;
}

describe('npm start (demo)', () => {
  it('says loudly that it is a demo and listens on this machine only unless HOST is given', async () => {
    const server = await startServerProcess({ HOST: '' });
    try {
      expect(server.output()).toMatch(/DEMO MODE — demo data, demo passwords .*not for real cases/);
      expect(server.output()).toContain('Bound to this machine only');
      expect(server.output()).toMatch(/"host":"127\.0\.0\.1"/);
      const ip = externalIpv4();
      if (ip) {
        const port = new URL(server.url).port;
        await expect(fetch(`http://${ip}:${port}/health`)).rejects.toThrow();
      }
    } finally {
      await server.stop();
    }
  });
});

describe('production', () => {
  it('refuses to start without an https PUBLIC_URL and a key file, one line each', async () => {
    await expect(startServerProcess({ APP_MODE: 'production', SECRETS_FILE: '' })).rejects.toThrow(
      /Refusing to start in production:\n\s+PUBLIC_URL must be the https:\/\/ address[^\n]*\n\s+SECRETS_FILE must name the key file/,
    );
    await expect(startServerProcess({ APP_MODE: 'production', PUBLIC_URL: 'http://tiaojie.example.org' })).rejects.toThrow(/PUBLIC_URL must be the https:\/\//);
    await expect(startServerProcess({ APP_MODE: 'production', PUBLIC_URL: 'https://tiaojie.example.org', DEV_ROOMS: '1' })).rejects.toThrow(/DEV_ROOMS cannot be on in production/);
  });

  it('starts with them, without demo accounts, development rooms or the demo banner', async () => {
    const server = await startServerProcess({ APP_MODE: 'production', PUBLIC_URL: 'https://tiaojie.example.org' });
    try {
      expect(await (await fetch(`${server.url}/health`)).json()).toMatchObject({ mode: 'production', devRooms: false });
      await expect(new ApiClient(server.url).login('admin')).rejects.toThrow(/login admin: 401/);
      expect(server.output()).not.toContain('DEMO MODE');
    } finally {
      await server.stop();
    }
  });
});

describe('an error nobody handled', () => {
  const preload = path.join(import.meta.dirname, '..', 'helpers', 'fail-on-signal.mjs');

  it.each([
    ['an uncaught exception', 'SIGUSR2', 'uncaught exception'],
    ['an unhandled rejection', 'SIGHUP', 'unhandled promise rejection'],
  ] as const)('is logged, then the server closes cleanly and exits 1 (%s)', async (_name, signal, logged) => {
    const dataDir = tempDataDir();
    const server = await startServerProcess({ DATA_DIR: dataDir, NODE_OPTIONS: `--import=${preload}` });
    const exit = await server.stop(signal);
    expect(exit, server.output()).toEqual({ code: 1, signal: null });
    expect(server.output()).toContain(logged);
    expect(server.output()).toContain('stopped cleanly');
    // The data directory was let go: the next start need not wait for a stale lock.
    expect(fs.existsSync(path.join(dataDir, 'LOCK'))).toBe(false);
  });
});

/** A `node` on the PATH older than the project's (the machine's own, where npm scripts put the pinned one first). */
function olderNodeOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'node');
    if (!fs.existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
    if (version && nodeMajor(version) < requiredNodeMajor()) return candidate;
  }
  return undefined;
}

describe('an older Node', () => {
  const oldNode = olderNodeOnPath();

  // These machines come with Node 20, which the project left; a machine with none has nothing to refuse.
  it.runIf(oldNode)('is refused before anything loads, in one line naming the command to use', () => {
    const repoRoot = path.resolve(import.meta.dirname, '..', '..');
    const result = spawnSync(oldNode!, ['--import', 'tsx', path.join(repoRoot, 'server', 'main.ts')], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, PORT: '0' },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`needs Node ${requiredNodeMajor()} or newer; this is Node \\d+\\.`));
    expect(result.stderr).toContain('npm run serve');
  });
});
