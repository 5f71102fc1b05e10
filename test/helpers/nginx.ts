import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../server/media/worker-binary.mjs';
import { captureOutput, spawnTracked, waitForExit, waitUntil } from './processes.ts';
import { rawRequest } from './raw-http.ts';
import type { TestCertificate } from './tls.ts';

export const NGINX_PATH = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const SHIPPED_NGINX_SITE = path.join(repoRoot, 'deploy', 'nginx.conf');

export interface NginxPorts {
  app: number;
  https: number;
  http: number;
}

/**
 * The shipped site file with this test's ports and certificate put where a deployment puts its
 * own (the lines marked CHANGE), IPv6 listens dropped. Each replaced line must be there: if the
 * shipped file changes shape, this says so instead of testing something else.
 */
export function renderNginxSite(template: string, ports: NginxPorts, certificate: TestCertificate): string {
  const replacements: Array<[RegExp, string]> = [
    [/^(\s*)server 127\.0\.0\.1:3000;/m, `$1server 127.0.0.1:${ports.app};`],
    [/^(\s*)listen 443 ssl http2;/m, `$1listen 127.0.0.1:${ports.https} ssl http2;`],
    [/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${ports.http};`],
    [/^\s*listen \[::\]:443 ssl http2;\n/m, ''],
    [/^\s*listen \[::\]:80;\n/m, ''],
    [/^(\s*)ssl_certificate\s+\S+;/m, `$1ssl_certificate ${certificate.certFile};`],
    [/^(\s*)ssl_certificate_key\s+\S+;/m, `$1ssl_certificate_key ${certificate.keyFile};`],
  ];
  let site = template;
  for (const [pattern, replacement] of replacements) {
    if (!pattern.test(site)) throw new Error(`deploy/nginx.conf no longer has a line matching ${pattern}; update test/helpers/nginx.ts with it`);
    site = site.replace(pattern, replacement);
  }
  return site;
}

export interface RunningNginx {
  dir: string;
  stop(): Promise<void>;
}

export interface NginxOptions {
  /** Requested until nginx answers it with any status. */
  probeUrl: string;
  /** Per worker; each proxied WebSocket takes two (the client's and the upstream's). */
  workerConnections?: number;
}

/**
 * nginx in the foreground with its own prefix, pid, logs and temp dirs, serving `site`; `stop`
 * removes them. A number stands for the https port whose /health is probed (the shipped site).
 */
export async function startNginx(site: string, probe: number | NginxOptions): Promise<RunningNginx> {
  if (!fs.existsSync(NGINX_PATH)) throw new Error(`nginx not found at ${NGINX_PATH}: install Debian's nginx-light (npm test's setup does).`);
  const { probeUrl, workerConnections = 256 } = typeof probe === 'number' ? { probeUrl: `https://127.0.0.1:${probe}/health` } : probe;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-nginx-'));
  fs.mkdirSync(path.join(dir, 'logs'));
  fs.writeFileSync(path.join(dir, 'site.conf'), site);
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/logs/error.log warn;`,
      `events { worker_connections ${workerConnections}; }`,
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind}_temp;`),
      `  include ${dir}/site.conf;`,
      '}',
      '',
    ].join('\n'),
  );
  // -e: the log nginx writes before it has read the configuration (else /var/log/nginx).
  const child = spawnTracked(NGINX_PATH, ['-p', dir, '-e', `${dir}/logs/error.log`, '-c', `${dir}/nginx.conf`, '-g', 'daemon off;']);
  const output = captureOutput(child);
  const log = () => `${output()}\n${fs.existsSync(`${dir}/logs/error.log`) ? fs.readFileSync(`${dir}/logs/error.log`, 'utf8') : ''}`;
  try {
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error('nginx exited');
        return (await rawRequest(probeUrl, {}, { insecure: true })).status > 0;
      },
      { timeoutMs: 15_000, what: 'nginx to answer' },
    );
  } catch (error) {
    const failure = new Error(`${String(error)}\n--- nginx output ---\n${log()}`);
    child.kill('SIGKILL');
    await waitForExit(child).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    throw failure;
  }
  return {
    dir,
    async stop() {
      // SIGQUIT: graceful stop; the master ends its worker first.
      child.kill('SIGQUIT');
      await waitForExit(child, 10_000).catch(async () => {
        child.kill('SIGKILL');
        await waitForExit(child).catch(() => undefined);
      });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
