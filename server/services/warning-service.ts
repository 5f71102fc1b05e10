import { createHmac, hkdfSync } from 'node:crypto';
import type { Keyring } from '../auth/keyring.ts';
import { orgScopeOf, requireRead, requireStaff } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { CaseEvent } from '../domain/case-events.ts';
import type { CaseState, DisputeType } from '../domain/case-types.ts';
import { groupSightings, matchSighting, sightingKeys, type Sighting } from '../domain/dispute-matching.ts';
import type { WarningLevelChange } from '../domain/warning-case.ts';
import { assessDispute, WARNING_LEVELS, type WarningAssessment, type WarningLevel } from '../domain/warning-levels.ts';
import { KeyedQueue } from '../concurrency/keyed-queue.ts';
import { moduleLogger } from '../logger.ts';
import { AppError } from '../protocol/errors.ts';
import type { KeyValueStore } from '../store/store.ts';
import type { CaseService } from './case-service.ts';
import type { Clock } from './clock.ts';
import type { PiiVault } from './pii-vault.ts';
import type { WarningSettingsStore } from './warning-settings.ts';

/**
 * The keyed hash of the sightings index: HMAC under a key derived (HKDF, its own label) from the
 * current PII key, so the index holds nothing a reader of the store can turn back into a name or
 * number, and equal inputs still meet. A new current key starts a fresh index: older sightings
 * then stop matching (documented in the README).
 */
export function matchKeyOf(keyring: Keyring): (text: string) => string {
  const key = Buffer.from(hkdfSync('sha256', keyring.current('pii').key, Buffer.alloc(0), 'mediation-room:dispute-match', 32));
  return (text) => createHmac('sha256', key).update(text).digest('base64url');
}

/** One case as the index knows it: keys, channel, time, place and type; never a name or a number. */
export interface StoredSighting extends Sighting {
  orgId: string;
}

/** A dispute seen more than once: its cases, why they were linked, and its level. */
export interface WarningRecord {
  warningId: string;
  level: WarningLevel;
  assessment: WarningAssessment;
  caseIds: string[];
  matches: WarningLevelChange['matches'];
  orgIds: string[];
  /** Of the latest sighting: where the dispute is now. */
  orgId: string;
  areaCode: string;
  disputeType: DisputeType;
  firstAt: string;
  lastAt: string;
  updatedAt: string;
  workOrderId?: string | undefined;
}

/** Someone who opens or raises a work order when a warning reaches its level (WorkOrderService). */
export interface WorkOrderOpener {
  warningRaised(warning: WarningRecord): Promise<string | undefined>;
}

const REASSESSED_BY: ReadonlySet<CaseEvent['type']> = new Set(['case.opened', 'participant.added', 'participant.removed', 'case.escalated', 'case.transferred']);
const rank = (level: WarningLevel) => WARNING_LEVELS.indexOf(level);
const SYSTEM = { kind: 'system' } as const;

/**
 * Early warning of repeated disputes (#15): every case, whatever its channel, is a sighting in a
 * keyed index; a new or changed sighting is matched against the earlier ones in the window, the
 * group it falls in is assessed, and a level change is appended to the log of each of its cases.
 * The groups themselves are derived data (kept in the store for listing); what happened is in
 * the case logs and the work orders' logs, both hash-chained.
 */
export class WarningService {
  private readonly queue = new KeyedQueue();
  private readonly log = moduleLogger('warnings');

  constructor(
    private readonly kv: KeyValueStore,
    private readonly cases: CaseService,
    private readonly vault: PiiVault,
    private readonly settings: WarningSettingsStore,
    private readonly keyOf: (text: string) => string,
    private readonly workOrders: WorkOrderOpener,
    private readonly clock: Clock,
  ) {}

  /** Wired to CaseService.onCommittedAwaited (the committing request waits); one reassessment at a time, so two reports of one dispute cannot race. */
  caseCommitted(state: CaseState, events: readonly CaseEvent[]): Promise<void> | undefined {
    if (!events.some((event) => REASSESSED_BY.has(event.type))) return undefined;
    return this.queue.run('warnings', () => this.record(state.caseId)).catch((error: unknown) => this.log.warn({ err: error, caseId: state.caseId }, 'warning not reassessed'));
  }

  /** Settles once every reassessment queued so far is done (shutdown, tests in-process). */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async record(caseId: string): Promise<void> {
    const state = await this.cases.get(caseId);
    if (!state) return;
    await this.kv.set(`sighting:${caseId}`, await this.sightingOf(state));
    await this.reassess(caseId);
  }

  private async sightingOf(state: CaseState): Promise<StoredSighting> {
    const parties = await Promise.all(
      state.participants
        .filter((p) => p.role !== 'agent')
        .map(async (p) => {
          const details = await this.vault.get(state.caseId, p.participantId);
          return { name: p.name, idNumber: details?.idNumber, phone: details?.phone };
        }),
    );
    const keys = sightingKeys({ parties, areaCode: state.areaCode, disputeType: state.disputeType }, this.keyOf);
    return { ...keys, sightingId: state.caseId, channel: state.channel, at: state.openedAt, orgId: state.orgId };
  }

  private async allSightings(): Promise<StoredSighting[]> {
    const keys = await this.kv.keys('sighting:');
    return (await Promise.all(keys.map((key) => this.kv.get<StoredSighting>(key)))).filter((s): s is StoredSighting => !!s);
  }

  private async reassess(caseId: string): Promise<void> {
    const settings = await this.settings.get();
    const rules = { windowDays: settings.matchWindowDays };
    const group = groupSightings(await this.allSightings(), rules).find((g) => g.some((s) => s.sightingId === caseId));
    if (!group) return;
    const states = (await Promise.all(group.map((s) => this.cases.get(s.sightingId)))).filter((s): s is CaseState => !!s);
    const assessment = assessDispute(
      states.map((s) => ({ at: s.openedAt, channel: s.channel, text: `${s.title} ${s.summary}`, escalated: s.escalations.length > 0 })),
      settings.levels,
    );
    const warningId = group[0]!.sightingId;
    const matches = group.flatMap((s, i) => matchSighting(s, group.slice(0, i), rules).map((m) => ({ caseId: s.sightingId, withCaseId: m.sightingId, reasons: m.reasons })));
    const latest = [...states].sort((a, b) => a.openedAt.localeCompare(b.openedAt)).at(-1)!;
    // Groups merge when a report links two disputes: the merged one keeps the earliest id and any work order.
    const formerIds = [...new Set(states.map((s) => s.warning?.warningId).filter((id): id is string => !!id && id !== warningId))];
    const former = await Promise.all([warningId, ...formerIds].map((id) => this.kv.get<WarningRecord>(`warning:${id}`)));
    const record: WarningRecord = {
      warningId,
      level: assessment.level,
      assessment,
      caseIds: states.map((s) => s.caseId),
      matches,
      orgIds: [...new Set(states.map((s) => s.orgId))],
      orgId: latest.orgId,
      areaCode: latest.areaCode,
      disputeType: latest.disputeType,
      firstAt: states[0]!.openedAt,
      lastAt: latest.openedAt,
      updatedAt: this.clock.now().toISOString(),
      workOrderId: former.find((w) => w?.workOrderId)?.workOrderId,
    };
    await this.kv.set(`warning:${warningId}`, record);
    for (const id of formerIds) await this.kv.delete(`warning:${id}`);

    for (const state of states) {
      const previous = state.warning;
      if (!previous && assessment.level === 'none') continue;
      if (previous && previous.level === assessment.level && previous.warningId === warningId) continue;
      const change: WarningLevelChange = {
        warningId,
        level: assessment.level,
        previousLevel: previous?.level ?? 'none',
        score: assessment.score,
        sightings: assessment.sightings,
        recentSightings: assessment.recentSightings,
        channels: assessment.channels,
        escalated: assessment.escalated,
        riskWords: assessment.riskWords,
        linkedCaseIds: record.caseIds.filter((id) => id !== state.caseId),
        matches,
      };
      await this.cases.executeWithRetry(state.caseId, SYSTEM, () => [{ type: 'warning.level_changed', data: change }]);
    }
    if (rank(assessment.level) >= rank(settings.workOrder.openAt)) {
      const workOrderId = await this.workOrders.warningRaised(record);
      if (workOrderId && workOrderId !== record.workOrderId) await this.kv.set(`warning:${warningId}`, { ...record, workOrderId });
    }
  }

  async get(warningId: string): Promise<WarningRecord | undefined> {
    return this.kv.get<WarningRecord>(`warning:${warningId}`);
  }

  /** The warnings a supervisor or mediator may see: any of whose cases is of an organisation they read. */
  async list(principal: Principal): Promise<WarningRecord[]> {
    const account = requireStaff(principal, ['admin', 'centre_staff', 'mediator']);
    const scope = account.role === 'admin' ? undefined : principal.kind === 'staff' ? orgScopeOf(principal) : [];
    const keys = await this.kv.keys('warning:');
    const records = (await Promise.all(keys.map((key) => this.kv.get<WarningRecord>(key)))).filter((w): w is WarningRecord => !!w && w.level !== 'none');
    return records.filter((w) => !scope || w.orgIds.some((org) => scope.includes(org))).sort((a, b) => rank(b.level) - rank(a.level) || b.lastAt.localeCompare(a.lastAt));
  }

  /** The case page's linked history: the other sightings of this dispute and why they are linked. */
  async linkedTo(principal: Principal, caseId: string): Promise<{ warning?: WarningRecord | undefined }> {
    requireStaff(principal);
    const state = requireRead(principal, await this.cases.get(caseId));
    if (!state.warning) return {};
    const warning = await this.get(state.warning.warningId);
    if (!warning) throw new AppError('not_found', 'No such warning.');
    return { warning };
  }
}
