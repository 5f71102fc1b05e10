import { actorOf, type Principal } from '../auth/principal.ts';
import { canReadCase, requireManage, requireRead } from '../auth/policy.ts';
import { blockingIssues, precheckAgreement, type AgreementDraft, type AgreementText, type PartyIdentity, type PrecheckIssue } from '../domain/agreement.ts';
import type { CaseEvent, EventDraft } from '../domain/case-events.ts';
import type { CaseState } from '../domain/case-types.ts';
import { followsLiveSession } from '../domain/party-presence.ts';
import type { AgreementTemplate } from '../documents/agreement-templates.ts';
import { agreementHash, fillAgreement } from '../documents/agreement-text.ts';
import { checkSignaturePng } from '../documents/signature-image.ts';
import { AppError } from '../protocol/errors.ts';
import type { BlobStore } from './blob-store.ts';
import { sha256 } from './blob-store.ts';
import type { CaseService } from './case-service.ts';
import type { Clock } from './clock.ts';
import type { Directory } from './directory.ts';
import type { PiiVault } from './pii-vault.ts';

/** Where a request came from, recorded with each signature and delivery. */
export interface RequestMeta {
  ip: string;
  userAgent: string;
}

/** The documents the agreement needs; the PDF engine implements it. */
export interface AgreementDocuments {
  /** The final agreement: text, signatures in their blocks, the seal, the audit page; digitally signed. */
  finalAgreement(input: FinalAgreementInput): Promise<Uint8Array>;
  /** 调解不成告知书: the failure and the litigation route. */
  failureNotice(input: { state: CaseState; organisationName: string; mediatorName: string; parties: PartyIdentity[] }): Promise<Uint8Array>;
}

export interface FinalAgreementInput {
  state: CaseState;
  text: AgreementText;
  documentHash: string;
  organisationName: string;
  orgId: string;
  signatures: Array<{ label: string; name: string; png: Uint8Array; signedAt: string; seal?: boolean }>;
  events: CaseEvent[];
}

const PARTY_LABEL = { applicant: '申请人', respondent: '被申请人' } as const;

/**
 * The agreement's use cases: drafting with versions, the legal pre-check, freezing a version for
 * signature, each party signing on their own device, the mediator countersigning last (which
 * seals the final PDF and makes the agreement take effect), and delivery with receipts.
 */
export class AgreementService {
  constructor(
    private readonly cases: CaseService,
    private readonly vault: PiiVault,
    private readonly templates: Map<string, AgreementTemplate>,
    private readonly directory: Directory,
    private readonly blobs: BlobStore,
    private readonly documents: AgreementDocuments,
    private readonly clock: Clock,
    private readonly changed: (caseId: string, state: CaseState) => void = () => undefined,
  ) {}

  templateList() {
    return [...this.templates.values()].map(({ id, name, title, disputeTypes, fields, eSignatureExclusion }) => ({ id, name, title, disputeTypes, fields, eSignatureExclusion }));
  }

  /** The draft, its text as it would read now, and what the pre-check says; parties read it too. */
  async view(principal: Principal, caseId: string) {
    const state = requireRead(principal, await this.cases.get(caseId));
    // A draft in the making follows the room's rule; a text sent for signature is the same for all.
    if (principal.kind === 'resident' && !state.agreement?.frozen && !followsLiveSession(state, principal.participantId)) {
      throw new AppError('forbidden', 'The session is live: read the agreement in the room once admitted.', undefined, { reason: 'held_apart' });
    }
    const agreement = state.agreement;
    if (!agreement) return { agreement: null, text: null, issues: [] as PrecheckIssue[] };
    const parties = await this.parties(state);
    const template = this.template(agreement.draft.templateId);
    const frozenText = agreement.frozen && this.vault.frozenText(caseId, agreement.frozen);
    const text = frozenText ?? fillAgreement(template, agreement.draft, await this.context(state, parties));
    const staff = principal.kind === 'staff';
    // The sealed copy stays on the server: readers get the opened text.
    const frozen = agreement.frozen && { version: agreement.frozen.version, documentHash: agreement.frozen.documentHash };
    return {
      agreement: { ...agreement, frozen, draft: staff ? agreement.draft : undefined },
      text,
      issues: staff ? this.precheck(template, agreement.draft, parties) : [],
    };
  }

  async saveDraft(principal: Principal, caseId: string, draft: AgreementDraft, baseVersion: number): Promise<CaseState> {
    const template = this.template(draft.templateId);
    for (const key of Object.keys(draft.fields)) {
      if (!template.fields[key]) throw new AppError('invalid_input', `The template has no field "${key}".`, [{ path: `draft.fields.${key}`, message: 'unknown field' }]);
    }
    const { state } = await this.cases.execute(caseId, actorOf(principal), (current) => {
      const readable = requireManage(principal, current);
      const events: EventDraft[] = [];
      if (['accepted', 'scheduled', 'in_session'].includes(readable.status)) events.push({ type: 'agreement.drafting_started', data: {} });
      events.push({ type: 'agreement.draft_saved', data: { version: baseVersion + 1, draft } });
      return events;
    });
    this.changed(caseId, state);
    return state;
  }

  async comment(principal: Principal, caseId: string, version: number, clause: string, text: string): Promise<void> {
    if (principal.kind !== 'resident') throw new AppError('forbidden', 'Parties comment on the draft.');
    const { state } = await this.cases.execute(caseId, actorOf(principal), (current) => {
      requireRead(principal, current);
      return [{ type: 'agreement.comment_added', data: { version, clause, text, participantId: principal.participantId } }];
    });
    this.changed(caseId, state);
  }

  /** Freezes the current version after the pre-check: its text goes into the log sealed, its hash (in clear) is what gets signed. */
  async sendForSignature(principal: Principal, caseId: string): Promise<{ state: CaseState; issues: PrecheckIssue[] }> {
    const current = requireManage(principal, await this.cases.get(caseId));
    const agreement = current.agreement;
    if (!agreement) throw new AppError('illegal_transition', 'Write the agreement first.');
    const parties = await this.parties(current);
    const template = this.template(agreement.draft.templateId);
    const issues = this.precheck(template, agreement.draft, parties);
    const blocking = blockingIssues(issues);
    if (blocking.length > 0) throw new AppError('illegal_transition', blocking.map((i) => i.message).join(' '), blocking.map((i) => ({ path: i.path, message: i.message })));
    const text = fillAgreement(template, agreement.draft, await this.context(current, parties));
    const documentHash = agreementHash(text);
    const { state } = await this.cases.execute(caseId, actorOf(principal), (fresh) => {
      requireManage(principal, fresh);
      return [{ type: 'agreement.sent_for_signature', data: { documentHash, version: agreement.version, sealedText: this.vault.sealAgreementText(caseId, documentHash, text) } }];
    });
    this.changed(caseId, state);
    return { state, issues };
  }

  /** Back to drafting; every signature given so far is void, and the parties are told through the room and the log. */
  async reopen(principal: Principal, caseId: string, reason: string): Promise<CaseState> {
    const { state } = await this.cases.execute(caseId, actorOf(principal), (current) => {
      requireManage(principal, current);
      return [{ type: 'agreement.reopened', data: { reason } }];
    });
    this.changed(caseId, state);
    return state;
  }

  async signAsParty(
    principal: Principal,
    caseId: string,
    request: { documentHash: string; name: string; idLast4: string; method: 'handwritten' | 'fingerprint'; signaturePng: string },
    meta: RequestMeta,
  ): Promise<CaseState> {
    if (principal.kind !== 'resident' || principal.caseId !== caseId) throw new AppError('forbidden', 'Each party signs for themselves, from their own invitation.');
    const current = requireRead(principal, await this.cases.get(caseId));
    const participant = current.participants.find((p) => p.participantId === principal.participantId);
    const details = await this.vault.get(caseId, principal.participantId);
    const idMatches = !!details?.idNumber && details.idNumber.toUpperCase().endsWith(request.idLast4);
    if (!participant || participant.name !== request.name.trim() || !idMatches) {
      throw new AppError('invalid_input', 'The name or ID digits do not match this case.', [{ path: 'idLast4', message: 'does not match' }]);
    }
    const png = Buffer.from(request.signaturePng, 'base64');
    checkSignaturePng(png);
    const signatureImageHash = await this.blobs.put(png);
    const { state } = await this.cases.execute(caseId, actorOf(principal), () => [
      {
        type: 'agreement.signed_by_party',
        data: { participantId: principal.participantId, documentHash: request.documentHash, method: request.method, signatureImageHash, ip: meta.ip, userAgent: meta.userAgent.slice(0, 300) },
      },
    ]);
    this.changed(caseId, state);
    return state;
  }

  /**
   * The mediator signs last. The final PDF is made, sealed with the organisation's digital
   * signature and kept before the events are written, so the moment the agreement takes effect
   * its sealed copy exists.
   */
  async countersign(principal: Principal, caseId: string, request: { documentHash: string; signaturePng: string }, meta: RequestMeta): Promise<CaseState> {
    const current = requireManage(principal, await this.cases.get(caseId));
    if (principal.kind !== 'staff' || current.mediator?.accountId !== principal.account.accountId) throw new AppError('forbidden', 'Only the mediator of this case countersigns.');
    const agreement = current.agreement;
    const frozenText = agreement?.frozen && this.vault.frozenText(caseId, agreement.frozen);
    if (!agreement?.frozen || !frozenText || agreement.frozen.documentHash !== request.documentHash) throw new AppError('illegal_transition', 'This is not the version sent for signature.');
    const unsigned = current.participants.filter((p) => p.role !== 'agent' && !agreement.signatures.some((s) => s.participantId === p.participantId));
    if (unsigned.length > 0) throw new AppError('illegal_transition', `Waiting for ${unsigned.map((p) => p.name).join('、')} to sign; the mediator countersigns last.`);

    const png = Buffer.from(request.signaturePng, 'base64');
    checkSignaturePng(png);
    const signatureImageHash = await this.blobs.put(png);
    const organisation = await this.directory.org(current.orgId);
    const { events } = await this.cases.load(caseId);
    const now = this.clock.now().toISOString();
    const signatures: FinalAgreementInput['signatures'] = [];
    for (const signature of agreement.signatures) {
      const party = current.participants.find((p) => p.participantId === signature.participantId)!;
      signatures.push({ label: PARTY_LABEL[party.role as 'applicant' | 'respondent'], name: party.name, png: (await this.blobs.get(signature.signatureImageHash))!, signedAt: signature.at });
    }
    signatures.push({ label: '人民调解员', name: principal.account.displayName, png, signedAt: now, seal: true });
    const pdf = await this.documents.finalAgreement({
      state: current,
      text: frozenText,
      documentHash: agreement.frozen.documentHash,
      organisationName: organisation?.name ?? current.orgId,
      orgId: current.orgId,
      signatures,
      events,
    });
    const finalPdfHash = await this.blobs.put(pdf);
    const { state } = await this.cases.execute(caseId, actorOf(principal), () => [
      {
        type: 'agreement.countersigned',
        data: { mediatorId: principal.account.accountId, mediatorName: principal.account.displayName, documentHash: request.documentHash, signatureImageHash, ip: meta.ip, userAgent: meta.userAgent.slice(0, 300) },
      },
      { type: 'agreement.signed', data: { documentHash: request.documentHash, finalPdfHash } },
    ]);
    this.changed(caseId, state);
    return state;
  }

  /** A copy of the sealed agreement for a party or staff; each fetch is a delivery receipt in the log. */
  async download(principal: Principal, caseId: string, meta: RequestMeta): Promise<Uint8Array> {
    const state = requireRead(principal, await this.cases.get(caseId));
    const digest = state.agreement?.finalPdfHash;
    if (!digest) throw new AppError('not_found', 'The agreement has not been signed by everyone yet.');
    const pdf = await this.blobs.get(digest);
    if (!pdf) throw new AppError('not_found', 'The signed agreement is missing.');
    await this.recordDelivery(principal, caseId, 'agreement', digest, meta);
    return pdf;
  }

  async failureNotice(principal: Principal, caseId: string, meta: RequestMeta): Promise<Uint8Array> {
    const state = requireRead(principal, await this.cases.get(caseId));
    if (!state.failureReason) throw new AppError('not_found', 'The mediation has not failed.');
    const organisation = await this.directory.org(state.orgId);
    const pdf = await this.documents.failureNotice({ state, organisationName: organisation?.name ?? state.orgId, mediatorName: state.mediator?.name ?? '', parties: await this.parties(state) });
    await this.recordDelivery(principal, caseId, 'failure_notice', sha256(pdf), meta);
    return pdf;
  }

  private async recordDelivery(principal: Principal, caseId: string, document: 'agreement' | 'failure_notice', documentHash: string, meta: RequestMeta): Promise<void> {
    const recipient = principal.kind === 'resident' ? `p:${principal.participantId}` : principal.kind === 'staff' ? `a:${principal.account.accountId}` : 'anonymous';
    await this.cases.executeWithRetry(caseId, actorOf(principal), (current) => {
      if (!current || !canReadCase(principal, current)) throw new AppError('not_found', 'No such case.');
      return [{ type: 'document.delivered', data: { document, recipient, documentHash, ip: meta.ip } }];
    });
  }

  private precheck(template: AgreementTemplate, draft: AgreementDraft, parties: PartyIdentity[]): PrecheckIssue[] {
    const rules = { fields: Object.fromEntries(Object.entries(template.fields).map(([key, f]) => [key, { label: f.label, required: f.required }])), eSignatureExclusion: template.eSignatureExclusion };
    return precheckAgreement(draft, rules, parties, this.clock.now().toISOString().slice(0, 10));
  }

  private template(templateId: string): AgreementTemplate {
    const template = this.templates.get(templateId);
    if (!template) throw new AppError('invalid_input', 'No such agreement template.', [{ path: 'draft.templateId', message: 'unknown template' }]);
    return template;
  }

  /** The parties with the full details the agreement must print, from the encrypted vault. */
  private async parties(state: CaseState): Promise<PartyIdentity[]> {
    return Promise.all(state.participants.map(async (p) => ({ ...p, ...(await this.vault.get(state.caseId, p.participantId)) })));
  }

  private async context(state: CaseState, parties: PartyIdentity[]) {
    const organisation = await this.directory.org(state.orgId);
    return { caseNumber: state.caseNumber, parties, organisationName: organisation?.name ?? state.orgId, mediatorName: state.mediator?.name ?? '', date: this.clock.now().toISOString().slice(0, 10) };
  }
}
