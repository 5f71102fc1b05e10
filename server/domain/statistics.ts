import type { CaseEvent } from './case-events.ts';
import { DISPUTE_TYPES, type DisputeType } from './case-types.ts';
import { CHINA_OFFSET_MS } from './china-time.ts';

/**
 * The dashboard's figures, computed from case logs (pure, no I/O): cases received, mediated
 * successfully or not, judicial confirmation, and how long each stage took, in total and grouped
 * by the month a case was received, by dispute type and by area.
 *
 * Every figure of a group describes the cases *received* in it (a cohort), whenever their later
 * steps happened: a month's success rate is that of the disputes that came in that month. So the
 * latest months look unfinished until their cases conclude; that is the honest reading, where
 * counting outcomes by the month they happened would mix cohorts.
 *
 * Months are calendar months in Beijing time (Asia/Shanghai, UTC+8 all year, no daylight saving):
 * a case opened at 2026-10-31T17:00Z (01:00 on 1 November in China) belongs to 2026-11, as its
 * ledger (台账) says. Durations are calendar days, not working days.
 */

const DAY_MS = 86_400_000;

/** The stages whose average length is reported, each from one milestone to the next. */
export const STATISTICS_STAGES = ['acceptance', 'mediation', 'application', 'review'] as const;
export type StatisticsStage = (typeof STATISTICS_STAGES)[number];

/** The milestones of one case, read from its log: the first time each happened. */
export interface CaseMilestones {
  caseId: string;
  disputeType: DisputeType;
  areaCode: string;
  /** `YYYY-MM` in Beijing time of `receivedAt`. */
  month: string;
  /** `case.opened`: the dispute was received (受理). */
  receivedAt: string;
  /** `case.accepted`: a mediator accepted it, declaring no conflict of interest. */
  acceptedAt?: string | undefined;
  /** `agreement.signed`: the agreement took effect (调解成功). */
  signedAt?: string | undefined;
  /** `mediation.failed`: mediation ended without agreement (调解不成). */
  failedAt?: string | undefined;
  /** `case.closed` before any outcome: withdrawn, or not accepted. */
  closedWithoutOutcomeAt?: string | undefined;
  /** `confirmation.requested`: the parties' joint application was filed with the court. */
  requestedAt?: string | undefined;
  /** `confirmation.confirmed` or `confirmation.rejected`: the court ruled. */
  decidedAt?: string | undefined;
  decision?: 'confirmed' | 'rejected' | undefined;
  /** Follow-up (回访): the latest recorded performance, and each party's survey answer (set only once there is one). */
  performance?: 'performed' | 'partly' | 'not_performed' | undefined;
  surveyAnswers?: Record<string, 'satisfied' | 'neutral' | 'unsatisfied'> | undefined;
}

export interface StageAverage {
  /** Cases that went through the stage (both its ends are in their logs). */
  cases: number;
  /** Mean length in calendar days, to two decimals; null when no case went through it. */
  averageDays: number | null;
}

/**
 * The figures of one group of cases. A rate is a fraction from 0 to 1, and null (never 0) when
 * its denominator is zero: "no case concluded yet" is not "every case failed".
 */
export interface StatisticsFigures {
  /** Cases received (`case.opened`). */
  received: number;
  /** Of those, accepted by a mediator (`case.accepted`). */
  accepted: number;
  /** Mediated successfully: the agreement took effect (`agreement.signed`). */
  successful: number;
  /** Mediation failed (`mediation.failed`). */
  failed: number;
  /** Closed before any outcome: withdrawn by the parties, or not accepted. */
  closedWithoutOutcome: number;
  /** Still open: received − successful − failed − closedWithoutOutcome. */
  inProgress: number;
  /** successful / (successful + failed): of the mediations that concluded, the share that ended in agreement. */
  successRate: number | null;
  /** Joint applications for judicial confirmation filed with a court (`confirmation.requested`). */
  confirmationApplied: number;
  /** The court confirmed the agreement valid (`confirmation.confirmed`). */
  confirmed: number;
  /** The court dismissed the application (`confirmation.rejected`). */
  rejected: number;
  /** confirmed / (confirmed + rejected): of the applications decided, the share confirmed. */
  confirmationRate: number | null;
  /** Follow-up (回访): cases with a recorded follow-up, those whose latest record says performed, and 履行率 = performed / recorded. */
  followUpsRecorded: number;
  performed: number;
  performanceRate: number | null;
  /** Survey answers (one per party), those satisfied, and 满意率 = satisfied / answered. */
  surveysAnswered: number;
  satisfied: number;
  satisfactionRate: number | null;
  /**
   * Average days per stage, over the cases that completed it:
   * acceptance = received → accepted by a mediator;
   * mediation = accepted → agreement signed or mediation failed;
   * application = agreement signed → confirmation requested;
   * review = confirmation requested → court decided.
   */
  stages: Record<StatisticsStage, StageAverage>;
}

export interface StatisticsFilter {
  /** First month received, `YYYY-MM`, inclusive. */
  fromMonth?: string | undefined;
  /** Last month received, `YYYY-MM`, inclusive. */
  toMonth?: string | undefined;
  disputeType?: DisputeType | undefined;
  /** An area and everything under it: administrative codes nest by prefix (county 370785, township 370785001). */
  areaCode?: string | undefined;
}

export interface Statistics {
  totals: StatisticsFigures;
  /** Every month from the first to the last (the filter's bounds, else the cases'), empty months included. */
  byMonth: Array<{ month: string } & StatisticsFigures>;
  /** Dispute types that have cases, in the order of DISPUTE_TYPES. */
  byDisputeType: Array<{ disputeType: DisputeType } & StatisticsFigures>;
  /** Area codes (as recorded on the cases) that have cases, in code order. */
  byArea: Array<{ areaCode: string } & StatisticsFigures>;
}

/** `2026-11`: the calendar month of a moment in Beijing time. */
export function chinaMonth(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

/** The months from `from` to `to`, both `YYYY-MM` and inclusive; empty when `from` is later. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let key = from; key <= to; key = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

/** Reads a case's milestones from its log; undefined for a log without `case.opened`. */
export function milestonesOf(events: readonly CaseEvent[]): CaseMilestones | undefined {
  const opened = events.find((event) => event.type === 'case.opened');
  if (!opened) return undefined;
  const milestones: CaseMilestones = {
    caseId: opened.caseId,
    disputeType: opened.data.disputeType,
    areaCode: opened.data.areaCode,
    month: chinaMonth(opened.at),
    receivedAt: opened.at,
  };
  for (const event of events) {
    switch (event.type) {
      case 'case.accepted':
        milestones.acceptedAt ??= event.at;
        break;
      case 'agreement.signed':
        milestones.signedAt ??= event.at;
        break;
      case 'mediation.failed':
        milestones.failedAt ??= event.at;
        break;
      case 'case.closed':
        // Closing after an outcome only files the case away; before one, the case ends without one.
        if (!milestones.signedAt && !milestones.failedAt) milestones.closedWithoutOutcomeAt ??= event.at;
        break;
      case 'confirmation.requested':
        milestones.requestedAt ??= event.at;
        break;
      case 'confirmation.confirmed':
      case 'confirmation.rejected':
        if (!milestones.decidedAt) {
          milestones.decidedAt = event.at;
          milestones.decision = event.type === 'confirmation.confirmed' ? 'confirmed' : 'rejected';
        }
        break;
      case 'followup.recorded':
        milestones.performance = event.data.performance;
        break;
      case 'survey.answered':
        milestones.surveyAnswers = { ...milestones.surveyAnswers, [event.data.participantId]: event.data.answer };
        break;
      default:
        break;
    }
  }
  return milestones;
}

export function matchesFilter(milestones: CaseMilestones, filter: StatisticsFilter): boolean {
  if (filter.fromMonth && milestones.month < filter.fromMonth) return false;
  if (filter.toMonth && milestones.month > filter.toMonth) return false;
  if (filter.disputeType && milestones.disputeType !== filter.disputeType) return false;
  if (filter.areaCode && !milestones.areaCode.startsWith(filter.areaCode)) return false;
  return true;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function stageAverage(durations: number[]): StageAverage {
  if (durations.length === 0) return { cases: 0, averageDays: null };
  const mean = durations.reduce((sum, ms) => sum + ms, 0) / durations.length / DAY_MS;
  return { cases: durations.length, averageDays: Math.round(mean * 100) / 100 };
}

/** The lengths (ms) of one stage over the cases that have both of its ends. */
function durations(cases: readonly CaseMilestones[], start: (c: CaseMilestones) => string | undefined, end: (c: CaseMilestones) => string | undefined): number[] {
  const lengths: number[] = [];
  for (const c of cases) {
    const from = start(c);
    const to = end(c);
    if (from && to) lengths.push(Date.parse(to) - Date.parse(from));
  }
  return lengths;
}

/** The figures of one group of cases (see StatisticsFigures for each definition). */
export function figuresOf(cases: readonly CaseMilestones[]): StatisticsFigures {
  const count = (has: (c: CaseMilestones) => unknown) => cases.filter(has).length;
  const successful = count((c) => c.signedAt);
  const failed = count((c) => c.failedAt);
  const closedWithoutOutcome = count((c) => c.closedWithoutOutcomeAt);
  const confirmed = count((c) => c.decision === 'confirmed');
  const rejected = count((c) => c.decision === 'rejected');
  const answers = cases.flatMap((c) => Object.values(c.surveyAnswers ?? {}));
  const followUpsRecorded = count((c) => c.performance);
  const performed = count((c) => c.performance === 'performed');
  const satisfied = answers.filter((a) => a === 'satisfied').length;
  return {
    received: cases.length,
    accepted: count((c) => c.acceptedAt),
    successful,
    failed,
    closedWithoutOutcome,
    inProgress: cases.length - successful - failed - closedWithoutOutcome,
    successRate: ratio(successful, successful + failed),
    confirmationApplied: count((c) => c.requestedAt),
    confirmed,
    rejected,
    confirmationRate: ratio(confirmed, confirmed + rejected),
    followUpsRecorded,
    performed,
    performanceRate: ratio(performed, followUpsRecorded),
    surveysAnswered: answers.length,
    satisfied,
    satisfactionRate: ratio(satisfied, answers.length),
    stages: {
      acceptance: stageAverage(durations(cases, (c) => c.receivedAt, (c) => c.acceptedAt)),
      mediation: stageAverage(durations(cases, (c) => c.acceptedAt, (c) => c.signedAt ?? c.failedAt)),
      application: stageAverage(durations(cases, (c) => c.signedAt, (c) => c.requestedAt)),
      review: stageAverage(durations(cases, (c) => c.requestedAt, (c) => c.decidedAt)),
    },
  };
}

function groupBy<K extends string>(cases: readonly CaseMilestones[], key: (c: CaseMilestones) => K): Map<K, CaseMilestones[]> {
  const groups = new Map<K, CaseMilestones[]>();
  for (const c of cases) {
    const k = key(c);
    const group = groups.get(k);
    if (group) group.push(c);
    else groups.set(k, [c]);
  }
  return groups;
}

/** The dashboard's figures for the cases whose logs are given, narrowed by `filter`. */
export function computeStatistics(logs: Iterable<readonly CaseEvent[]>, filter: StatisticsFilter = {}): Statistics {
  const cases: CaseMilestones[] = [];
  for (const log of logs) {
    const milestones = milestonesOf(log);
    if (milestones && matchesFilter(milestones, filter)) cases.push(milestones);
  }

  const caseMonths = cases.map((c) => c.month).sort();
  const firstMonth = filter.fromMonth ?? caseMonths[0];
  const lastMonth = filter.toMonth ?? caseMonths.at(-1);
  const byMonth = groupBy(cases, (c) => c.month);
  const byType = groupBy(cases, (c) => c.disputeType);
  const byArea = groupBy(cases, (c) => c.areaCode);

  return {
    totals: figuresOf(cases),
    byMonth: firstMonth && lastMonth ? monthsBetween(firstMonth, lastMonth).map((month) => ({ month, ...figuresOf(byMonth.get(month) ?? []) })) : [],
    byDisputeType: DISPUTE_TYPES.filter((type) => byType.has(type)).map((disputeType) => ({ disputeType, ...figuresOf(byType.get(disputeType)!) })),
    byArea: [...byArea.keys()].sort().map((areaCode) => ({ areaCode, ...figuresOf(byArea.get(areaCode)!) })),
  };
}
