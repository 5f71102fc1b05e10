import { randomBytes } from 'node:crypto';
import { DEMO_PASSWORD } from '../../server/services/demo-seed.ts';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

/** A small JSON client for the HTTP API, as a browser would call it. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  as(token: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async call<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const res = await fetch(`${this.baseUrl}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  get<T = any>(path: string) {
    return this.call<T>('GET', path);
  }
  post<T = any>(path: string, body: unknown = {}) {
    return this.call<T>('POST', path, body);
  }
  delete<T = any>(path: string) {
    return this.call<T>('DELETE', path);
  }

  /** Signs in and returns a client carrying the access token; fails loudly otherwise. */
  async login(username: string, password = DEMO_PASSWORD): Promise<ApiClient> {
    const res = await this.as(undefined).post('/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return this.as(res.body.accessToken);
  }
}

export function newDeviceId(): string {
  return randomBytes(16).toString('base64url');
}

/** The invitation token carried in the fragment of an invitation link. */
export function tokenOfLink(url: string): string {
  return url.slice(url.indexOf('#') + 1);
}
