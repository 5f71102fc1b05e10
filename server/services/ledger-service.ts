import { canManageCase, canReadCase, readableCaseIndexes, requireStaff } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { CaseState } from '../domain/case-types.ts';
import { chinaDateOf } from '../domain/china-time.ts';
import { followUpFacts, ledgerOrder, matchesLedger, mediatorFigures } from '../domain/ledger.ts';
import { LEDGER_EXPORT_LIMIT, type LedgerQuery, type LedgerResponse, type LedgerRow } from '../protocol/ledger.ts';
import { memoAreaNames, type AreaNames } from './area-names.ts';
import type { CaseService } from './case-service.ts';
import type { Clock } from './clock.ts';
import type { Directory } from './directory.ts';

/**
 * The ledger (台账): the caller's readable cases, filtered and paged on the server, each row with
 * its area named; the export takes the same filter, unpaged.
 */
export class LedgerService {
  constructor(
    private readonly cases: CaseService,
    private readonly directory: Pick<Directory, 'org'>,
    private readonly areaNames: AreaNames,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, query: LedgerQuery): Promise<LedgerResponse> {
    const { readable, selected, today } = await this.select(principal, query);
    const start = (query.page - 1) * query.pageSize;
    const rows = await this.rows(principal, selected.slice(start, start + query.pageSize), today);
    const options = new Map<string, string>();
    for (const state of readable) if (state.mediator) options.set(state.mediator.accountId, state.mediator.name);
    return {
      rows,
      total: selected.length,
      page: query.page,
      pageSize: query.pageSize,
      mediators: mediatorFigures(selected, today),
      mediatorOptions: [...options].map(([mediatorId, name]) => ({ mediatorId, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    };
  }

  /** Every row the filter selects (up to the export limit), for the spreadsheet. */
  async allRows(principal: Principal, query: LedgerQuery): Promise<LedgerRow[]> {
    const { selected, today } = await this.select(principal, query);
    return this.rows(principal, selected.slice(0, LEDGER_EXPORT_LIMIT), today);
  }

  private async select(principal: Principal, query: LedgerQuery) {
    const account = requireStaff(principal);
    const today = chinaDateOf(this.clock.now().toISOString());
    // The indexes are derived from the cases; the policy is the authority on who reads what.
    const readable = (await this.cases.listIndexes(readableCaseIndexes(principal))).filter((state) => canReadCase(principal, state));
    const selected = readable.filter((state) => matchesLedger(state, query, { accountId: account.accountId, today, mine: query.mine })).sort(ledgerOrder);
    return { readable, selected, today };
  }

  private async rows(principal: Principal, states: CaseState[], today: string): Promise<LedgerRow[]> {
    const names = memoAreaNames(this.areaNames);
    const orgNames = new Map<string, Promise<string | undefined>>();
    const orgName = (orgId: string) => {
      let name = orgNames.get(orgId);
      if (!name) {
        name = this.directory.org(orgId).then((org) => org?.name);
        orgNames.set(orgId, name);
      }
      return name;
    };
    return Promise.all(
      states.map(async (state): Promise<LedgerRow> => {
        const org = await orgName(state.orgId);
        return {
          caseId: state.caseId,
          caseNumber: state.caseNumber,
          title: state.title,
          channel: state.channel,
          disputeType: state.disputeType,
          areaCode: state.areaCode,
          areaName: (await names.nameOf(state.areaCode)) ?? org ?? state.areaCode,
          grid: state.grid,
          orgName: org ?? state.orgId,
          mediatorId: state.mediator?.accountId,
          mediatorName: state.mediator?.name,
          status: state.status,
          receivedAt: state.openedAt,
          agreementEffectiveAt: state.agreement?.effectiveAt,
          closedReason: state.closedReason,
          closedNote: state.closedNote,
          ...followUpFacts(state, today),
          canManage: canManageCase(principal, state),
        };
      }),
    );
  }
}
