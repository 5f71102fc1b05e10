import { z } from 'zod';
import { CASE_STATUSES } from '../domain/case-types.ts';
import { DisputeTypeSchema, IntakeChannelSchema } from './cases.ts';
import { PerformanceSchema } from './follow-up.ts';

export const CaseStatusSchema = z.enum(CASE_STATUSES);

const day = z.iso.date();
/** Query strings carry text: "true"/"1" mean yes. */
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const LEDGER_MAX_PAGE_SIZE = 100;
/** The export takes every filtered row up to this many (a county's year fits). */
export const LEDGER_EXPORT_LIMIT = 20_000;

/** GET /api/ledger (and its export): every filter optional; dates are days received, in Beijing time. */
export const LedgerQuerySchema = z
  .object({
    q: z.string().trim().max(80).optional(),
    channel: IntakeChannelSchema.optional(),
    disputeType: DisputeTypeSchema.optional(),
    status: CaseStatusSchema.optional(),
    /** An area and everything under it (codes nest by prefix). */
    areaCode: z.string().regex(/^\d{2,12}$/, 'an administrative area code or its prefix (2-12 digits)').optional(),
    grid: z.string().trim().max(40).optional(),
    mediatorId: z.string().min(1).max(64).optional(),
    from: day.optional(),
    to: day.optional(),
    /** The caller's own cases: those they mediate. */
    mine: flag.optional(),
    /** Follow-ups planned and not yet recorded (`pending`), or those of them whose day has come (`due`). */
    followUp: z.enum(['pending', 'due']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(LEDGER_MAX_PAGE_SIZE).default(20),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'the first day comes after the last', path: ['to'] });
export type LedgerQuery = z.infer<typeof LedgerQuerySchema>;
export type LedgerQueryInput = z.input<typeof LedgerQuerySchema>;

const rate = z.number().min(0).max(1).nullable();

export const LedgerRowSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  channel: IntakeChannelSchema,
  disputeType: DisputeTypeSchema,
  areaCode: z.string(),
  /** The area's name where known, else the organisation's, else the code itself. */
  areaName: z.string(),
  grid: z.string().optional(),
  orgName: z.string(),
  mediatorId: z.string().optional(),
  mediatorName: z.string().optional(),
  status: CaseStatusSchema,
  receivedAt: z.string(),
  agreementEffectiveAt: z.string().optional(),
  closedReason: z.string().optional(),
  closedNote: z.string().optional(),
  followUpDueDate: z.string().optional(),
  followUpDue: z.boolean(),
  performance: PerformanceSchema.optional(),
  surveysAnswered: z.number().int().min(0),
  satisfied: z.number().int().min(0),
  canManage: z.boolean(),
});
export type LedgerRow = z.infer<typeof LedgerRowSchema>;

/** One mediator's figures over the filtered cases. */
export const MediatorFiguresSchema = z.object({
  mediatorId: z.string(),
  name: z.string(),
  cases: z.number().int().min(0),
  successful: z.number().int().min(0),
  failed: z.number().int().min(0),
  /** successful / (successful + failed). */
  successRate: rate,
  /** Calendar days from acceptance to the agreement taking effect, over the cases that got there. */
  averageDays: z.number().min(0).nullable(),
  followUpsDue: z.number().int().min(0),
  followUpsDone: z.number().int().min(0),
  surveysAnswered: z.number().int().min(0),
  /** satisfied / answered. */
  satisfactionRate: rate,
});
export type MediatorFigures = z.infer<typeof MediatorFiguresSchema>;

export const LedgerResponseSchema = z.object({
  rows: z.array(LedgerRowSchema),
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  mediators: z.array(MediatorFiguresSchema),
  /** Everyone who mediates a case the caller may see: the choices of the mediator filter. */
  mediatorOptions: z.array(z.object({ mediatorId: z.string(), name: z.string() })),
});
export type LedgerResponse = z.infer<typeof LedgerResponseSchema>;

/** POST /api/ledger/cases/:caseId/close: closing from the ledger always says why, in words. */
export const LedgerCloseRequestSchema = z.object({
  reason: z.enum(['withdrawn', 'completed', 'failed', 'confirmed', 'rejected', 'not_accepted']),
  note: z.string().trim().min(2, 'say why in a few words').max(500),
});
export type LedgerCloseRequest = z.infer<typeof LedgerCloseRequestSchema>;
