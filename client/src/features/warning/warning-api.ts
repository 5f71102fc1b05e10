import type { WarningLevel } from '../../../../server/domain/warning-levels.ts';
import type { WarningLevelChange } from '../../../../server/domain/warning-case.ts';
import type { LevelCounts } from '../../../../server/domain/warning-tallies.ts';
import type { WorkOrderState } from '../../../../server/domain/work-orders.ts';
import type { DisputeType, IntakeChannel } from '../../../../server/domain/case-types.ts';
import { staffRequest } from '../../api/staff-client.ts';

/** A case as the warning pages show it: number, channel, reference, date; no party details. */
export interface LinkedCase {
  caseId: string;
  caseNumber: string;
  channel: IntakeChannel;
  externalRef?: string | undefined;
  openedAt: string;
  orgId: string;
  areaCode: string;
  disputeType: DisputeType;
}

/** server/http/routes/warning-routes.ts `warningView`. */
export interface WarningView {
  warningId: string;
  level: WarningLevel;
  score: number;
  sightings: number;
  recentSightings: number;
  channels: IntakeChannel[];
  escalated: boolean;
  riskWords: string[];
  cases: LinkedCase[];
  matches: WarningLevelChange['matches'];
  orgId: string;
  areaCode: string;
  areaName: string;
  disputeType: DisputeType;
  firstAt: string;
  lastAt: string;
  workOrderId?: string | undefined;
}

export type WorkOrderView = WorkOrderState & { cases: LinkedCase[]; areaName: string };
export type TallyRow = { key: string; name?: string } & LevelCounts;
export interface Tallies {
  byArea: TallyRow[];
  byType: TallyRow[];
  byMonth: TallyRow[];
}

const orderPath = (id: string) => `/work-orders/${encodeURIComponent(id)}`;

/** Early warning and work orders (#15). */
export const warningApi = {
  list: () => staffRequest<WarningView[]>('GET', '/warnings'),
  tallies: () => staffRequest<Tallies>('GET', '/warnings/tallies'),
  linked: (caseId: string) => staffRequest<{ warning?: WarningView }>('GET', `/cases/${encodeURIComponent(caseId)}/linked-history`),
  workOrders: () => staffRequest<WorkOrderView[]>('GET', '/work-orders'),
  workOrder: (id: string) => staffRequest<WorkOrderView>('GET', orderPath(id)),
  accept: (id: string) => staffRequest<WorkOrderView>('POST', `${orderPath(id)}/accept`, {}),
  remind: (id: string, note: string) => staffRequest<WorkOrderView>('POST', `${orderPath(id)}/remind`, { note }),
  escalate: (id: string, reason: string) => staffRequest<WorkOrderView>('POST', `${orderPath(id)}/escalate`, { reason }),
  resolve: (id: string, outcome: string) => staffRequest<WorkOrderView>('POST', `${orderPath(id)}/resolve`, { outcome }),
};
