import { describe, expect, it } from 'vitest';
import { revocationsOf } from '../../server/services/revocations.ts';

const participantOf = (invitationId: string) => ({ inv1: 'alice', inv2: 'alice', inv3: 'bob' })[invitationId];

describe('revocationsOf', () => {
  it('a withdrawn invitation ends the sessions opened through it only', () => {
    expect(revocationsOf('c1', [{ type: 'invitation.revoked', data: { invitationId: 'inv1' } }], participantOf)).toEqual([
      { principal: { kind: 'invitation', caseId: 'c1', invitationId: 'inv1' }, reason: 'invitation_withdrawn' },
    ]);
  });

  it('removal from the room ends every connection of the participant once, with its own reason', () => {
    const events = [
      { type: 'room.removed' as const, data: { sessionId: 's1', memberKey: 'p:alice' } },
      { type: 'invitation.revoked' as const, data: { invitationId: 'inv1' } },
      { type: 'invitation.revoked' as const, data: { invitationId: 'inv2' } },
    ];
    expect(revocationsOf('c1', events, participantOf)).toEqual([{ principal: { kind: 'participant', caseId: 'c1', participantId: 'alice' }, reason: 'removed_from_case' }]);
  });

  it('removing a participant from the case revokes them; staff removed from a room are not revoked', () => {
    const events = [
      { type: 'participant.removed' as const, data: { participantId: 'bob' } },
      { type: 'room.removed' as const, data: { sessionId: 's1', memberKey: 'a:judge-1' } },
    ];
    expect(revocationsOf('c1', events, participantOf)).toEqual([{ principal: { kind: 'participant', caseId: 'c1', participantId: 'bob' }, reason: 'removed_from_case' }]);
  });

  it('other events revoke nothing', () => {
    expect(revocationsOf('c1', [{ type: 'room.left', data: { sessionId: 's1', memberKey: 'p:alice', reason: 'left' } }], participantOf)).toEqual([]);
  });
});
