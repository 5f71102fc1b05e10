import { Router } from 'express';
import { requireStaff } from '../../auth/policy.ts';
import { CreateAccountRequestSchema, CreateCourtRequestSchema, CreateOrgRequestSchema, UpdateAccountRequestSchema } from '../../protocol/accounts.ts';
import { AppError } from '../../protocol/errors.ts';
import type { AccountService } from '../../services/account-service.ts';
import type { Directory } from '../../services/directory.ts';
import { handle } from '../handler.ts';

/** Accounts, organisations and courts: admins write; staff may read the directory. */
export function adminRoutes(accounts: AccountService, directory: Directory): Router {
  const router = Router();
  router.get('/accounts', handle({}, async ({ principal }) => (requireStaff(principal, ['admin']), accounts.list())));
  router.post('/accounts', handle({ body: CreateAccountRequestSchema, status: 201 }, async ({ principal, body }) => (requireStaff(principal, ['admin']), accounts.create(body))));
  router.patch(
    '/accounts/:accountId',
    handle({ body: UpdateAccountRequestSchema }, async ({ principal, params, body }) => {
      const admin = requireStaff(principal, ['admin']);
      // An admin who disabled themselves could lock everyone out of administration.
      if (params.accountId === admin.accountId && body.disabled) throw new AppError('invalid_input', 'You cannot disable your own account.', [{ path: 'disabled', message: 'own account' }]);
      return accounts.setDisabled(params.accountId!, body.disabled);
    }),
  );
  router.get('/orgs', handle({}, async ({ principal }) => (requireStaff(principal), directory.orgs())));
  router.post('/orgs', handle({ body: CreateOrgRequestSchema, status: 201 }, async ({ principal, body }) => (requireStaff(principal, ['admin']), directory.addOrg(body))));
  router.get('/courts', handle({}, async ({ principal }) => (requireStaff(principal), directory.courts())));
  router.post('/courts', handle({ body: CreateCourtRequestSchema, status: 201 }, async ({ principal, body }) => (requireStaff(principal, ['admin']), directory.addCourt(body))));
  return router;
}
