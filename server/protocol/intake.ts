import { z } from 'zod';
import { DisputeTypeSchema, ExternalRefSchema } from './cases.ts';

/** Grid worker field reports, the grid registry, lighter items and assisted join (issue #14 items 1 and 7). */

const entityId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
export const GridCodeSchema = z.string().regex(/^\d{6,15}$/, 'a grid code (6-15 digits)');

export const AddGridNodeRequestSchema = z.strictObject({
  code: GridCodeSchema,
  name: z.string().trim().min(1).max(40),
  level: z.enum(['town', 'community', 'grid']),
  parentCode: GridCodeSchema.optional(),
  orgId: entityId.optional(),
  courtId: entityId.optional(),
});
export type AddGridNodeRequest = z.infer<typeof AddGridNodeRequestSchema>;

/** `null` clears a binding, so the node inherits its parent's again. */
export const UpdateGridNodeRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(40).optional(),
  orgId: entityId.nullable().optional(),
  courtId: entityId.nullable().optional(),
});
export type UpdateGridNodeRequest = z.infer<typeof UpdateGridNodeRequestSchema>;

export const FieldReportPartySchema = z.strictObject({
  role: z.enum(['applicant', 'respondent']),
  name: z.string().trim().min(1).max(60),
  /** Kept in the PII vault; the log holds a mask. */
  phone: z.string().trim().optional(),
  idNumber: z.string().trim().toUpperCase().optional(),
});

export const FieldReportRequestSchema = z.strictObject({
  gridCode: GridCodeSchema,
  disputeType: DisputeTypeSchema,
  title: z.string().trim().min(2).max(80),
  description: z.string().trim().min(5).max(2000),
  parties: z.array(FieldReportPartySchema).min(1).max(10),
  externalRef: ExternalRefSchema.optional(),
});
export type FieldReportRequest = z.infer<typeof FieldReportRequestSchema>;

/** Photos arrive as the raw file; its type is judged by its bytes. */
export const PhotoUploadQuerySchema = z.strictObject({ name: z.string().trim().min(1).max(120) });

export const ItemKindSchema = z.enum(['hazard', 'opinion']);
export const LogItemRequestSchema = z.strictObject({
  kind: ItemKindSchema,
  gridCode: GridCodeSchema,
  title: z.string().trim().min(2).max(80),
  description: z.string().trim().max(2000).default(''),
});
export type LogItemRequest = z.infer<typeof LogItemRequestSchema>;
export const CloseItemRequestSchema = z.strictObject({
  resolution: z.enum(['resolved', 'referred', 'no_action']),
  outcome: z.string().trim().min(2).max(1000),
});
export const ListItemsQuerySchema = z.strictObject({ status: z.enum(['open', 'closed']).optional() });

export const StartAssistanceRequestSchema = z.strictObject({ participantId: z.string().min(1).max(64) });

/** What the assisting device gets: the invitation link to open right here, in this browser. */
export const AssistanceStartedSchema = z.object({
  invitationId: z.string(),
  participantId: z.string(),
  expiresAt: z.string(),
  url: z.string(),
});
export type AssistanceStarted = z.infer<typeof AssistanceStartedSchema>;
