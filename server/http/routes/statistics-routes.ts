import { Router } from 'express';
import { StatisticsQuerySchema } from '../../protocol/statistics.ts';
import type { StatisticsService } from '../../services/statistics-service.ts';
import { handle } from '../handler.ts';

/** The staff dashboard's figures, over the cases the caller may see. */
export function statisticsRoutes(statistics: StatisticsService): Router {
  const router = Router();
  router.get('/statistics', handle({ query: StatisticsQuerySchema }, ({ principal, query }) => statistics.statistics(principal, query)));
  return router;
}
