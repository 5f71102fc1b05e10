import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../server/domain/case-types.ts';
import { chainRecord, verifyRecords } from '../../../server/domain/record-chain.ts';
import { applyWorkOrderRecord, assertWorkOrderChange, foldWorkOrder, isDueForOverdue, type WorkOrderDraft, type WorkOrderRecord, type WorkOrderState } from '../../../server/domain/work-orders.ts';
import { AppError } from '../../../server/protocol/errors.ts';

const centre: Actor = { kind: 'account', accountId: 'c-1', role: 'centre_staff', name: '陈窗口' };
const mediator: Actor = { kind: 'account', accountId: 'm-1', role: 'mediator', name: '李调解' };
const system: Actor = { kind: 'system' };
const STREAM = 'workorder:wo-1';
const opened: WorkOrderDraft = {
  type: 'workorder.opened',
  data: { warningId: 'w-1', level: 'orange', caseIds: ['c1', 'c2', 'c3'], orgId: 'village', dueAt: '2026-11-09T05:00:00.000Z', disputeType: 'property_management', areaCode: '370785001001' },
};

/** Appends drafts in order, each checked at `now`, and returns the records and the state. */
function run(drafts: Array<{ draft: WorkOrderDraft; actor?: Actor; now?: string }>): { records: WorkOrderRecord[]; state: WorkOrderState } {
  const records: WorkOrderRecord[] = [];
  let state: WorkOrderState | undefined;
  for (const { draft, actor = system, now = '2026-11-03T00:00:00.000Z' } of drafts) {
    assertWorkOrderChange(state, draft, new Date(now));
    const record = chainRecord(STREAM, state && { seq: state.lastSeq, hash: state.lastHash }, draft as { type: string; data: unknown }, actor, now) as unknown as WorkOrderRecord;
    records.push(record);
    state = applyWorkOrderRecord(state, record);
  }
  return { records, state: state! };
}

const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'other';
  }
  return 'allowed';
};

describe('work orders (工单, #15)', () => {
  it('goes open → accepted → resolved with an outcome, keeping reminders and a hash chain that verifies', () => {
    const { records, state } = run([
      { draft: opened },
      { draft: { type: 'workorder.reminded', data: { note: '请尽快签收' } }, actor: centre },
      { draft: { type: 'workorder.accepted', data: { orgId: 'village' } }, actor: mediator },
      { draft: { type: 'workorder.resolved', data: { outcome: '双方达成协议' } }, actor: mediator },
    ]);
    expect(state).toMatchObject({ workOrderId: 'wo-1', status: 'resolved', orgId: 'village', reminders: [{ note: '请尽快签收', by: '陈窗口' }], resolved: { outcome: '双方达成协议', by: '李调解' } });
    expect(verifyRecords(STREAM, records)).toMatchObject({ valid: true, length: 4 });
    expect(foldWorkOrder(records)).toEqual(state);
  });

  it('is closed only with an outcome, and nothing follows a resolution', () => {
    const { state } = run([{ draft: opened }, { draft: { type: 'workorder.accepted', data: { orgId: 'village' } } }]);
    expect(refusal(() => assertWorkOrderChange(state, { type: 'workorder.resolved', data: { outcome: '  ' } }, new Date()))).toBe('invalid_input');
    const done = applyWorkOrderRecord(state, chainRecord(STREAM, { seq: state.lastSeq, hash: state.lastHash }, { type: 'workorder.resolved', data: { outcome: '已化解' } }, mediator, '2026-11-04T00:00:00.000Z') as WorkOrderRecord);
    for (const draft of [{ type: 'workorder.reminded', data: { note: '再催' } }, { type: 'workorder.accepted', data: { orgId: 'village' } }] as WorkOrderDraft[]) {
      expect(refusal(() => assertWorkOrderChange(done, draft, new Date()))).toBe('illegal_transition');
    }
    expect(refusal(() => assertWorkOrderChange(state, { type: 'workorder.accepted', data: { orgId: 'village' } }, new Date()))).toBe('illegal_transition');
    expect(refusal(() => assertWorkOrderChange(undefined, { type: 'workorder.accepted', data: { orgId: 'village' } }, new Date()))).toBe('not_found');
    expect(refusal(() => assertWorkOrderChange(state, opened, new Date()))).toBe('illegal_transition');
  });

  it('is marked overdue once per deadline, only after the deadline; an escalation gives a fresh deadline to the organisation above', () => {
    const { state } = run([{ draft: opened }]);
    const overdue: WorkOrderDraft = { type: 'workorder.overdue', data: { dueAt: state.dueAt } };
    expect(isDueForOverdue(state, new Date('2026-11-09T05:00:00.000Z'))).toBe(false);
    expect(refusal(() => assertWorkOrderChange(state, overdue, new Date('2026-11-09T05:00:00.000Z')))).toBe('illegal_transition');
    expect(isDueForOverdue(state, new Date('2026-11-09T05:00:01.000Z'))).toBe(true);

    const marked = run([{ draft: opened }, { draft: overdue, now: '2026-11-10T00:00:00.000Z' }]).state;
    expect(marked.overdueAt).toBe('2026-11-10T00:00:00.000Z');
    expect(isDueForOverdue(marked, new Date('2026-11-11T00:00:00.000Z'))).toBe(false);
    expect(refusal(() => assertWorkOrderChange(marked, overdue, new Date('2026-11-11T00:00:00.000Z')))).toBe('illegal_transition');

    const escalate = (toOrgId: string, fromOrgId = 'village', reason = '逾期未办结'): WorkOrderDraft => ({ type: 'workorder.escalated', data: { fromOrgId, toOrgId, reason, dueAt: '2026-11-17T00:00:00.000Z' } });
    expect(refusal(() => assertWorkOrderChange(marked, escalate('village'), new Date()))).toBe('illegal_transition');
    expect(refusal(() => assertWorkOrderChange(marked, escalate('town', 'elsewhere'), new Date()))).toBe('illegal_transition');
    expect(refusal(() => assertWorkOrderChange(marked, escalate('town', 'village', ' '), new Date()))).toBe('invalid_input');
    const up = run([{ draft: opened }, { draft: overdue, now: '2026-11-10T00:00:00.000Z' }, { draft: escalate('town'), actor: centre, now: '2026-11-10T01:00:00.000Z' }]).state;
    expect(up).toMatchObject({ orgId: 'town', status: 'open', dueAt: '2026-11-17T00:00:00.000Z', escalations: [{ fromOrgId: 'village', toOrgId: 'town', reason: '逾期未办结', by: '陈窗口' }] });
    expect(up.overdueAt).toBeUndefined();
    expect(isDueForOverdue(up, new Date('2026-11-17T00:00:01.000Z'))).toBe(true);
  });

  it('records a rise of the warning with the cases now linked', () => {
    const { state } = run([{ draft: opened }, { draft: { type: 'workorder.level_raised', data: { level: 'red', caseIds: ['c1', 'c2', 'c3', 'c4'] } } }]);
    expect(state).toMatchObject({ level: 'red', caseIds: ['c1', 'c2', 'c3', 'c4'], status: 'open' });
  });
});
