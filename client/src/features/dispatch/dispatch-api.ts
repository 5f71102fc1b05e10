import type { AccountView } from '@protocol';
import type { StaffCaseView, Tier } from '../../api/api-types.ts';
import { staffRequest } from '../../api/staff-client.ts';

const casePath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;

export interface StaffNotice {
  id: string;
  caseId: string;
  kind: string;
  text: string;
  path: string;
  at: string;
}

/** Dispatch and the three tiers (#14): server/http/routes/dispatch-routes.ts and the escalate/assign routes. */
export const dispatchApi = {
  queue: () => staffRequest<StaffCaseView[]>('GET', '/dispatch/queue'),
  mediators: (orgId: string) => staffRequest<AccountView[]>('GET', `/dispatch/mediators?orgId=${encodeURIComponent(orgId)}`),
  guided: () => staffRequest<StaffCaseView[]>('GET', '/guided-cases'),
  notices: () => staffRequest<StaffNotice[]>('GET', '/notices'),
  assign: (caseId: string, mediatorId: string) => staffRequest<StaffCaseView>('POST', `${casePath(caseId)}/assign`, { mediatorId }),
  take: (caseId: string) => staffRequest<StaffCaseView>('POST', `${casePath(caseId)}/take`, { noConflictDeclared: true }),
  escalate: (caseId: string, to: Tier, reason: string, mediatorId?: string) => staffRequest<StaffCaseView>('POST', `${casePath(caseId)}/escalate`, { to, reason, mediatorId }),
  transfer: (caseId: string, toOrgId: string, reason: string) => staffRequest<StaffCaseView>('POST', `${casePath(caseId)}/transfer`, { toOrgId, reason }),
  askGuidance: (caseId: string, question: string) => staffRequest<{ requestId: string; case: StaffCaseView }>('POST', `${casePath(caseId)}/guidance`, { question }),
  answerGuidance: (caseId: string, requestId: string, answer: string) =>
    staffRequest<StaffCaseView>('POST', `${casePath(caseId)}/guidance/${encodeURIComponent(requestId)}/answer`, { answer }),
};
