import { z } from 'zod';
import { DisputeTypeSchema } from './cases.ts';

/** A calendar month in Beijing time, as the dashboard groups cases. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
/** Against a request for centuries of empty months. */
export const MAX_STATISTICS_MONTHS = 120;

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** GET /api/statistics: every filter optional; months are those the cases were received in. */
export const StatisticsQuerySchema = z
  .object({
    from: MonthSchema.optional(),
    to: MonthSchema.optional(),
    disputeType: DisputeTypeSchema.optional(),
    /** An area and everything under it (codes nest by prefix): 370785 takes in 370785001. */
    areaCode: z.string().regex(/^\d{2,12}$/, 'an administrative area code or its prefix (2-12 digits)').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'the first month comes after the last', path: ['to'] })
  .refine((q) => !q.from || !q.to || monthIndex(q.to) - monthIndex(q.from) < MAX_STATISTICS_MONTHS, { message: `at most ${MAX_STATISTICS_MONTHS} months`, path: ['to'] });
export type StatisticsQuery = z.infer<typeof StatisticsQuerySchema>;

/** Whose cases the figures cover: the lists the caller's case list shows. */
export const StatisticsScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('org'), orgId: z.string() }),
  z.object({ kind: z.literal('court'), courtId: z.string() }),
]);
export type StatisticsScope = z.infer<typeof StatisticsScopeSchema>;

const count = z.number().int().min(0);
/** A fraction from 0 to 1; null when nothing could be counted below the line. */
const rate = z.number().min(0).max(1).nullable();
const StageAverageSchema = z.object({ cases: count, averageDays: z.number().min(0).nullable() });

/** One group's figures; each is defined in server/domain/statistics.ts (StatisticsFigures). */
export const StatisticsFiguresSchema = z.object({
  received: count,
  accepted: count,
  successful: count,
  failed: count,
  closedWithoutOutcome: count,
  inProgress: count,
  successRate: rate,
  confirmationApplied: count,
  confirmed: count,
  rejected: count,
  confirmationRate: rate,
  // Follow-up (回访): 履行率 and 满意率, defined in server/domain/statistics.ts.
  followUpsRecorded: count,
  performed: count,
  performanceRate: rate,
  surveysAnswered: count,
  satisfied: count,
  satisfactionRate: rate,
  stages: z.object({ acceptance: StageAverageSchema, mediation: StageAverageSchema, application: StageAverageSchema, review: StageAverageSchema }),
});
export type StatisticsFigures = z.infer<typeof StatisticsFiguresSchema>;

export const StatisticsResponseSchema = z.object({
  scope: StatisticsScopeSchema,
  /** Months are calendar months in this zone. */
  timeZone: z.literal('Asia/Shanghai'),
  totals: StatisticsFiguresSchema,
  byMonth: z.array(StatisticsFiguresSchema.extend({ month: MonthSchema })),
  byDisputeType: z.array(StatisticsFiguresSchema.extend({ disputeType: DisputeTypeSchema })),
  byArea: z.array(StatisticsFiguresSchema.extend({ areaCode: z.string() })),
});
export type StatisticsResponse = z.infer<typeof StatisticsResponseSchema>;
