import type { AddParticipantRequest, CreateCaseRequest, InvitationIssued } from '@protocol';
import type { CaseEvent, CaseStatus, ChainVerdict, Organisation, StaffCaseView } from './api-types.ts';
import { staffRequest } from './staff-client.ts';

const casePath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;

/** Requests of AddParticipantRequest as the form sends them: the server fills `personKind` when absent. */
export type AddParticipantInput = Omit<AddParticipantRequest, 'personKind'> & { personKind?: AddParticipantRequest['personKind'] };
export type DeclineReason = 'conflict_of_interest' | 'workload' | 'other';

export const casesApi = {
  list: (status?: CaseStatus) => staffRequest<StaffCaseView[]>('GET', status ? `/cases?status=${encodeURIComponent(status)}` : '/cases'),
  create: (request: CreateCaseRequest) => staffRequest<StaffCaseView>('POST', '/cases', request),
  get: (caseId: string) => staffRequest<StaffCaseView>('GET', casePath(caseId)),
  events: (caseId: string) => staffRequest<CaseEvent[]>('GET', `${casePath(caseId)}/events`),
  verify: (caseId: string) => staffRequest<ChainVerdict>('GET', `${casePath(caseId)}/verify`),
  accept: (caseId: string) => staffRequest<StaffCaseView>('POST', `${casePath(caseId)}/accept`, { noConflictDeclared: true }),
  decline: (caseId: string, reason: DeclineReason, note?: string) => staffRequest<StaffCaseView>('POST', `${casePath(caseId)}/decline`, { reason, note }),
  addParticipant: (caseId: string, request: AddParticipantInput) =>
    staffRequest<{ participantId: string; case: StaffCaseView }>('POST', `${casePath(caseId)}/participants`, request),
  removeParticipant: (caseId: string, participantId: string) =>
    staffRequest<StaffCaseView>('DELETE', `${casePath(caseId)}/participants/${encodeURIComponent(participantId)}`),
  scheduleSession: (caseId: string, startsAt: string) => staffRequest<{ sessionId: string; case: StaffCaseView }>('POST', `${casePath(caseId)}/sessions`, { startsAt }),
  issueInvitation: (caseId: string, participantId: string) => staffRequest<InvitationIssued>('POST', `${casePath(caseId)}/invitations`, { participantId }),
  revokeInvitation: (caseId: string, invitationId: string) => staffRequest<void>('DELETE', `${casePath(caseId)}/invitations/${encodeURIComponent(invitationId)}`),
  orgs: () => staffRequest<Organisation[]>('GET', '/orgs'),
};
