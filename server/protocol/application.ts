import { z } from 'zod';
import { AGENT_RELATIONSHIPS } from '../domain/application.ts';
import { DisputeTypeSchema } from './cases.ts';

/** Resident self-application: the public form, the SMS code, the status and respondent links, the organisation's decision. */

const entityId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
export const MobileSchema = z.string().trim().regex(/^1[3-9]\d{9}$/, 'a mainland mobile number (11 digits)');
const personName = z.string().trim().min(1).max(60);
/** Opaque link tokens (base64url of 32 random bytes). */
const linkToken = z.string().min(20).max(200).regex(/^[A-Za-z0-9_-]+$/);

export const AgentRelationshipSchema = z.enum(AGENT_RELATIONSHIPS);

export const SendCodeRequestSchema = z.strictObject({ phone: MobileSchema });
export type SendCodeRequest = z.infer<typeof SendCodeRequestSchema>;

export const SendCodeResponseSchema = z.object({
  ttlSeconds: z.number(),
  resendAfterSeconds: z.number(),
  /** Demo installations only (APP_MODE=demo): the text the SMS carried, shown on the page as a 演示短信. */
  demoMessage: z.string().optional(),
});
export type SendCodeResponse = z.infer<typeof SendCodeResponseSchema>;

export const ApplyRequestSchema = z.strictObject({
  /** The mobile of whoever fills the form (the party, or the family member applying for them), proven by `smsCode`. */
  phone: MobileSchema,
  smsCode: z.string().trim().regex(/^\d{6}$/, 'the 6-digit code'),
  /** The party (申请人). When a family member applies, the elder is named here. */
  applicant: z.strictObject({
    name: personName,
    idNumber: z.string().trim().toUpperCase(),
    /** 送达地址. */
    address: z.string().trim().min(5).max(200),
    /** The party's own mobile when someone else applies for them (optional). */
    phone: MobileSchema.optional(),
  }),
  /** 代为申请: the family member who fills the form, and how they are related to the party. */
  agent: z.strictObject({ name: personName, relationship: AgentRelationshipSchema }).optional(),
  respondent: z.strictObject({ name: personName, phone: MobileSchema }),
  dispute: z.strictObject({
    disputeType: DisputeTypeSchema,
    facts: z.string().trim().min(10).max(4000),
    requests: z.string().trim().min(2).max(1000),
  }),
  orgId: entityId,
  mediatorId: entityId.optional(),
  /** 送达地址确认书: the address above, the verified phone and an optional e-mail are confirmed for service. */
  delivery: z.strictObject({
    email: z.email().max(120).optional(),
    electronicDelivery: z.boolean(),
    confirmed: z.literal(true, { error: 'confirm the address for service' }),
  }),
  consentOnlineMediation: z.literal(true, { error: 'consent to mediation online' }),
});
export type ApplyRequest = z.infer<typeof ApplyRequestSchema>;

export const ApplyResponseSchema = z.object({ caseId: z.string(), caseNumber: z.string(), statusToken: z.string(), statusUrl: z.string() });
export type ApplyResponse = z.infer<typeof ApplyResponseSchema>;

export const LinkTokenRequestSchema = z.strictObject({ token: linkToken });
export const RespondentAnswerRequestSchema = z.strictObject({ token: linkToken, agree: z.boolean(), reason: z.string().trim().max(500).optional() });

export const ApplicationDecisionRequestSchema = z.discriminatedUnion('accept', [
  z.strictObject({ accept: z.literal(true) }),
  z.strictObject({ accept: z.literal(false), reason: z.string().trim().min(1).max(500) }),
]);
export type ApplicationDecisionRequest = z.infer<typeof ApplicationDecisionRequestSchema>;

export const MediatorProfileRequestSchema = z.strictObject({
  /** Shown in the public directory only when true (opt in). */
  listed: z.boolean(),
  speciality: z.string().trim().max(100),
  introduction: z.string().trim().max(500).optional(),
});
export type MediatorProfileRequest = z.infer<typeof MediatorProfileRequestSchema>;

const StepSchema = z.object({
  key: z.enum(['submitted', 'accepted', 'respondent_contacted', 'scheduled', 'in_mediation', 'closed']),
  status: z.enum(['done', 'current', 'pending', 'refused', 'skipped']),
  at: z.string().optional(),
});

/** What the applicant's status link shows. */
export const ApplicationStatusViewSchema = z.object({
  caseNumber: z.string(),
  title: z.string(),
  orgName: z.string(),
  steps: z.array(StepSchema),
  notAcceptedReason: z.string().optional(),
  respondentRefused: z.boolean(),
  chosenMediatorName: z.string().optional(),
  mediatorName: z.string().optional(),
  nextSessionAt: z.string().optional(),
  closedReason: z.string().optional(),
});
export type ApplicationStatusView = z.infer<typeof ApplicationStatusViewSchema>;

/** What the respondent's link shows before they answer. */
export const RespondentViewSchema = z.object({
  caseNumber: z.string(),
  title: z.string(),
  orgName: z.string(),
  respondentName: z.string(),
  applicantName: z.string(),
  facts: z.string(),
  chosenMediatorName: z.string().optional(),
  answer: z.enum(['agreed', 'refused']).optional(),
});
export type RespondentView = z.infer<typeof RespondentViewSchema>;

export const PublicDirectorySchema = z.object({
  /** 人民调解不收费 (人民调解法 4). */
  free: z.literal(true),
  orgs: z.array(
    z.object({
      orgId: z.string(),
      name: z.string(),
      mediators: z.array(z.object({ accountId: z.string(), name: z.string(), speciality: z.string(), introduction: z.string().optional() })),
    }),
  ),
});
export type PublicDirectory = z.infer<typeof PublicDirectorySchema>;

/** The poster a mediation centre prints: a QR code of the application page, for one organisation or any. */
export const ApplyQrQuerySchema = z.strictObject({ org: entityId.optional() });
export const ApplyQrSchema = z.object({ url: z.string(), qrSvg: z.string(), orgName: z.string().optional() });
export type ApplyQr = z.infer<typeof ApplyQrSchema>;
