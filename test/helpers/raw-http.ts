import http from 'node:http';
import https from 'node:https';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent on the wire (still compressed if the server compressed it). */
  body: Buffer;
}

/**
 * One request with exactly the headers given: fetch would add its own Accept-Encoding and
 * decompress, hiding what the server sent. `insecure` accepts a test's self-signed certificate.
 */
export function rawRequest(url: string, headers: Record<string, string> = {}, options: { method?: string; insecure?: boolean } = {}): Promise<RawResponse> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(target, { method: options.method ?? 'GET', headers, rejectUnauthorized: !options.insecure }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}
