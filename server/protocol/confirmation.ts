import { z } from 'zod';

export const ApplyForConfirmationRequestSchema = z.object({
  /** 电子送达 needs the recipient's consent; false asks for paper. */
  electronicDelivery: z.boolean(),
  subject: z.object({ personalStatus: z.boolean(), ownershipConfirmation: z.boolean() }),
});
export const ReassignRequestSchema = z.object({ judgeId: z.string().min(1).max(64) });
export const ExtendReviewRequestSchema = z.object({ reason: z.string().trim().min(1).max(500) });
export const ScheduleHearingRequestSchema = z.object({ startsAt: z.iso.datetime({ offset: true }) });
/** Attendance is not part of the record the judge sends: it is taken from the room's admissions. */
export const HearingRecordRequestSchema = z.strictObject({
  sessionId: z.string().min(1).max(64),
  answers: z.record(z.string().max(64), z.record(z.string().max(40), z.string().max(1000))),
  notes: z.string().max(20_000),
});
export const DecisionRequestSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('confirmed') }),
  z.object({ outcome: z.literal('rejected'), ground: z.enum(['violates_law', 'harms_interests', 'public_order', 'not_voluntary', 'unclear', 'other']), reason: z.string().trim().min(1).max(1000) }),
]);
export const MaterialRequestSchema = z.object({ message: z.string().trim().min(1).max(1000) });
export const MaterialUploadQuerySchema = z.object({ name: z.string().trim().min(1).max(200) });
