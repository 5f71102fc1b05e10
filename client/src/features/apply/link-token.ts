/*
 * The status and answer links carry their token in the fragment (never sent to a server, so never
 * in its logs). The page keeps it in localStorage and clears it from the address bar, so a reload or
 * a return visit still works and a screenshot of the address shows nothing.
 */
const KEYS = { status: 'mediation-room.application-status', respond: 'mediation-room.application-respond' } as const;

export function linkToken(kind: keyof typeof KEYS): string | undefined {
  const fromHash = window.location.hash.slice(1);
  try {
    if (fromHash) {
      localStorage.setItem(KEYS[kind], fromHash);
      window.history.replaceState(null, '', window.location.pathname);
      return fromHash;
    }
    return localStorage.getItem(KEYS[kind]) ?? undefined;
  } catch {
    return fromHash || undefined;
  }
}

/** Remembers the status token right after applying (the page then opens without a fragment). */
export function rememberStatusToken(token: string): void {
  try {
    localStorage.setItem(KEYS.status, token);
  } catch {
    // Without storage the status link (also sent by SMS) still works.
  }
}
