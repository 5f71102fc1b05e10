import { describe, expect, it } from 'vitest';
import type { Principal } from '../../server/auth/principal.ts';
import { ClusterIdSchema } from '../../server/cluster/keys.ts';
import { roomIdOf } from '../../server/cluster/room-router.ts';
import type { HandshakeAuth } from '../../server/protocol/index.ts';

const resident = { identity: { kind: 'resident', residentToken: 'x'.repeat(20) } as HandshakeAuth, principal: { kind: 'resident', caseId: 'case-1', participantId: 'p-1', invitationId: 'i-1', name: '张三' } as Principal };
const staff = { identity: { kind: 'staff', accessToken: 'x'.repeat(20) } as HandshakeAuth, principal: { kind: 'staff' } as unknown as Principal };
const dev = { identity: { kind: 'dev', displayName: '甲' } as HandshakeAuth, principal: undefined };

describe('the room a socket request belongs to, in a cluster', () => {
  it('is a resident’s own case, whatever the request names', () => {
    expect(roomIdOf(resident, 'room:enter', { caseId: 'case-2' })).toBe('case.case-1');
    expect(roomIdOf(resident, 'media:produce', {})).toBe('case.case-1');
  });

  it('is the case a staff member enters, and nothing before they name one', () => {
    expect(roomIdOf(staff, 'room:enter', { caseId: 'case-9' })).toBe('case.case-9');
    expect(roomIdOf(staff, 'room:enter', {})).toBeUndefined();
    expect(roomIdOf(staff, 'chat:send', { caseId: 'case-9' })).toBeUndefined();
  });

  it('refuses a case id that could forge another key, leaving the request to be refused by its schema', () => {
    for (const caseId of ['a:b', '../x', '', 'x'.repeat(101), 42]) expect(roomIdOf(staff, 'room:enter', { caseId })).toBeUndefined();
  });

  it('names a development room by a digest of its id, the same on every instance', () => {
    const id = roomIdOf(dev, 'room:join', { roomId: '任意 房间/名:字' });
    expect(id).toMatch(/^dev\.[0-9a-f]{32}$/);
    expect(roomIdOf(dev, 'room:join', { roomId: '任意 房间/名:字' })).toBe(id);
    expect(roomIdOf(dev, 'room:join', { roomId: 'other' })).not.toBe(id);
    expect(roomIdOf(dev, 'media:produce', {})).toBeUndefined();
  });

  it('always fits the cluster’s key alphabet', () => {
    for (const id of [roomIdOf(resident, 'x', {}), roomIdOf(staff, 'room:enter', { caseId: 'c_1.2-3' }), roomIdOf(dev, 'room:join', { roomId: '甲' })]) {
      expect(ClusterIdSchema.safeParse(id).success).toBe(true);
    }
  });
});
