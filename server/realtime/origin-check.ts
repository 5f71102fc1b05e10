import type { IncomingMessage } from 'node:http';

/**
 * Which browser pages may open a socket: the server's own origin (the page it served, as the Host
 * header names it), PUBLIC_URL's, and the configured ALLOWED_ORIGINS. A browser always sends
 * Origin on a WebSocket handshake and cannot forge it, so a page elsewhere is refused here.
 *
 * No Origin at all is admitted: that is not a browser's WebSocket (our client uses no polling),
 * but a program (tests, tools), which could send any Origin it liked anyway. Credentials travel
 * in the handshake payload, never in cookies, so a foreign page gains nothing it did not already
 * have; the check keeps other sites' pages from using a visitor's browser against us at all.
 */
export function originAllowed(request: Pick<IncomingMessage, 'headers'>, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  const host = request.headers.host;
  try {
    const url = new URL(origin);
    return !!host && url.origin === origin && (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
  } catch {
    return false; // "null" (a sandboxed or file page) and anything unparsable
  }
}
