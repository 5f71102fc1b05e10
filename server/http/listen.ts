import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { RequestListener } from 'node:http';
import { ConfigError, type TlsConfig } from '../config.ts';

function readPem(file: string, setting: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new ConfigError(`${setting} (${file}) cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** The app's server: https with the configured certificate, else plain http (behind a TLS-terminating proxy). */
export function createAppServer(app: RequestListener, tls: TlsConfig | undefined): http.Server {
  if (!tls) return http.createServer(app);
  const cert = readPem(tls.certFile, 'TLS_CERT_FILE');
  const key = readPem(tls.keyFile, 'TLS_KEY_FILE');
  try {
    return https.createServer({ cert, key }, app);
  } catch (error) {
    throw new ConfigError(`TLS_CERT_FILE / TLS_KEY_FILE are not a usable certificate and key: ${(error as Error).message}`);
  }
}

/** The host name of a Host header (without its port), if it is a plain one. */
function hostNameOf(hostHeader: string | undefined): string | undefined {
  const match = /^([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/i.exec(hostHeader ?? '');
  return match?.[1];
}

/**
 * A plain-http server that sends every request to the same address over https (308 keeps the
 * method). With PUBLIC_URL set that is the target; otherwise the host the browser asked for.
 */
export function createRedirectServer(httpsPort: number, publicUrl: string | undefined): http.Server {
  return http.createServer((req, res) => {
    const host = hostNameOf(req.headers.host);
    const origin = publicUrl?.startsWith('https:') ? new URL(publicUrl).origin : host ? `https://${host}${httpsPort === 443 ? '' : `:${httpsPort}`}` : undefined;
    if (!origin) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad Host header\n');
      return;
    }
    res.writeHead(308, { location: `${origin}${req.url?.startsWith('/') ? req.url : '/'}`, 'content-type': 'text/plain; charset=utf-8' }).end('Moved to https\n');
  });
}

export function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
