import { AppError } from '../protocol/errors.ts';
import type { Actor, DisputeType } from './case-types.ts';
import type { ChainRecord } from './record-chain.ts';
import type { WarningLevel } from './warning-levels.ts';

/*
 * A work order (工单) for a repeated dispute (#15): opened when its warning reaches the configured
 * level, sent to the organisation responsible for it with a deadline, supervised (督办) by the
 * centre: reminders, overdue marking when the deadline passes, escalation to the organisation
 * above; closed only with an outcome. Each order is its own hash-chained log.
 */

export const WORK_ORDER_STATUSES = ['open', 'accepted', 'resolved'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export interface WorkOrderRecordData {
  'workorder.opened': { warningId: string; level: WarningLevel; caseIds: string[]; orgId: string; dueAt: string; disputeType: DisputeType; areaCode: string };
  'workorder.accepted': { orgId: string };
  /** 督办: a reminder to the responsible organisation, with what the supervisor asks. */
  'workorder.reminded': { note: string };
  /** The deadline passed unresolved: marked once per deadline, by the periodic check. */
  'workorder.overdue': { dueAt: string };
  /** To the organisation above, with a fresh deadline; the order waits to be accepted there. */
  'workorder.escalated': { fromOrgId: string; toOrgId: string; reason: string; dueAt: string };
  /** The warning rose again after the order was opened. */
  'workorder.level_raised': { level: WarningLevel; caseIds: string[] };
  'workorder.resolved': { outcome: string };
}
export type WorkOrderRecordType = keyof WorkOrderRecordData;
export type WorkOrderDraft = { [T in WorkOrderRecordType]: { type: T; data: WorkOrderRecordData[T] } }[WorkOrderRecordType];
export type WorkOrderRecord = ChainRecord<WorkOrderRecordType, WorkOrderRecordData[WorkOrderRecordType]>;

export interface WorkOrderState {
  workOrderId: string;
  warningId: string;
  level: WarningLevel;
  caseIds: string[];
  disputeType: DisputeType;
  areaCode: string;
  orgId: string;
  status: WorkOrderStatus;
  dueAt: string;
  openedAt: string;
  acceptedAt?: string | undefined;
  /** Set when the current deadline passed unresolved; cleared by an escalation's new deadline. */
  overdueAt?: string | undefined;
  reminders: Array<{ at: string; by: string; note: string }>;
  escalations: Array<{ at: string; by: string; fromOrgId: string; toOrgId: string; reason: string }>;
  resolved?: { at: string; by: string; outcome: string } | undefined;
  lastSeq: number;
  lastHash: string;
  updatedAt: string;
}

const illegal = (message: string) => new AppError('illegal_transition', message);

/** Throws naming the rule; returns when the record may be appended. `now` decides overdue marking. */
export function assertWorkOrderChange(state: WorkOrderState | undefined, draft: WorkOrderDraft, now: Date): void {
  if (draft.type === 'workorder.opened') {
    if (state) throw illegal('This work order already exists.');
    return;
  }
  if (!state) throw new AppError('not_found', 'No such work order.');
  if (state.status === 'resolved') throw illegal('This work order is resolved.');
  switch (draft.type) {
    case 'workorder.accepted':
      if (state.status !== 'open') throw illegal('This work order is already accepted.');
      return;
    case 'workorder.reminded':
      if (!draft.data.note.trim()) throw new AppError('invalid_input', 'Say what is asked.', [{ path: 'note', message: 'required' }]);
      return;
    case 'workorder.overdue':
      if (state.overdueAt) throw illegal('Already marked overdue.');
      if (now.getTime() <= Date.parse(state.dueAt)) throw illegal('The deadline has not passed.');
      return;
    case 'workorder.escalated':
      if (!draft.data.reason.trim()) throw new AppError('invalid_input', 'Give the reason for escalating.', [{ path: 'reason', message: 'required' }]);
      if (draft.data.fromOrgId !== state.orgId || draft.data.toOrgId === state.orgId) throw illegal('Escalate to another organisation.');
      return;
    case 'workorder.level_raised':
      return;
    case 'workorder.resolved':
      if (!draft.data.outcome.trim()) throw new AppError('invalid_input', 'A work order is closed only with its outcome.', [{ path: 'outcome', message: 'required' }]);
      return;
  }
}

const byName = (actor: Actor) => (actor.kind === 'account' ? actor.name : actor.kind === 'resident' ? actor.name : 'system');

export function applyWorkOrderRecord(state: WorkOrderState | undefined, record: WorkOrderRecord): WorkOrderState {
  const draft = record as unknown as WorkOrderDraft;
  const head = { lastSeq: record.seq, lastHash: record.hash, updatedAt: record.at };
  if (draft.type === 'workorder.opened') {
    return { workOrderId: record.stream.slice('workorder:'.length), ...draft.data, status: 'open', openedAt: record.at, reminders: [], escalations: [], ...head };
  }
  if (!state) throw new Error(`record ${record.seq} of ${record.stream} comes before workorder.opened`);
  const by = byName(record.actor);
  switch (draft.type) {
    case 'workorder.accepted':
      return { ...state, status: 'accepted', acceptedAt: record.at, ...head };
    case 'workorder.reminded':
      return { ...state, reminders: [...state.reminders, { at: record.at, by, note: draft.data.note }], ...head };
    case 'workorder.overdue':
      return { ...state, overdueAt: record.at, ...head };
    case 'workorder.escalated':
      return {
        ...state,
        status: 'open',
        orgId: draft.data.toOrgId,
        dueAt: draft.data.dueAt,
        overdueAt: undefined,
        acceptedAt: undefined,
        escalations: [...state.escalations, { at: record.at, by, fromOrgId: draft.data.fromOrgId, toOrgId: draft.data.toOrgId, reason: draft.data.reason }],
        ...head,
      };
    case 'workorder.level_raised':
      return { ...state, level: draft.data.level, caseIds: draft.data.caseIds, ...head };
    case 'workorder.resolved':
      return { ...state, status: 'resolved', resolved: { at: record.at, by, outcome: draft.data.outcome }, ...head };
  }
}

export function foldWorkOrder(records: readonly WorkOrderRecord[]): WorkOrderState | undefined {
  return records.reduce<WorkOrderState | undefined>(applyWorkOrderRecord, undefined);
}

/** Unresolved, past its deadline, not yet marked. */
export const isDueForOverdue = (state: WorkOrderState, now: Date): boolean => state.status !== 'resolved' && !state.overdueAt && now.getTime() > Date.parse(state.dueAt);
