import { z } from 'zod';

export const DisputeTypeSchema = z.enum(['neighbour', 'family', 'property_management', 'labour', 'debt', 'land', 'consumer', 'traffic', 'other']);
export const IntakeChannelSchema = z.enum(['resident_application', 'grid_report', 'court_referral', 'hotline', 'police', 'petition', 'enterprise']);
/** Early warning (#15): another system's reference (12345 工单号, 警情号, 信访件号): letters, digits, CJK and a few separators. */
export const ExternalRefSchema = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff_\-/.#:]*$/, 'letters, digits and - _ / . # : only');
export const TierSchema = z.enum(['grid', 'mediator', 'judge']);
const entityId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const isoTime = z.iso.datetime({ offset: true });
const reason = z.string().trim().min(1).max(500);

export const CreateCaseRequestSchema = z.object({
  channel: IntakeChannelSchema,
  disputeType: DisputeTypeSchema,
  title: z.string().trim().min(2).max(80),
  summary: z.string().trim().min(5).max(4000),
  areaCode: z.string().regex(/^\d{6,12}$/, 'an administrative area code (6-12 digits)'),
  grid: z.string().trim().max(40).optional(),
  externalRef: ExternalRefSchema.optional(),
  /** Required when a judge or an admin opens the case; staff of an organisation open it for their own. */
  orgId: entityId.optional(),
});
export type CreateCaseRequest = z.infer<typeof CreateCaseRequestSchema>;

export const AddParticipantRequestSchema = z
  .object({
    role: z.enum(['applicant', 'respondent', 'agent']),
    personKind: z.enum(['natural', 'organization']).default('natural'),
    name: z.string().trim().min(1).max(60),
    representing: z.string().max(64).optional(),
    sex: z.enum(['male', 'female']).optional(),
    ethnicity: z.string().trim().max(20).optional(),
    idNumber: z.string().trim().toUpperCase().optional(),
    phone: z.string().trim().optional(),
    address: z.string().trim().max(200).optional(),
    legalRepresentative: z.string().trim().max(60).optional(),
  })
  .refine((p) => p.role !== 'agent' || !!p.representing, { message: 'an agent represents a party', path: ['representing'] });
export type AddParticipantRequest = z.infer<typeof AddParticipantRequestSchema>;

export const AssignRequestSchema = z.object({ mediatorId: entityId });
export const AcceptRequestSchema = z.object({ noConflictDeclared: z.literal(true, { error: 'declare that you have no conflict of interest' }) });
export const DeclineRequestSchema = z.object({ reason: z.enum(['conflict_of_interest', 'workload', 'other']), note: z.string().trim().max(500).optional() });
/** `mediatorId` (#14): the mediator an escalation to the mediator tier goes to; else one of the organisation is chosen. */
export const EscalateRequestSchema = z.object({ to: TierSchema, reason, mediatorId: entityId.optional() });
export const ScheduleSessionRequestSchema = z.object({ startsAt: isoTime });
export const IssueInvitationRequestSchema = z.object({ participantId: z.string().min(1).max(64), validHours: z.number().int().min(1).max(24 * 30).default(72) });
export const FailMediationRequestSchema = z.object({ reason });
export const CloseCaseRequestSchema = z.object({ reason: z.enum(['withdrawn', 'completed', 'failed', 'confirmed', 'rejected', 'not_accepted']), note: z.string().trim().max(500).optional() });
export const RedeemInvitationRequestSchema = z.object({
  token: z.string().min(20).max(2000),
  /** A random id the resident's browser keeps; the first device to open a link is the only one it admits. */
  deviceId: z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/),
});
export const ListCasesQuerySchema = z.object({ status: z.string().max(40).optional() });

export const InvitationIssuedSchema = z.object({
  invitationId: z.string(),
  participantId: z.string(),
  expiresAt: z.string(),
  url: z.string(),
  qrSvg: z.string(),
});
export type InvitationIssued = z.infer<typeof InvitationIssuedSchema>;
