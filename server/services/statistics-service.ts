import { canReadCase, requireStaff } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { computeStatistics } from '../domain/statistics.ts';
import { AppError } from '../protocol/errors.ts';
import type { StatisticsQuery, StatisticsResponse, StatisticsScope } from '../protocol/statistics.ts';
import type { EventStore } from '../store/store.ts';
import type { CaseService } from './case-service.ts';

/**
 * Whose cases a staff member's figures cover: the same cases their case list shows and
 * canReadCase lets them read. Admins (the installation's court or organisation administrators)
 * see every case; mediators and grid workers their organisation's; judges their court's (cases it
 * referred, and applications for confirmation filed with it), which is what a court's dashboard is
 * about. Residents have no dashboard.
 */
export function statisticsScopeOf(principal: Principal): StatisticsScope {
  const account = requireStaff(principal);
  switch (account.role) {
    case 'admin':
      return { kind: 'all' };
    case 'judge':
      if (!account.courtId) throw new AppError('forbidden', 'This judge belongs to no court.');
      return { kind: 'court', courtId: account.courtId };
    case 'mediator':
    case 'grid_worker':
    case 'centre_staff':
      if (!account.orgId) throw new AppError('forbidden', 'This account belongs to no organisation.');
      return { kind: 'org', orgId: account.orgId };
  }
}

function indexOf(scope: StatisticsScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'org':
      return `org:${scope.orgId}`;
    case 'court':
      return `court:${scope.courtId}`;
  }
}

/**
 * The dashboard: reads the logs of the caller's cases and computes the figures from them on each
 * request. Fine for a mediation committee's or a county court's few thousand cases; a much larger
 * installation would keep the milestones as a projection updated on each append instead.
 */
export class StatisticsService {
  constructor(
    private readonly events: Pick<EventStore, 'listIndex'>,
    private readonly cases: CaseService,
  ) {}

  async statistics(principal: Principal, query: StatisticsQuery): Promise<StatisticsResponse> {
    const scope = statisticsScopeOf(principal);
    const ids = await this.events.listIndex(indexOf(scope));
    const loaded = await Promise.all(ids.map((caseId) => this.cases.load(caseId)));
    // The indexes are derived from the cases; the policy is the authority on who reads what.
    const logs = loaded.filter(({ state }) => !!state && canReadCase(principal, state)).map(({ events }) => events);
    const figures = computeStatistics(logs, { fromMonth: query.from, toMonth: query.to, disputeType: query.disputeType, areaCode: query.areaCode });
    return { scope, timeZone: 'Asia/Shanghai', ...figures };
  }
}
