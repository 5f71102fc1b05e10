import type { CountersignRequestSchema, ReopenRequestSchema, SaveDraftRequestSchema, SignRequestSchema } from '@protocol';
import type { z } from 'zod';
import type { AgreementTemplate } from '../../../../server/documents/agreement-templates.ts';
import type { AgreementDraft, AgreementText, Obligation, PrecheckIssue, SignatureMethod } from '../../../../server/domain/agreement.ts';
import type { AgreementState } from '../../../../server/domain/case-types.ts';
import { requestJson } from '../../api/http.ts';
import { staffRequest } from '../../api/staff-client.ts';

export type { AgreementDraft, AgreementText, Obligation, PrecheckIssue, SignatureMethod };

/** The agreement as the view returns it: residents get it without the mediator's working draft. */
export type AgreementInfo = Omit<AgreementState, 'draft'> & { draft?: AgreementDraft | undefined };

/** GET /api/cases/:id/agreement (and what every agreement command answers with). */
export interface AgreementView {
  agreement: AgreementInfo | null;
  /** The frozen text once sent for signature, else the draft as it reads now. */
  text: AgreementText | null;
  /** The legal pre-check of the saved draft (staff only). */
  issues: PrecheckIssue[];
  /** Sending answers with the warnings it went ahead despite. */
  warnings?: PrecheckIssue[];
}

/** GET /api/templates: what the drafting form needs of each template. */
export type TemplateInfo = Pick<AgreementTemplate, 'id' | 'name' | 'title' | 'disputeTypes' | 'fields' | 'eSignatureExclusion'>;

export type SaveDraftRequest = z.infer<typeof SaveDraftRequestSchema>;
export type SignRequest = z.input<typeof SignRequestSchema>;
export type CountersignRequest = z.infer<typeof CountersignRequestSchema>;
type ReopenRequest = z.infer<typeof ReopenRequestSchema>;

const agreementPath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/agreement`;

export const staffAgreementApi = {
  templates: () => staffRequest<TemplateInfo[]>('GET', '/templates'),
  view: (caseId: string) => staffRequest<AgreementView>('GET', agreementPath(caseId)),
  save: (caseId: string, request: SaveDraftRequest) => staffRequest<AgreementView>('PUT', `${agreementPath(caseId)}/draft`, request),
  send: (caseId: string) => staffRequest<AgreementView>('POST', `${agreementPath(caseId)}/send`),
  reopen: (caseId: string, request: ReopenRequest) => staffRequest<AgreementView>('POST', `${agreementPath(caseId)}/reopen`, request),
  countersign: (caseId: string, request: CountersignRequest) => staffRequest<AgreementView>('POST', `${agreementPath(caseId)}/countersign`, request),
};

export const residentAgreementApi = {
  view: (token: string, caseId: string) => requestJson<AgreementView>('GET', agreementPath(caseId), { token }),
  comment: (token: string, caseId: string, request: { version: number; clause: string; text: string }) =>
    requestJson<void>('POST', `${agreementPath(caseId)}/comments`, { token, body: request }),
  sign: (token: string, caseId: string, request: SignRequest) => requestJson<AgreementView>('POST', `${agreementPath(caseId)}/sign`, { token, body: request }),
};

/** The PDFs a case offers for download, by the path after /api. */
export const documentPaths = {
  agreement: (caseId: string) => `/cases/${encodeURIComponent(caseId)}/agreement.pdf`,
  failureNotice: (caseId: string) => `/cases/${encodeURIComponent(caseId)}/failure-notice.pdf`,
};
