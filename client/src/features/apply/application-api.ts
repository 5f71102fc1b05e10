import type { AccountView, ApplyQr, ApplicationDecisionRequest, ApplicationStatusView, ApplyRequest, ApplyResponse, MediatorProfileRequest, PublicDirectory, RespondentView, SendCodeResponse } from '@protocol';
import type { StaffCaseView } from '../../api/api-types.ts';
import { requestJson } from '../../api/http.ts';
import { staffRequest } from '../../api/staff-client.ts';

/** The public part: no account; link tokens travel in request bodies, never in URLs a server log keeps. */
export const applicationApi = {
  directory: () => requestJson<PublicDirectory>('GET', '/public/mediators'),
  applyQr: (orgId: string | undefined) => requestJson<ApplyQr>('GET', `/public/apply-qr${orgId ? `?org=${encodeURIComponent(orgId)}` : ''}`),
  sendCode: (phone: string) => requestJson<SendCodeResponse>('POST', '/applications/sms-code', { body: { phone } }),
  submit: (request: ApplyRequest) => requestJson<ApplyResponse>('POST', '/applications', { body: request }),
  status: (token: string) => requestJson<ApplicationStatusView>('POST', '/applications/status', { body: { token } }),
  respondentView: (token: string) => requestJson<RespondentView>('POST', '/applications/respondent', { body: { token } }),
  answer: (token: string, agree: boolean, reason?: string) => requestJson<RespondentView>('POST', '/applications/respondent/answer', { body: { token, agree, reason } }),
};

const casePath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;

export const staffApplicationApi = {
  /** Admins: the mediators whose profiles they may edit. */
  mediators: () => staffRequest<AccountView[]>('GET', '/accounts').then((accounts) => accounts.filter((a) => a.role === 'mediator' && !a.disabled)),
  decide: (caseId: string, decision: ApplicationDecisionRequest) => staffRequest<StaffCaseView>('POST', `${casePath(caseId)}/application/decision`, decision),
  contactRespondent: (caseId: string) => staffRequest<StaffCaseView>('POST', `${casePath(caseId)}/application/contact-respondent`),
  profile: (accountId: string) => staffRequest<MediatorProfileRequest & { updatedAt: string }>('GET', `/mediators/${encodeURIComponent(accountId)}/profile`),
  saveProfile: (accountId: string, profile: MediatorProfileRequest) => staffRequest<MediatorProfileRequest & { updatedAt: string }>('PUT', `/mediators/${encodeURIComponent(accountId)}/profile`, profile),
};
