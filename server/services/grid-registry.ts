import { actorOf, type Principal } from '../auth/principal.ts';
import { requireStaff } from '../auth/policy.ts';
import {
  applyGridRecord,
  assertGridChange,
  gridNameOf,
  gridPathOf,
  listGridNodes,
  resolveGridNode,
  type GridDraft,
  type GridNode,
  type GridRecord,
  type GridRecordData,
  type GridRegistry,
  type ResolvedGridNode,
} from '../domain/grid-registry.ts';
import type { RecordChainVerdict } from '../domain/record-chain.ts';
import { AppError } from '../protocol/errors.ts';
import type { KeyValueStore } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { Directory } from './directory.ts';
import { RecordLog } from './record-log.ts';

const STREAM = 'grid-registry';

/** The grid registry over its hash-chained log: admins change it, staff read it, reports and other screens resolve codes with it. */
export class GridRegistryService {
  private readonly log: RecordLog<GridRecord>;
  private folded: { length: number; registry: GridRegistry; head: { seq: number; hash: string } | undefined } = { length: 0, registry: {}, head: undefined };

  constructor(
    kv: KeyValueStore,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {
    this.log = new RecordLog<GridRecord>(kv);
  }

  /** The registry as it stands, folded on from what was folded before. */
  async current(): Promise<{ registry: GridRegistry; head: { seq: number; hash: string } | undefined }> {
    const records = await this.log.read(STREAM);
    if (records.length !== this.folded.length) {
      const start = records.length > this.folded.length ? this.folded : { length: 0, registry: {}, head: undefined };
      let registry = start.registry;
      for (const record of records.slice(start.length)) registry = applyGridRecord(registry, record);
      const last = records.at(-1);
      this.folded = { length: records.length, registry, head: last && { seq: last.seq, hash: last.hash } };
    }
    return { registry: this.folded.registry, head: this.folded.head };
  }

  /** Every node with its inherited organisation and court: what staff pickers show. */
  async list(principal: Principal): Promise<ResolvedGridNode[]> {
    requireStaff(principal);
    return listGridNodes((await this.current()).registry);
  }

  async resolve(code: string): Promise<ResolvedGridNode | undefined> {
    return resolveGridNode((await this.current()).registry, code);
  }

  /** The node's own name (第3网格), or the code when the registry does not know it. */
  async nameOf(areaCode: string): Promise<string> {
    return gridNameOf((await this.current()).registry, areaCode);
  }

  /** 柏城镇 › 东关社区 › 第3网格, or the code when the registry does not know it. */
  async path(areaCode: string): Promise<string> {
    return gridPathOf((await this.current()).registry, areaCode);
  }

  async addNode(principal: Principal, node: GridNode): Promise<ResolvedGridNode> {
    requireStaff(principal, ['admin']);
    await this.assertBindings(node.orgId, node.courtId);
    const trimmed = { ...node, name: node.name.trim() };
    await this.change(principal, { type: 'grid.node_added', data: trimmed });
    return (await this.resolve(node.code))!;
  }

  async updateNode(principal: Principal, patch: GridRecordData['grid.node_updated']): Promise<ResolvedGridNode> {
    requireStaff(principal, ['admin']);
    await this.assertBindings(patch.orgId ?? undefined, patch.courtId ?? undefined);
    await this.change(principal, { type: 'grid.node_updated', data: patch });
    return (await this.resolve(patch.code))!;
  }

  async removeNode(principal: Principal, code: string): Promise<void> {
    requireStaff(principal, ['admin']);
    await this.change(principal, { type: 'grid.node_removed', data: { code } });
  }

  verify(): Promise<RecordChainVerdict> {
    return this.log.verify(STREAM);
  }

  private async change(principal: Principal, draft: GridDraft): Promise<void> {
    const { registry, head } = await this.current();
    assertGridChange(registry, draft);
    await this.log.append(STREAM, head, draft, actorOf(principal), this.clock.now().toISOString());
  }

  private async assertBindings(orgId: string | undefined, courtId: string | undefined): Promise<void> {
    if (orgId && !(await this.directory.org(orgId))) throw new AppError('invalid_input', 'No such organisation.', [{ path: 'orgId', message: 'unknown organisation' }]);
    if (courtId && !(await this.directory.court(courtId))) throw new AppError('invalid_input', 'No such court.', [{ path: 'courtId', message: 'unknown court' }]);
  }
}
