import type { SessionTokens } from '@protocol';
import { ApiError } from './api-error.ts';
import { requestJson, type HttpMethod } from './http.ts';
import { staffSession, type StaffSession } from './staff-session.ts';

let refreshing: Promise<StaffSession | undefined> | undefined;

/**
 * Trades the refresh token for new tokens. Single-flight: refresh tokens rotate (each works once),
 * so two requests refreshing at the same moment would sign the user out; they share one attempt.
 * A failed refresh ends the session, which sends the app to the sign-in page.
 */
function refreshSession(stale: StaffSession): Promise<StaffSession | undefined> {
  refreshing ??= (async () => {
    try {
      const next = await requestJson<SessionTokens>('POST', '/auth/refresh', { body: { refreshToken: stale.refreshToken } });
      staffSession.set(next);
      return next;
    } catch (error) {
      // Offline is not a verdict on the session: keep it and let the caller report the error.
      if (error instanceof ApiError && error.code === 'network') throw error;
      staffSession.clear('expired');
      return undefined;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

function signedOut(): ApiError {
  return new ApiError(401, 'unauthenticated', 'Sign in first.');
}

/**
 * A staff API call with the Bearer token; on 401 it refreshes once and repeats the call once.
 * Repeating a POST is safe here: a 401 is decided before any handler runs, so nothing was done.
 */
export async function staffRequest<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  // No refresh ahead of the stated expiry: that would trust this device's clock. The 401 tells.
  const session = staffSession.get();
  if (!session) throw signedOut();
  try {
    return await requestJson<T>(method, path, { body, token: session.accessToken });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
  }
  // Another call may have refreshed while this one was in flight: use its tokens rather than
  // spending the (already rotated) refresh token again.
  const latest = staffSession.get();
  const renewed = latest && latest.accessToken !== session.accessToken ? latest : latest && (await refreshSession(latest));
  if (!renewed) throw signedOut();
  try {
    return await requestJson<T>(method, path, { body, token: renewed.accessToken });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) staffSession.clear('expired');
    throw error;
  }
}

/**
 * Renews the access token after something other than an HTTP call found it dead (a refused socket
 * handshake). True when a fresh token is in the session now.
 */
export async function renewStaffAccess(staleAccessToken: string | undefined): Promise<boolean> {
  const latest = staffSession.get();
  if (!latest) return false;
  // Renewed meanwhile by another caller: the refresh token has rotated, use what it got.
  if (staleAccessToken && latest.accessToken !== staleAccessToken) return true;
  return !!(await refreshSession(latest));
}

export async function login(username: string, password: string): Promise<StaffSession> {
  const session = await requestJson<SessionTokens>('POST', '/auth/login', { body: { username, password } });
  staffSession.set(session);
  return session;
}

/**
 * Ends the session on the server (access token revoked, refresh token dropped), then here,
 * whatever the server said. With an expired access token the refresh token is still live, so it
 * is spent on one refresh to be able to revoke what that returns.
 */
export async function logout(): Promise<void> {
  const session = staffSession.get();
  if (!session) return;
  const end = (s: StaffSession) => requestJson<void>('POST', '/auth/logout', { body: { refreshToken: s.refreshToken }, token: s.accessToken });
  try {
    try {
      await end(session);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
      const renewed = await refreshSession(session);
      if (renewed) await end(renewed);
    }
  } catch {
    // Signing out here matters more than telling the server.
  } finally {
    staffSession.clear();
  }
}
