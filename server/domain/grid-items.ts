import { AppError } from '../protocol/errors.ts';
import type { Actor } from './case-types.ts';
import type { ChainRecord } from './record-chain.ts';

/**
 * Lighter items a grid worker logs that are not mediation cases: a hazard (隐患: a loose balcony
 * rail, a blocked fire lane) or a resident's opinion or request (民意诉求). Each item is its own
 * hash-chained log: logged, then closed with an outcome. It never enters mediation; a dispute
 * is filed as a field report instead.
 */
export const ITEM_KINDS = ['hazard', 'opinion'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_RESOLUTIONS = ['resolved', 'referred', 'no_action'] as const;
export type ItemResolution = (typeof ITEM_RESOLUTIONS)[number];

export interface ItemRecordData {
  'item.logged': { kind: ItemKind; title: string; description: string; gridCode: string; gridPath: string; orgId: string };
  'item.closed': { resolution: ItemResolution; outcome: string };
}
export type ItemRecordType = keyof ItemRecordData;
export type ItemDraft = { [T in ItemRecordType]: { type: T; data: ItemRecordData[T] } }[ItemRecordType];
export type ItemRecord = ChainRecord<ItemRecordType, ItemRecordData[ItemRecordType]>;

export interface ItemState {
  itemId: string;
  kind: ItemKind;
  title: string;
  description: string;
  gridCode: string;
  gridPath: string;
  orgId: string;
  status: 'open' | 'closed';
  loggedAt: string;
  loggedBy: Actor;
  closed?: { at: string; by: Actor; resolution: ItemResolution; outcome: string } | undefined;
  lastSeq: number;
  lastHash: string;
}

/** Throws `illegal_transition` (or `invalid_input`) naming the rule; returns when the record may be appended. */
export function assertItemChange(state: ItemState | undefined, draft: ItemDraft): void {
  switch (draft.type) {
    case 'item.logged':
      if (state) throw new AppError('illegal_transition', 'This item already exists.');
      if (!draft.data.title.trim()) throw new AppError('invalid_input', 'An item needs a title.', [{ path: 'title', message: 'required' }]);
      return;
    case 'item.closed':
      if (!state) throw new AppError('not_found', 'No such item.');
      if (state.status === 'closed') throw new AppError('illegal_transition', 'This item is already closed.');
      if (!draft.data.outcome.trim()) throw new AppError('invalid_input', 'Say how the item was dealt with.', [{ path: 'outcome', message: 'required' }]);
      return;
  }
}

export function applyItemRecord(state: ItemState | undefined, record: ItemRecord): ItemState {
  const draft = record as unknown as ItemDraft & ItemRecord;
  const head = { lastSeq: record.seq, lastHash: record.hash };
  if (draft.type === 'item.logged') {
    return { itemId: record.stream.slice('item:'.length), ...draft.data, status: 'open', loggedAt: record.at, loggedBy: record.actor, ...head };
  }
  if (!state) throw new Error(`record ${record.seq} of ${record.stream} comes before item.logged`);
  return { ...state, status: 'closed', closed: { at: record.at, by: record.actor, resolution: draft.data.resolution, outcome: draft.data.outcome }, ...head };
}

export function foldItem(records: readonly ItemRecord[]): ItemState | undefined {
  return records.reduce<ItemState | undefined>(applyItemRecord, undefined);
}
