import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../server/domain/case-types.ts';
import { applyItemRecord, assertItemChange, type ItemDraft, type ItemRecord, type ItemState } from '../../../server/domain/grid-items.ts';
import { chainRecord } from '../../../server/domain/record-chain.ts';
import { caseIn, mediator, resident, refusal } from './case-fixtures.ts';

const gridWorker: Actor = { kind: 'account', accountId: 'grid-1', role: 'grid_worker', name: '王网格' };
const assistant = { accountId: 'grid-1', name: '王网格', role: 'grid_worker' as const };
const issued = (invitationId: string) => ({ type: 'invitation.issued' as const, data: { invitationId, participantId: 'p-app', expiresAt: '2026-12-01T00:00:00.000Z' } });

describe('assisted join (帮办) in the case log', () => {
  it('records who assists through which invitation, and when it ends', () => {
    const c = caseIn('accepted').apply(issued('inv-a'));
    c.apply({ type: 'assistance.started', data: { participantId: 'p-app', invitationId: 'inv-a', assistedBy: assistant } }, gridWorker);
    expect(c.state!.assistances).toEqual([{ invitationId: 'inv-a', participantId: 'p-app', assistedBy: assistant, startedAt: expect.any(String) }]);
    c.apply({ type: 'assistance.ended', data: { invitationId: 'inv-a' } }, gridWorker);
    expect(c.state!.assistances![0]!.endedAt).toBeDefined();
    expect(refusal(() => c.check({ type: 'assistance.ended', data: { invitationId: 'inv-a' } }, gridWorker)).code).toBe('illegal_transition');
  });

  it('is started only by a grid worker for themselves, through a live invitation of that participant, once', () => {
    const c = caseIn('accepted').apply(issued('inv-a')).apply(issued('inv-b')).apply({ type: 'invitation.revoked', data: { invitationId: 'inv-b' } });
    const start = (invitationId: string, participantId = 'p-app') => ({ type: 'assistance.started' as const, data: { participantId, invitationId, assistedBy: assistant } });
    expect(refusal(() => c.check(start('inv-a'), mediator)).message).toMatch(/grid worker/);
    expect(refusal(() => c.check(start('inv-a'), { ...gridWorker, accountId: 'grid-2' })).message).toMatch(/grid worker/);
    expect(refusal(() => c.check(start('inv-b'), gridWorker)).message).toMatch(/live invitation/);
    expect(refusal(() => c.check(start('inv-a', 'p-res'), gridWorker)).message).toMatch(/live invitation/);
    expect(refusal(() => c.check(start('inv-none'), gridWorker)).message).toMatch(/live invitation/);
    c.apply(start('inv-a'), gridWorker);
    expect(refusal(() => c.check(start('inv-a'), gridWorker)).message).toMatch(/already/);
  });

  it('keeps the assistant in the actor of what the resident does on the assisting device', () => {
    const c = caseIn('accepted');
    const assisted: Actor = { ...resident('p-app', '张三'), assistedBy: assistant } as Actor;
    c.apply({ type: 'minutes.saved', data: { version: 1, text: '记录' } });
    c.apply({ type: 'minutes.shared', data: { version: 1, shared: true } });
    c.apply({ type: 'minutes.confirmed', data: { participantId: 'p-app', version: 1 } }, assisted);
    expect(c.events.at(-1)!.actor).toEqual({ kind: 'resident', participantId: 'p-app', name: '张三', assistedBy: assistant });
  });
});

describe('photos of a field report', () => {
  it('are recorded by staff with their SHA-256, and refused from a resident or without a proper digest', () => {
    const c = caseIn('intake');
    c.apply({ type: 'case.photo_added', data: { name: '现场.jpg', mime: 'image/jpeg', size: 2048, sha256: 'a'.repeat(64) } }, gridWorker);
    expect(c.state!.photos).toEqual([{ name: '现场.jpg', mime: 'image/jpeg', size: 2048, sha256: 'a'.repeat(64), at: expect.any(String), addedBy: '王网格' }]);
    expect(refusal(() => c.check({ type: 'case.photo_added', data: { name: 'x.jpg', mime: 'image/jpeg', size: 1, sha256: 'b'.repeat(64) } }, resident('p-app', '张三'))).code).toBe('illegal_transition');
    expect(refusal(() => c.check({ type: 'case.photo_added', data: { name: 'x.jpg', mime: 'image/jpeg', size: 1, sha256: 'not-a-digest' } }, gridWorker)).code).toBe('invalid_input');
  });
});

describe('lighter items (隐患 / 民意诉求)', () => {
  const logged: ItemDraft = { type: 'item.logged', data: { kind: 'hazard', title: '楼道堆放杂物', description: '三单元楼道堵塞消防通道', gridCode: '370785001001003', gridPath: '柏城镇 › 东关社区 › 第3网格', orgId: 'baicheng' } };
  const closed: ItemDraft = { type: 'item.closed', data: { resolution: 'resolved', outcome: '已督促清理，现场复查通畅' } };

  it('is logged, then closed once with an outcome', () => {
    assertItemChange(undefined, logged);
    const first = chainRecord('item:i-1', undefined, logged, gridWorker, '2026-12-01T01:00:00.000Z') as ItemRecord;
    let state: ItemState = applyItemRecord(undefined, first);
    expect(state).toMatchObject({ itemId: 'i-1', status: 'open', kind: 'hazard', gridCode: '370785001001003' });
    expect(refusal(() => assertItemChange(state, logged)).code).toBe('illegal_transition');
    expect(refusal(() => assertItemChange(state, { type: 'item.closed', data: { resolution: 'resolved', outcome: '  ' } })).code).toBe('invalid_input');
    assertItemChange(state, closed);
    state = applyItemRecord(state, chainRecord('item:i-1', first, closed, gridWorker, '2026-12-01T02:00:00.000Z') as ItemRecord);
    expect(state).toMatchObject({ status: 'closed', closed: { resolution: 'resolved', outcome: '已督促清理，现场复查通畅', by: gridWorker }, lastSeq: 2 });
    expect(refusal(() => assertItemChange(state, closed)).code).toBe('illegal_transition');
    expect(refusal(() => assertItemChange(undefined, closed)).code).toBe('not_found');
  });
});
