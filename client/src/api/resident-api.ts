import type { Assistant } from '../../../server/domain/case-types.ts';
import type { RedeemResponse, ResidentCaseView } from './api-types.ts';
import { requestJson } from './http.ts';

/*
 * The resident token lives in sessionStorage: a reload keeps the resident on their page, closing
 * the tab ends it, and the invitation link itself (bound to this device) opens a new one.
 */
const STORAGE_KEY = 'mediation-room.resident-session';

interface ResidentSession {
  token: string;
  expiresAt: string;
}

export const residentSession = {
  get(): ResidentSession | undefined {
    try {
      const raw = sessionStorage.getItem(STORAGE_KEY);
      return raw ? (JSON.parse(raw) as ResidentSession) : undefined;
    } catch {
      return undefined;
    }
  },
  set(session: ResidentSession): void {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } catch {
      // Without storage the page works until it is reloaded.
    }
  },
  clear(): void {
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // As above.
    }
  },
};

export const residentApi = {
  /** Opens an invitation on this device (the server binds the link to the first device id it sees). */
  redeem: (token: string, deviceId: string) => requestJson<RedeemResponse>('POST', '/invitations/redeem', { body: { token, deviceId } }),
  myCase: (residentToken: string) => requestJson<ResidentCaseView>('GET', '/resident/case', { token: residentToken }),
  /** Who is helping, when this session was opened on a staff device (帮办). */
  assistance: (residentToken: string) => requestJson<{ assistedBy: Assistant | null }>('GET', '/resident/assistance', { token: residentToken }),
};
