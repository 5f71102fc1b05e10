import { Router } from 'express';
import { requireStaff } from '../../auth/policy.ts';
import { LoginRequestSchema, LogoutRequestSchema, RefreshRequestSchema } from '../../protocol/accounts.ts';
import { accountView, type AccountService } from '../../services/account-service.ts';
import { handle } from '../handler.ts';

export function authRoutes(accounts: AccountService): Router {
  const router = Router();
  router.post('/auth/login', handle({ body: LoginRequestSchema }, ({ body, req }) => accounts.login(body.username, body.password, req.ip ?? 'unknown')));
  router.post('/auth/refresh', handle({ body: RefreshRequestSchema }, ({ body }) => accounts.refresh(body.refreshToken)));
  router.post('/auth/logout', handle({ body: LogoutRequestSchema }, ({ principal, body }) => accounts.logout(principal, body.refreshToken)));
  router.get('/me', handle({}, async ({ principal }) => accountView(requireStaff(principal))));
  return router;
}
