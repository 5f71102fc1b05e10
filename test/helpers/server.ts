import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { rootLogger } from '../../server/logger.ts';
import { repoRoot } from '../../server/media/worker-binary.mjs';
import type { Clock } from '../../server/services/clock.ts';
import { newKeyFile } from '../../server/auth/secrets.ts';
import { captureOutput, freePort, spawnTracked, waitForExit, waitUntil } from './processes.ts';

/** Settings every test server shares: loopback only, one worker, quiet. */
export const testServerEnv: Record<string, string> = {
  HOST: '127.0.0.1',
  MEDIA_LISTEN_IP: '127.0.0.1',
  MEDIA_WORKERS: '1',
  WEBRTC_PORT: '0',
  APP_MODE: 'demo',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  // Suites keep a staff account's sockets of every case open until the file ends; the limit's own test sets it low.
  SOCKETS_PER_PRINCIPAL: '1000',
  // Test worlds give every resident one identity (张三, one ID number): with early warning on, all their
  // cases would be one repeated dispute and gain level events. Its own tests turn it on (EARLY_WARNING_ON).
  EARLY_WARNING: 'off',
};

/** For the tests of early warning (#15) and the walks of its pages. */
export const EARLY_WARNING_ON: Record<string, string> = { EARLY_WARNING: 'on' };

let secretsFile: string | undefined;

/**
 * The key file of this test process's servers, outside every data directory (as in production),
 * so that tests never write one into the user's config directory.
 */
export function testSecretsFile(): string {
  if (!secretsFile) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-keys-'));
    secretsFile = path.join(dir, 'keys.json');
    fs.writeFileSync(secretsFile, JSON.stringify(newKeyFile('test-1')), { mode: 0o600 });
  }
  return secretsFile;
}

/** A fresh data directory for one server's embedded store. */
export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-data-'));
}

/** The whole app in this process on a free port, with a real mediasoup worker and its own data directory. */
export async function startTestServer(env: Record<string, string> = {}, clock?: Clock): Promise<RunningApp> {
  const config = loadConfig({ ...testServerEnv, PORT: '0', DATA_DIR: tempDataDir(), SECRETS_FILE: testSecretsFile(), ...env });
  const log = rootLogger.child({ test: true });
  log.level = config.logLevel;
  return startApp(config, log, clock);
}

/** A clock tests move by hand, for deadlines and expiry. */
export class ManualClock implements Clock {
  constructor(private current = new Date()) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface ServerProcess {
  url: string;
  pid: number;
  output: () => string;
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The app as a child process, as `npm start` runs it, for crash and shutdown tests. A PORT in `env`
 * is kept (a restarted instance comes back at the address its proxy knows); otherwise a free one.
 */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawnTracked(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server', 'main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...testServerEnv, LOG_LEVEL: 'info', PORT: String(port), DATA_DIR: env.DATA_DIR ?? tempDataDir(), SECRETS_FILE: testSecretsFile(), ...env },
  });
  const output = captureOutput(child);
  const url = `http://127.0.0.1:${port}`;
  try {
    const exitedEarly = waitForExit(child, 60_000).then(({ code, signal }) => {
      throw new Error(`server exited during start-up (code ${code}, signal ${signal})`);
    });
    await Promise.race([
      exitedEarly,
      waitUntil(async () => (await fetch(`${url}/health`)).ok || undefined, { timeoutMs: 30_000, what: 'the server to answer /health' }),
    ]);
    exitedEarly.catch(() => undefined);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}\n--- server output ---\n${output()}`);
  }
  return {
    url,
    pid: child.pid!,
    output,
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      return waitForExit(child, 15_000);
    },
  };
}
