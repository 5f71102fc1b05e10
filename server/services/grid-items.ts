import { randomUUID } from 'node:crypto';
import { actorOf, type Account, type Principal } from '../auth/principal.ts';
import { requireStaff } from '../auth/policy.ts';
import { applyItemRecord, assertItemChange, type ItemDraft, type ItemRecord, type ItemResolution, type ItemState } from '../domain/grid-items.ts';
import type { RecordChainVerdict } from '../domain/record-chain.ts';
import { AppError } from '../protocol/errors.ts';
import type { LogItemRequest } from '../protocol/intake.ts';
import { isCaseId } from '../store/store-input.ts';
import type { KeyValueStore } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { GridRegistryService } from './grid-registry.ts';
import { RecordLog } from './record-log.ts';

const stream = (itemId: string) => `item:${itemId}`;

/**
 * Lighter items (隐患 / 民意诉求): each its own hash-chained log, listed per organisation through a
 * reference key written before the first record (a reference without records is skipped, so a
 * crash between the two leaves nothing half-listed).
 */
export class GridItemService {
  private readonly log: RecordLog<ItemRecord>;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly registry: GridRegistryService,
    private readonly clock: Clock,
  ) {
    this.log = new RecordLog<ItemRecord>(kv);
  }

  async logItem(principal: Principal, request: LogItemRequest): Promise<ItemState> {
    const account = requireStaff(principal, ['grid_worker', 'mediator']);
    const node = await this.registry.resolve(request.gridCode);
    if (node?.level !== 'grid') throw new AppError('invalid_input', 'Pick a grid from the registry.', [{ path: 'gridCode', message: 'unknown grid' }]);
    if (!node.effectiveOrgId || node.effectiveOrgId !== account.orgId) throw new AppError('forbidden', 'This grid is served by another organisation.');
    const itemId = randomUUID();
    const draft: ItemDraft = {
      type: 'item.logged',
      data: { kind: request.kind, title: request.title, description: request.description, gridCode: node.code, gridPath: node.path.join(' › '), orgId: node.effectiveOrgId },
    };
    assertItemChange(undefined, draft);
    await this.kv.setIfAbsent(`item-ref:${node.effectiveOrgId}:${itemId}`, { itemId, at: this.clock.now().toISOString() });
    const record = await this.log.append(stream(itemId), undefined, draft, actorOf(principal), this.clock.now().toISOString());
    return applyItemRecord(undefined, record);
  }

  async close(principal: Principal, itemId: string, resolution: ItemResolution, outcome: string): Promise<ItemState> {
    const account = requireStaff(principal, ['grid_worker', 'mediator', 'admin']);
    const state = await this.readable(account, itemId);
    const draft: ItemDraft = { type: 'item.closed', data: { resolution, outcome } };
    assertItemChange(state, draft);
    const record = await this.log.append(stream(itemId), { seq: state.lastSeq, hash: state.lastHash }, draft, actorOf(principal), this.clock.now().toISOString());
    return applyItemRecord(state, record);
  }

  async get(principal: Principal, itemId: string): Promise<ItemState> {
    return this.readable(requireStaff(principal, ['grid_worker', 'mediator', 'admin']), itemId);
  }

  async records(principal: Principal, itemId: string): Promise<ItemRecord[]> {
    await this.get(principal, itemId);
    return this.log.read(stream(itemId));
  }

  async verify(principal: Principal, itemId: string): Promise<RecordChainVerdict> {
    await this.get(principal, itemId);
    return this.log.verify(stream(itemId));
  }

  /** The organisation's items (all of them for an admin), open ones first, then newest first. */
  async list(principal: Principal, status?: 'open' | 'closed'): Promise<ItemState[]> {
    const account = requireStaff(principal, ['grid_worker', 'mediator', 'admin']);
    const prefix = account.role === 'admin' ? 'item-ref:' : `item-ref:${account.orgId}:`;
    const ids = (await this.kv.keys(prefix)).map((key) => key.slice(key.lastIndexOf(':') + 1));
    const states = (await Promise.all(ids.map((id) => this.load(id)))).filter((s): s is ItemState => !!s);
    return states
      .filter((s) => !status || s.status === status)
      .sort((a, b) => (a.status === b.status ? b.loggedAt.localeCompare(a.loggedAt) : a.status === 'open' ? -1 : 1));
  }

  private async load(itemId: string): Promise<ItemState | undefined> {
    if (!isCaseId(itemId)) return undefined;
    return (await this.log.read(stream(itemId))).reduce<ItemState | undefined>(applyItemRecord, undefined);
  }

  /** Not found, rather than forbidden, for another organisation's item: ids cannot be probed. */
  private async readable(account: Account, itemId: string): Promise<ItemState> {
    const state = await this.load(itemId);
    if (!state || (account.role !== 'admin' && state.orgId !== account.orgId)) throw new AppError('not_found', 'No such item.');
    return state;
  }
}
