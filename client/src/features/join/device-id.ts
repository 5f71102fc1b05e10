const STORAGE_KEY = 'mediation-room.device-id';
const VALID = /^[A-Za-z0-9_-]{16,128}$/;

let memo: string | undefined;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * This browser's random id. The server binds an invitation to the first device id that opens it,
 * so the id must outlive the tab: it is kept in localStorage (it identifies nothing but this
 * browser and carries no rights by itself).
 */
export function deviceId(): string {
  if (memo) return memo;
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored && VALID.test(stored)) {
      memo = stored;
      return memo;
    }
  } catch {
    // Storage disabled (some private modes): the id lasts as long as this page.
  }
  memo = base64url(crypto.getRandomValues(new Uint8Array(16)));
  try {
    localStorage.setItem(STORAGE_KEY, memo);
  } catch {
    // As above.
  }
  return memo;
}
