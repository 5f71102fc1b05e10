import { randomUUID } from 'node:crypto';
import { actorOf, type Account, type Principal } from '../auth/principal.ts';
import { orgScopeOf, requireStaff } from '../auth/policy.ts';
import type { Actor } from '../domain/case-types.ts';
import type { RecordChainVerdict } from '../domain/record-chain.ts';
import { WARNING_LEVELS } from '../domain/warning-levels.ts';
import { addWorkingDays, type WorkCalendar } from '../domain/working-days.ts';
import { applyWorkOrderRecord, assertWorkOrderChange, isDueForOverdue, type WorkOrderDraft, type WorkOrderRecord, type WorkOrderState } from '../domain/work-orders.ts';
import { moduleLogger } from '../logger.ts';
import { AppError } from '../protocol/errors.ts';
import { isCaseId } from '../store/store-input.ts';
import type { KeyValueStore } from '../store/store.ts';
import type { AccountService } from './account-service.ts';
import type { Clock } from './clock.ts';
import type { Directory } from './directory.ts';
import type { Notifier } from './notifications.ts';
import { RecordLog } from './record-log.ts';
import type { WarningRecord, WorkOrderOpener } from './warning-service.ts';
import type { WarningSettingsStore } from './warning-settings.ts';

const stream = (id: string) => `workorder:${id}`;
const SYSTEM: Actor = { kind: 'system' };
const LEVEL_NAME = { none: '无', blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' } as const;

/**
 * Work orders (工单) and their supervision (督办), #15. Each order is a hash-chained log; a
 * reference key per order lists them. Centre staff (over the organisations under their centre)
 * and admins supervise; the responsible organisation's mediators accept and resolve.
 */
export class WorkOrderService implements WorkOrderOpener {
  private readonly log: RecordLog<WorkOrderRecord>;
  private readonly logger = moduleLogger('work-orders');

  constructor(
    private readonly kv: KeyValueStore,
    private readonly directory: Directory,
    private readonly accounts: AccountService,
    private readonly notifier: Notifier,
    private readonly settings: WarningSettingsStore,
    private readonly clock: Clock,
    private readonly calendar: WorkCalendar,
  ) {
    this.log = new RecordLog<WorkOrderRecord>(kv);
  }

  /** Opens the order of a warning that reached its level, or records that the level rose again. */
  async warningRaised(warning: WarningRecord): Promise<string | undefined> {
    const existing = warning.workOrderId ? await this.load(warning.workOrderId) : undefined;
    if (existing) {
      if (existing.status !== 'resolved' && WARNING_LEVELS.indexOf(warning.level) > WARNING_LEVELS.indexOf(existing.level)) {
        await this.append(existing, { type: 'workorder.level_raised', data: { level: warning.level, caseIds: warning.caseIds } }, SYSTEM);
      }
      return existing.workOrderId;
    }
    const workOrderId = randomUUID();
    const { deadlineWorkingDays } = (await this.settings.get()).workOrder;
    const dueAt = addWorkingDays(this.clock.now(), deadlineWorkingDays, this.calendar).toISOString();
    await this.kv.setIfAbsent(`workorder-ref:${workOrderId}`, { warningId: warning.warningId });
    const state = await this.append(undefined, {
      type: 'workorder.opened',
      data: { warningId: warning.warningId, level: warning.level, caseIds: warning.caseIds, orgId: warning.orgId, dueAt, disputeType: warning.disputeType, areaCode: warning.areaCode },
    }, SYSTEM, workOrderId);
    await this.tellOrg(state, 'work_order_opened', `【云调解室】${LEVEL_NAME[warning.level]}预警：一起纠纷已被反映${warning.caseIds.length}次，工单请于期限内签收办理。`);
    return workOrderId;
  }

  async list(principal: Principal, status?: WorkOrderState['status']): Promise<WorkOrderState[]> {
    const account = requireStaff(principal, ['admin', 'centre_staff', 'mediator']);
    const states = await this.all();
    return states
      .filter((s) => this.mayRead(principal, account, s) && (!status || s.status === status))
      .sort((a, b) => Number(b.status !== 'resolved') - Number(a.status !== 'resolved') || a.dueAt.localeCompare(b.dueAt));
  }

  async get(principal: Principal, workOrderId: string): Promise<WorkOrderState> {
    const account = requireStaff(principal, ['admin', 'centre_staff', 'mediator']);
    const state = await this.load(workOrderId);
    // Not found rather than forbidden for another organisation's order: ids cannot be probed.
    if (!state || !this.mayRead(principal, account, state)) throw new AppError('not_found', 'No such work order.');
    return state;
  }

  async records(principal: Principal, workOrderId: string): Promise<WorkOrderRecord[]> {
    await this.get(principal, workOrderId);
    return this.log.read(stream(workOrderId));
  }

  async verify(principal: Principal, workOrderId: string): Promise<RecordChainVerdict> {
    await this.get(principal, workOrderId);
    return this.log.verify(stream(workOrderId));
  }

  async accept(principal: Principal, workOrderId: string): Promise<WorkOrderState> {
    const state = await this.get(principal, workOrderId);
    this.requireHandler(principal, state);
    return this.append(state, { type: 'workorder.accepted', data: { orgId: state.orgId } }, actorOf(principal));
  }

  async resolve(principal: Principal, workOrderId: string, outcome: string): Promise<WorkOrderState> {
    const state = await this.get(principal, workOrderId);
    this.requireHandler(principal, state);
    if (state.status !== 'accepted') throw new AppError('illegal_transition', 'Accept the work order first.');
    return this.append(state, { type: 'workorder.resolved', data: { outcome } }, actorOf(principal));
  }

  /** 督办: a reminder to the responsible organisation, by notice and SMS. */
  async remind(principal: Principal, workOrderId: string, note: string): Promise<WorkOrderState> {
    const state = await this.get(principal, workOrderId);
    this.requireSupervisor(principal, state);
    const next = await this.append(state, { type: 'workorder.reminded', data: { note } }, actorOf(principal));
    await this.tellOrg(next, 'work_order_reminded', `【云调解室】督办提醒：${note.slice(0, 60)}（工单期限 ${next.dueAt.slice(0, 10)}）`, `${next.workOrderId}:${next.lastSeq}`);
    return next;
  }

  /** To the organisation above the responsible one, with a fresh deadline. */
  async escalate(principal: Principal, workOrderId: string, reason: string): Promise<WorkOrderState> {
    const state = await this.get(principal, workOrderId);
    this.requireSupervisor(principal, state);
    const parent = (await this.directory.org(state.orgId))?.parentOrgId;
    if (!parent) throw new AppError('illegal_transition', 'This organisation has no higher level to escalate to.');
    const { deadlineWorkingDays } = (await this.settings.get()).workOrder;
    const dueAt = addWorkingDays(this.clock.now(), deadlineWorkingDays, this.calendar).toISOString();
    const next = await this.append(state, { type: 'workorder.escalated', data: { fromOrgId: state.orgId, toOrgId: parent, reason, dueAt } }, actorOf(principal));
    await this.tellOrg(next, 'work_order_escalated', `【云调解室】一件预警工单提级至本单位办理：${reason.slice(0, 60)}`, `${next.workOrderId}:${next.lastSeq}`);
    return next;
  }

  /** The periodic check: every unresolved order past its deadline is marked overdue, once per deadline. */
  async markOverdue(): Promise<number> {
    const now = this.clock.now();
    let marked = 0;
    for (const state of await this.all()) {
      if (!isDueForOverdue(state, now)) continue;
      try {
        const next = await this.append(state, { type: 'workorder.overdue', data: { dueAt: state.dueAt } }, SYSTEM);
        await this.tellOrg(next, 'work_order_overdue', `【云调解室】预警工单已逾期（期限 ${state.dueAt.slice(0, 10)}），请尽快办理。`, `${next.workOrderId}:${next.lastSeq}`);
        marked++;
      } catch (error) {
        // Another instance marked it first, or it changed meanwhile: the next round sees the truth.
        this.logger.debug({ err: error, workOrderId: state.workOrderId }, 'overdue not marked this round');
      }
    }
    return marked;
  }

  private async append(state: WorkOrderState | undefined, draft: WorkOrderDraft, actor: Actor, newId?: string): Promise<WorkOrderState> {
    assertWorkOrderChange(state, draft, this.clock.now());
    const id = state?.workOrderId ?? newId!;
    const record = await this.log.append(stream(id), state && { seq: state.lastSeq, hash: state.lastHash }, draft, actor, this.clock.now().toISOString());
    return applyWorkOrderRecord(state, record);
  }

  private async all(): Promise<WorkOrderState[]> {
    const ids = (await this.kv.keys('workorder-ref:')).map((key) => key.slice('workorder-ref:'.length));
    return (await Promise.all(ids.map((id) => this.load(id)))).filter((s): s is WorkOrderState => !!s);
  }

  private async load(workOrderId: string): Promise<WorkOrderState | undefined> {
    if (!isCaseId(workOrderId)) return undefined;
    return (await this.log.read(stream(workOrderId))).reduce<WorkOrderState | undefined>(applyWorkOrderRecord, undefined);
  }

  private mayRead(principal: Principal, account: Account, state: WorkOrderState): boolean {
    if (account.role === 'admin') return true;
    if (account.role === 'mediator') return account.orgId === state.orgId;
    // Centre staff follow an order they supervised even after it went above them.
    return principal.kind === 'staff' && (orgScopeOf(principal).includes(state.orgId) || state.escalations.some((e) => orgScopeOf(principal).includes(e.fromOrgId)));
  }

  private requireSupervisor(principal: Principal, state: WorkOrderState): void {
    const account = requireStaff(principal);
    const ok = account.role === 'admin' || (account.role === 'centre_staff' && principal.kind === 'staff' && orgScopeOf(principal).includes(state.orgId));
    if (!ok) throw new AppError('forbidden', 'The centre supervises work orders.');
  }

  /** The responsible organisation handles the order: its mediators, or its centre staff when it went up to the centre. */
  private requireHandler(principal: Principal, state: WorkOrderState): void {
    const account = requireStaff(principal);
    if ((account.role !== 'mediator' && account.role !== 'centre_staff') || account.orgId !== state.orgId) throw new AppError('forbidden', 'The responsible organisation handles this work order.');
  }

  /** Notices (and SMS, where a phone is on file) to the responsible organisation's mediators and centre staff. */
  private async tellOrg(state: WorkOrderState, kind: string, text: string, id = `${state.workOrderId}:${state.lastSeq}`): Promise<void> {
    const staff = (await this.accounts.list()).filter((a) => !a.disabled && a.orgId === state.orgId && (a.role === 'mediator' || a.role === 'centre_staff'));
    for (const account of staff) {
      try {
        await this.notifier.deliverOnce({ recipient: { kind: 'account', accountId: account.accountId }, caseId: state.caseIds.at(-1)!, kind, text, path: `/dashboard/work-orders/${state.workOrderId}` }, `${id}:${kind}:${account.accountId}`);
      } catch (error) {
        this.logger.warn({ err: error, workOrderId: state.workOrderId, kind }, 'work order notice not delivered');
      }
    }
  }
}
