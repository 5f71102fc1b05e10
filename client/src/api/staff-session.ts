import type { AccountView, SessionTokens } from '@protocol';

export type StaffSession = SessionTokens;

/*
 * Staff tokens live in sessionStorage: they survive a reload but end with the tab, and are not
 * shared with other tabs or left behind on a shared office computer the way localStorage would
 * leave them. Script injected into the page could read them from either storage (or from memory),
 * so the real limits are the short access token and the refresh token that works only once.
 */
const STORAGE_KEY = 'mediation-room.staff-session';

const listeners = new Set<() => void>();
let current: StaffSession | undefined = load();
/** Why the last session ended: `expired` when the server stopped honouring it (not a sign-out). */
let endReason: 'signed_out' | 'expired' | undefined;

function load(): StaffSession | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<StaffSession>;
    return value.accessToken && value.refreshToken && value.account ? (value as StaffSession) : undefined;
  } catch {
    return undefined;
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

export const staffSession = {
  get(): StaffSession | undefined {
    return current;
  },
  account(): AccountView | undefined {
    return current?.account;
  },
  endReason(): 'signed_out' | 'expired' | undefined {
    return endReason;
  },
  set(session: StaffSession): void {
    current = session;
    endReason = undefined;
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } catch {
      // Storage can be full or disabled; the session still works until the tab reloads.
    }
    notify();
  },
  clear(reason: 'signed_out' | 'expired' = 'signed_out'): void {
    if (!current) return;
    current = undefined;
    endReason = reason;
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // As above.
    }
    notify();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
