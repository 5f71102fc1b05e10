import { z } from 'zod';

export const AccountRoleSchema = z.enum(['admin', 'mediator', 'grid_worker', 'judge', 'centre_staff']);
export const UsernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[a-z0-9_.-]+$/, 'lower-case letters, digits, ".", "_" or "-"');
export const PasswordSchema = z.string().min(10, 'at least 10 characters').max(200);
const entityId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const LoginRequestSchema = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });
export const RefreshRequestSchema = z.object({ refreshToken: z.string().min(10).max(200) });
export const LogoutRequestSchema = z.object({ refreshToken: z.string().min(10).max(200).optional() });

export const CreateAccountRequestSchema = z
  .object({
    username: UsernameSchema,
    password: PasswordSchema,
    displayName: z.string().trim().min(1).max(40),
    role: AccountRoleSchema,
    orgId: entityId.optional(),
    courtId: entityId.optional(),
  })
  .refine((a) => !['mediator', 'grid_worker', 'centre_staff'].includes(a.role) || !!a.orgId, { message: 'mediators, grid workers and centre staff belong to an organisation', path: ['orgId'] })
  .refine((a) => a.role !== 'judge' || !!a.courtId, { message: 'judges belong to a court', path: ['courtId'] });
export type CreateAccountRequest = z.infer<typeof CreateAccountRequestSchema>;

/** What an admin may change of an account: only whether it is disabled (strict, so nothing else slips in). */
export const UpdateAccountRequestSchema = z.strictObject({ disabled: z.boolean() });
export type UpdateAccountRequest = z.infer<typeof UpdateAccountRequestSchema>;

export const AccountViewSchema = z.object({
  accountId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: AccountRoleSchema,
  orgId: z.string().optional(),
  courtId: z.string().optional(),
  disabled: z.boolean(),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

export const SessionTokensSchema = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string(),
  account: AccountViewSchema,
});
export type SessionTokens = z.infer<typeof SessionTokensSchema>;

/** `parentOrgId` (#14): the centre above an organisation (a town's 矛调中心 above its village committees), whose staff dispatch its cases. */
export const CreateOrgRequestSchema = z.object({ orgId: entityId, name: z.string().trim().min(1).max(80), areaCodes: z.array(z.string().regex(/^\d{6,12}$/)).min(1).max(50), parentOrgId: entityId.optional() });
export const CreateCourtRequestSchema = z.object({ courtId: entityId, name: z.string().trim().min(1).max(80), areaCodes: z.array(z.string().regex(/^\d{6,12}$/)).min(1).max(50) });
export type CreateOrgRequest = z.infer<typeof CreateOrgRequestSchema>;
export type CreateCourtRequest = z.infer<typeof CreateCourtRequestSchema>;
