import { z } from 'zod';

/** Dispatch and the three tiers (#14): requests of the dispatch screen and the case page's dialogs. */
const entityId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const text = z.string().trim().min(1).max(1000);

/** Taking a case means declaring no conflict of interest, as accepting it does. */
export const TakeCaseRequestSchema = z.object({ noConflictDeclared: z.literal(true, { error: 'declare that you have no conflict of interest' }) });
export const TransferRequestSchema = z.object({ toOrgId: entityId, reason: z.string().trim().min(1).max(500) });
export const AskGuidanceRequestSchema = z.object({ question: text });
export const AnswerGuidanceRequestSchema = z.object({ answer: text });
export const StaffPhoneRequestSchema = z.object({ phone: z.string().trim().min(1).max(20) });
export const MediatorsQuerySchema = z.object({ orgId: entityId });

export type TransferRequest = z.infer<typeof TransferRequestSchema>;
