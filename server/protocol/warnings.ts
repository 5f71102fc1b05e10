import { z } from 'zod';

/*
 * Early warning of repeated disputes and supervised work orders (#15): the settings a deployment
 * tunes, and the requests of the work-order page.
 */

const level = z.enum(['blue', 'yellow', 'orange', 'red']);
const score = z.number().min(0).max(100);

export const WarningSettingsSchema = z
  .strictObject({
    /** Earlier reports this recent are compared with a new one. */
    matchWindowDays: z.number().int().min(1).max(3650),
    levels: z.strictObject({
      recentDays: z.number().int().min(1).max(3650),
      thresholds: z.strictObject({ blue: score, yellow: score, orange: score, red: score }),
      riskWordsWeight: score,
      riskWords: z.array(z.string().trim().min(1).max(20)).max(200),
      escalationWeight: score,
    }),
    /** From which level a work order (工单) is opened, and how many working days it is given. */
    workOrder: z.strictObject({ openAt: level, deadlineWorkingDays: z.number().int().min(1).max(60) }),
  })
  .refine((s) => s.levels.thresholds.blue <= s.levels.thresholds.yellow && s.levels.thresholds.yellow <= s.levels.thresholds.orange && s.levels.thresholds.orange <= s.levels.thresholds.red, {
    message: 'thresholds rise from blue to red',
    path: ['levels', 'thresholds'],
  });
export type WarningSettings = z.infer<typeof WarningSettingsSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);
export const RemindWorkOrderRequestSchema = z.strictObject({ note: text(300) });
export const EscalateWorkOrderRequestSchema = z.strictObject({ reason: text(500) });
export const ResolveWorkOrderRequestSchema = z.strictObject({ outcome: text(2000) });
export const AcceptWorkOrderRequestSchema = z.strictObject({});
export const WorkOrderListQuerySchema = z.strictObject({ status: z.enum(['open', 'accepted', 'resolved']).optional() });
