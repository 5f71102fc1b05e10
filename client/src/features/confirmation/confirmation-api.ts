import type { AccountView, ApplyForConfirmationRequestSchema, DecisionRequestSchema, HearingRecordRequestSchema } from '@protocol';
import type { z } from 'zod';
import type { StaffCaseView } from '../../api/api-types.ts';
import { requestJson } from '../../api/http.ts';
import { staffRequest } from '../../api/staff-client.ts';

export { applicationDeadline, DISMISSAL_GROUNDS, HEARING_CHECKLIST } from '../../../../server/domain/confirmation.ts';
export type { DismissalGround } from '../../../../server/domain/confirmation.ts';

export type ApplyRequest = z.infer<typeof ApplyForConfirmationRequestSchema>;
export type HearingRequest = z.infer<typeof HearingRecordRequestSchema>;
export type DecisionRequest = z.infer<typeof DecisionRequestSchema>;

/** GET /api/confirmation/queue: one open application of the signed-in judge. */
export interface QueueItem {
  caseId: string;
  caseNumber: string;
  title: string;
  stage: 'accept' | 'decide';
  dueAt: string;
  urgency: 'overdue' | 'due_soon' | 'on_time';
}

const actionPath = (caseId: string, action: string) => `/cases/${encodeURIComponent(caseId)}/confirmation/${action}`;

export const residentConfirmationApi = {
  apply: (token: string, caseId: string, request: ApplyRequest) => requestJson<unknown>('POST', actionPath(caseId, 'apply'), { token, body: request }),
};

export const judgeConfirmationApi = {
  queue: () => staffRequest<QueueItem[]>('GET', '/confirmation/queue'),
  accept: (caseId: string) => staffRequest<StaffCaseView>('POST', actionPath(caseId, 'accept')),
  extend: (caseId: string, reason: string) => staffRequest<StaffCaseView>('POST', actionPath(caseId, 'extend'), { reason }),
  scheduleHearing: (caseId: string, startsAt: string) => staffRequest<StaffCaseView>('POST', actionPath(caseId, 'hearing/schedule'), { startsAt }),
  hearing: (caseId: string, request: HearingRequest) => staffRequest<StaffCaseView>('POST', actionPath(caseId, 'hearing'), request),
  decide: (caseId: string, request: DecisionRequest) => staffRequest<StaffCaseView>('POST', actionPath(caseId, 'decision'), request),
};

export const adminConfirmationApi = {
  judges: () => staffRequest<AccountView[]>('GET', '/accounts').then((accounts) => accounts.filter((a) => a.role === 'judge' && !a.disabled)),
  reassign: (caseId: string, judgeId: string) => staffRequest<StaffCaseView>('POST', actionPath(caseId, 'reassign'), { judgeId }),
};

/** The case's verification hearing: the live one, else the latest scheduled or held. */
export function currentHearing(c: StaffCaseView): StaffCaseView['sessions'][number] | undefined {
  const hearings = c.sessions.filter((s) => s.kind === 'hearing' && s.status !== 'cancelled');
  return hearings.find((s) => s.status === 'live') ?? hearings.at(-1);
}

export const rulingPath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/ruling.pdf`;
