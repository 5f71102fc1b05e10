import { createHmac } from 'node:crypto';

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/**
 * Time-limited TURN credentials in coturn's REST scheme (`use-auth-secret`): the username is the
 * expiry time and a label, the password an HMAC-SHA1 of it with the secret coturn shares. A leaked
 * credential stops working when it expires; no per-user state lives on the TURN server.
 */
export function turnIceServers(urls: string[], secret: string | undefined, label: string, now: Date, ttlSeconds = 12 * 3600): IceServer[] {
  if (urls.length === 0 || !secret) return [];
  const username = `${Math.floor(now.getTime() / 1000) + ttlSeconds}:${label}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return [{ urls, username, credential }];
}
