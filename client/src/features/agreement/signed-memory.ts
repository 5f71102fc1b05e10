/*
 * Which version this device signed, per case and party. Reopening the draft clears every
 * signature on the server without a trace the resident's view can show, so the page remembers
 * having signed: a remembered signature that the server no longer lists was voided by a reopen,
 * and the resident is told to read and sign again. localStorage, because the invitation is bound
 * to this browser and the notice must survive closing the tab.
 */
const key = (caseId: string, participantId: string) => `mediation-room.agreement-signed.${caseId}.${participantId}`;
/** For browsers without storage: the notice then lasts as long as the page. */
const inPage = new Map<string, string>();

export const signedMemory = {
  get(caseId: string, participantId: string): string | undefined {
    try {
      return localStorage.getItem(key(caseId, participantId)) ?? inPage.get(key(caseId, participantId));
    } catch {
      return inPage.get(key(caseId, participantId));
    }
  },
  set(caseId: string, participantId: string, documentHash: string): void {
    inPage.set(key(caseId, participantId), documentHash);
    try {
      localStorage.setItem(key(caseId, participantId), documentHash);
    } catch {
      // Kept in the page only (above).
    }
  },
};
