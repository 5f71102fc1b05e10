import type { EventDraft } from '../domain/case-events.ts';
import type { RevocationReason } from '../protocol/requests.ts';

/** Whose open connections must end: one invitation, a whole participant, an account, or one staff session (an access token's jti). */
export type RevokedPrincipal =
  | { kind: 'invitation'; caseId: string; invitationId: string }
  | { kind: 'participant'; caseId: string; participantId: string }
  | { kind: 'account'; accountId: string }
  | { kind: 'session'; jti: string };

export interface Revocation {
  principal: RevokedPrincipal;
  reason: RevocationReason;
}

export type RevocationListener = (revocation: Revocation) => void;

/**
 * The "principal revoked" signal: services raise it after the revocation is stored, the
 * composition root connects it to the realtime layer, which ends the principal's sockets on
 * every instance. Services know nothing of sockets.
 */
export class Revocations {
  readonly #listeners: RevocationListener[] = [];

  on(listener: RevocationListener): void {
    this.#listeners.push(listener);
  }

  revoke(revocation: Revocation): void {
    for (const listener of this.#listeners) listener(revocation);
  }
}

/**
 * What a committed batch of case events revokes. A participant removed (from the case, or from
 * the room, which also withdraws their invitations) loses every connection with one reason; an
 * invitation withdrawn on its own ends only the sessions opened through it.
 */
export function revocationsOf(caseId: string, events: readonly EventDraft[], participantOfInvitation: (invitationId: string) => string | undefined): Revocation[] {
  const removed = new Set<string>();
  for (const event of events) {
    if (event.type === 'participant.removed') removed.add(event.data.participantId);
    if (event.type === 'room.removed' && event.data.memberKey.startsWith('p:')) removed.add(event.data.memberKey.slice(2));
  }
  const revocations: Revocation[] = [...removed].map((participantId) => ({ principal: { kind: 'participant', caseId, participantId }, reason: 'removed_from_case' }));
  for (const event of events) {
    if (event.type !== 'invitation.revoked') continue;
    const participantId = participantOfInvitation(event.data.invitationId);
    if (participantId && removed.has(participantId)) continue;
    revocations.push({ principal: { kind: 'invitation', caseId, invitationId: event.data.invitationId }, reason: 'invitation_withdrawn' });
  }
  return revocations;
}
