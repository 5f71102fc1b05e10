import { Router } from 'express';
import { LedgerCloseRequestSchema, LedgerQuerySchema } from '../../protocol/ledger.ts';
import type { CaseCommands } from '../../services/case-commands.ts';
import { ledgerWorkbook } from '../../services/ledger-export.ts';
import type { LedgerService } from '../../services/ledger-service.ts';
import { handle } from '../handler.ts';

/** The ledger (台账): the filtered list with per-mediator figures, its spreadsheet, and closing a case with a written reason. */
export function ledgerRoutes(ledger: LedgerService, commands: CaseCommands): Router {
  const router = Router();
  router.get('/ledger', handle({ query: LedgerQuerySchema }, ({ principal, query }) => ledger.list(principal, query)));
  router.get(
    '/ledger/export.xlsx',
    handle({ query: LedgerQuerySchema }, async ({ principal, query, res }) => {
      const workbook = await ledgerWorkbook(await ledger.allRows(principal, query));
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('调解台账.xlsx')}`);
      res.setHeader('cache-control', 'no-store');
      res.send(workbook);
      return null;
    }),
  );
  router.post(
    '/ledger/cases/:caseId/close',
    handle({ body: LedgerCloseRequestSchema }, async ({ principal, params, body }) => {
      const state = await commands.close(principal, params.caseId!, body.reason, body.note);
      return { caseId: state.caseId, status: state.status, closedReason: state.closedReason, closedNote: state.closedNote };
    }),
  );
  return router;
}
