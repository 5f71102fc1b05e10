import { Router } from 'express';
import { requireStaff } from '../../auth/policy.ts';
import { AddGridNodeRequestSchema, CloseItemRequestSchema, GridCodeSchema, ListItemsQuerySchema, LogItemRequestSchema, UpdateGridNodeRequestSchema } from '../../protocol/intake.ts';
import { AppError } from '../../protocol/errors.ts';
import type { GridItemService } from '../../services/grid-items.ts';
import type { GridRegistryService } from '../../services/grid-registry.ts';
import { handle } from '../handler.ts';

function gridCodeOf(params: Record<string, string>): string {
  const parsed = GridCodeSchema.safeParse(params.code);
  if (!parsed.success) throw new AppError('not_found', 'No such grid node.');
  return parsed.data;
}

/** The grid registry (admins write, staff read for their pickers) and the lighter items logged in the grids. */
export function gridRoutes(registry: GridRegistryService, items: GridItemService): Router {
  const router = Router();
  router.get('/grid-registry', handle({}, ({ principal }) => registry.list(principal)));
  router.get('/grid-registry/verify', handle({}, async ({ principal }) => (requireStaff(principal, ['admin']), registry.verify())));
  router.post('/grid-registry/nodes', handle({ body: AddGridNodeRequestSchema, status: 201 }, ({ principal, body }) => registry.addNode(principal, body)));
  router.patch('/grid-registry/nodes/:code', handle({ body: UpdateGridNodeRequestSchema }, ({ principal, params, body }) => registry.updateNode(principal, { code: gridCodeOf(params), ...body })));
  router.delete(
    '/grid-registry/nodes/:code',
    handle({}, async ({ principal, params }) => {
      await registry.removeNode(principal, gridCodeOf(params));
      return undefined;
    }),
  );

  router.get('/items', handle({ query: ListItemsQuerySchema }, ({ principal, query }) => items.list(principal, query.status)));
  router.post('/items', handle({ body: LogItemRequestSchema, status: 201 }, ({ principal, body }) => items.logItem(principal, body)));
  router.get('/items/:itemId', handle({}, ({ principal, params }) => items.get(principal, params.itemId!)));
  router.get('/items/:itemId/records', handle({}, ({ principal, params }) => items.records(principal, params.itemId!)));
  router.get('/items/:itemId/verify', handle({}, ({ principal, params }) => items.verify(principal, params.itemId!)));
  router.post('/items/:itemId/close', handle({ body: CloseItemRequestSchema }, ({ principal, params, body }) => items.close(principal, params.itemId!, body.resolution, body.outcome)));
  return router;
}
