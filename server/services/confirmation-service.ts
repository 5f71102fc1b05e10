import { actorOf, type Principal } from '../auth/principal.ts';
import { requireRead, requireStaff } from '../auth/policy.ts';
import type { PartyIdentity } from '../domain/agreement.ts';
import type { EventDraft } from '../domain/case-events.ts';
import type { CaseState } from '../domain/case-types.ts';
import { chinaDateOf } from '../domain/china-time.ts';
import {
  applicationTimeRefusal,
  DEFAULT_CONFIRMATION_LIMITS,
  hearingRefusal,
  pickJudge,
  reviewDueAt,
  sortQueue,
  subjectMatterRefusals,
  urgencyOf,
  type ConfirmationLimits,
  type DismissalGround,
  type SubjectDeclaration,
} from '../domain/confirmation.ts';
import type { EngineAgreementDocuments } from '../documents/agreement-documents.ts';
import { rulingModel } from '../documents/ruling-document.ts';
import { MAX_EVIDENCE_BYTES, sniffEvidenceType } from '../documents/file-type.ts';
import { randomUUID } from 'node:crypto';
import { AppError } from '../protocol/errors.ts';
import type { AccountService } from './account-service.ts';
import type { BlobStore } from './blob-store.ts';
import type { CaseService } from './case-service.ts';
import type { Clock } from './clock.ts';
import type { Directory } from './directory.ts';
import type { PiiVault } from './pii-vault.ts';
import type { RequestMeta } from './agreement-service.ts';

/**
 * Judicial confirmation: the joint application, routing to a judge of the area's court, the
 * court's clock, the hearing record, and the sealed ruling with its delivery receipts.
 */
export class ConfirmationService {
  constructor(
    private readonly cases: CaseService,
    private readonly accounts: AccountService,
    private readonly directory: Directory,
    private readonly vault: PiiVault,
    private readonly blobs: BlobStore,
    private readonly documents: EngineAgreementDocuments,
    private readonly clock: Clock,
    private readonly limits: ConfirmationLimits = DEFAULT_CONFIRMATION_LIMITS,
  ) {}

  /** A party joins the joint application; the last one files it and it is routed to a judge. */
  async apply(principal: Principal, caseId: string, request: { electronicDelivery: boolean; subject: SubjectDeclaration }): Promise<CaseState> {
    if (principal.kind !== 'resident' || principal.caseId !== caseId) throw new AppError('forbidden', 'Each party applies from their own invitation.');
    const current = requireRead(principal, await this.cases.get(caseId));
    const refusals = subjectMatterRefusals(request.subject);
    if (refusals.length > 0) throw new AppError('illegal_transition', refusals.join(' '));
    const late = applicationTimeRefusal(current.agreement?.effectiveAt, this.clock.now(), this.limits);
    if (late) throw new AppError('illegal_transition', late);
    const court = current.courtId ? await this.directory.court(current.courtId) : await this.directory.courtForArea(current.areaCode);
    if (!court) throw new AppError('illegal_transition', 'No court serves this area; ask the mediator to contact the court.');
    const judgeId = pickJudge(await this.judgeLoads(court.courtId));
    const judge = judgeId ? await this.accounts.get(judgeId) : undefined;
    const { state } = await this.cases.execute(caseId, actorOf(principal), (fresh) => {
      const events: EventDraft[] = [{ type: 'confirmation.party_applied', data: { participantId: principal.participantId, electronicDelivery: request.electronicDelivery, subject: request.subject } }];
      const applied = new Set([...Object.keys(fresh?.confirmation?.applications ?? {}), principal.participantId]);
      const everyone = (fresh?.participants ?? []).filter((p) => p.role !== 'agent').every((p) => applied.has(p.participantId));
      if (everyone) {
        events.push({ type: 'confirmation.requested', data: { courtId: court.courtId } });
        if (judge) events.push({ type: 'confirmation.routed', data: { courtId: court.courtId, judgeId: judge.accountId, judgeName: judge.displayName } });
      }
      return events;
    });
    return state;
  }

  /** An admin moves an application to another judge of the same court. */
  async reassign(principal: Principal, caseId: string, judgeId: string): Promise<CaseState> {
    requireStaff(principal, ['admin']);
    const judge = await this.accounts.get(judgeId);
    if (judge?.role !== 'judge') throw new AppError('invalid_input', 'No such judge.', [{ path: 'judgeId', message: 'unknown judge' }]);
    return (
      await this.cases.execute(caseId, actorOf(principal), (current) => {
        if (!current) throw new AppError('not_found', 'No such case.');
        if (judge.courtId !== current.courtId) throw new AppError('invalid_input', 'The judge sits in another court.', [{ path: 'judgeId', message: 'other court' }]);
        return [{ type: 'confirmation.routed', data: { courtId: current.courtId!, judgeId, judgeName: judge.displayName } }];
      })
    ).state;
  }

  async accept(principal: Principal, caseId: string): Promise<CaseState> {
    return this.judgeAct(principal, caseId, () => [{ type: 'confirmation.accepted', data: {} }]);
  }

  async requestMaterial(principal: Principal, caseId: string, message: string): Promise<CaseState> {
    return this.judgeAct(principal, caseId, () => [{ type: 'confirmation.material_requested', data: { requestId: randomUUID(), message } }]);
  }

  /** A party's evidence for a request: accepted only as a photo or a PDF by its content, within the size limit. */
  async submitMaterial(principal: Principal, caseId: string, requestId: string, name: string, bytes: Uint8Array): Promise<CaseState> {
    if (principal.kind !== 'resident' || principal.caseId !== caseId) throw new AppError('forbidden', 'Parties send material from their own invitation.');
    if (bytes.length === 0 || bytes.length > MAX_EVIDENCE_BYTES) throw new AppError('payload_too_large', `Files are limited to ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB.`);
    const mime = sniffEvidenceType(bytes);
    if (!mime) throw new AppError('invalid_input', 'Send a photo (JPEG, PNG, HEIC, WebP) or a PDF.', [{ path: 'file', message: 'unsupported content' }]);
    const sha256 = await this.blobs.put(bytes);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a stored file name must not keep
    const safeName = name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 120) || 'material';
    return (
      await this.cases.execute(caseId, actorOf(principal), (current) => {
        requireRead(principal, current);
        return [{ type: 'confirmation.material_submitted', data: { requestId, participantId: principal.participantId, file: { name: safeName, mime, size: bytes.length, sha256 } } }];
      })
    ).state;
  }

  /** A submitted file, for whoever may read the case. */
  async material(principal: Principal, caseId: string, sha256: string): Promise<{ bytes: Uint8Array; mime: string; name: string }> {
    const state = requireRead(principal, await this.cases.get(caseId));
    const file = state.confirmation?.materialRequests?.flatMap((r) => r.files).find((f) => f.sha256 === sha256);
    const bytes = file ? await this.blobs.get(sha256) : undefined;
    if (!file || !bytes) throw new AppError('not_found', 'No such file.');
    return { bytes, mime: file.mime, name: file.name };
  }

  async extend(principal: Principal, caseId: string, reason: string): Promise<CaseState> {
    return this.judgeAct(principal, caseId, () => [{ type: 'confirmation.extended', data: { reason } }]);
  }

  /** Schedules the verification hearing: a judge-led session in the case's video room. */
  async scheduleHearing(principal: Principal, caseId: string, startsAt: string): Promise<CaseState> {
    const sessionId = randomUUID();
    return this.judgeAct(principal, caseId, () => [
      { type: 'session.scheduled', data: { sessionId, startsAt: new Date(startsAt).toISOString(), roomId: `case-${caseId}-hearing-${sessionId.slice(0, 8)}`, kind: 'hearing' } },
    ]);
  }

  /**
   * The verification hearing's record. Who was present is not the judge's say: it is whom the room
   * admitted to that hearing, and both parties must have been in it together; every question answered.
   */
  async recordHearing(principal: Principal, caseId: string, hearing: { sessionId: string; answers: Record<string, Record<string, string>>; notes: string }): Promise<CaseState> {
    return this.judgeAct(principal, caseId, (state) => {
      const session = state.sessions.find((s) => s.sessionId === hearing.sessionId && s.kind === 'hearing');
      if (!session) throw new AppError('not_found', 'No such hearing.');
      const parties = state.participants.filter((p) => p.role !== 'agent').map((p) => p.participantId);
      const present = session.partiesTogetherAt ? session.attendedParticipantIds : [];
      const refusal = hearingRefusal(present, parties, hearing.answers);
      if (refusal) throw new AppError('illegal_transition', refusal);
      return [{ type: 'hearing.held', data: { sessionId: hearing.sessionId, presentParticipantIds: present, answers: hearing.answers, notes: hearing.notes } }];
    });
  }

  /** Confirms or dismisses; the ruling is sealed by the court and kept before the decision is written. */
  async decide(principal: Principal, caseId: string, decision: { outcome: 'confirmed' } | { outcome: 'rejected'; ground: DismissalGround; reason: string }): Promise<CaseState> {
    const account = requireStaff(principal, ['judge']);
    const state = requireRead(principal, await this.cases.get(caseId));
    if (state.confirmation?.judgeId !== account.accountId) throw new AppError('forbidden', 'Only the judge the application was routed to decides.');
    const agreementText = state.agreement?.frozen && this.vault.frozenText(caseId, state.agreement.frozen);
    if (!agreementText) throw new AppError('illegal_transition', 'There is no signed agreement.');
    const court = await this.directory.court(state.courtId ?? '');
    const organisation = await this.directory.org(state.orgId);
    const rulingNumber = `（${this.clock.now().getUTCFullYear()}）司确字第${await this.cases.nextCounter('ruling')}号`;
    const pdf = await this.documents.renderSealed(
      rulingModel({
        state,
        courtName: court?.name ?? state.courtId ?? '',
        rulingNumber,
        judgeName: account.displayName,
        organisationName: organisation?.name ?? state.orgId,
        parties: await this.parties(state),
        agreement: agreementText,
        decision,
        date: chinaDateOf(this.clock.now().toISOString()),
      }),
      `court-${state.courtId}`,
      court?.name ?? state.courtId ?? '',
    );
    const rulingHash = await this.blobs.put(pdf);
    return this.judgeAct(principal, caseId, () =>
      decision.outcome === 'confirmed'
        ? [{ type: 'confirmation.confirmed', data: { rulingHash } }]
        : [{ type: 'confirmation.rejected', data: { reason: decision.reason, ground: decision.ground, rulingHash } }],
    );
  }

  /** The ruling for a party or staff of the case; each fetch is a delivery receipt (电子送达). */
  async ruling(principal: Principal, caseId: string, meta: RequestMeta): Promise<Uint8Array> {
    const state = requireRead(principal, await this.cases.get(caseId));
    const digest = state.confirmation?.rulingHash;
    const pdf = digest ? await this.blobs.get(digest) : undefined;
    if (!digest || !pdf) throw new AppError('not_found', 'No ruling yet.');
    const recipient = principal.kind === 'resident' ? `p:${principal.participantId}` : principal.kind === 'staff' ? `a:${principal.account.accountId}` : 'anonymous';
    await this.cases.executeWithRetry(caseId, actorOf(principal), () => [{ type: 'document.delivered', data: { document: 'ruling', recipient, documentHash: digest, ip: meta.ip } }]);
    return pdf;
  }

  /** A judge's queue: their open applications, earliest deadline first, with overdue and due-soon flags. */
  async queue(principal: Principal) {
    const account = requireStaff(principal, ['judge']);
    const states = await this.cases.listIndex(`court-queue:${account.courtId}`);
    const now = this.clock.now();
    return sortQueue(
      states
        .filter((s) => s.confirmation?.judgeId === account.accountId)
        .map((s) => {
          const due = reviewDueAt({ filedAt: s.confirmation!.requestedAt!, acceptedAt: s.confirmation!.acceptedAt, extended: s.confirmation!.extended }, this.limits);
          return { caseId: s.caseId, caseNumber: s.caseNumber, title: s.title, stage: due.kind, dueAt: due.dueAt, urgency: urgencyOf(due.dueAt, now, this.limits) };
        }),
    ).map((item) => ({ ...item, dueAt: item.dueAt.toISOString() }));
  }

  /** Actions of the judge the application was routed to; any other judge is refused like any other caller. */
  private async judgeAct(principal: Principal, caseId: string, decide: (state: CaseState) => EventDraft[]): Promise<CaseState> {
    const account = requireStaff(principal, ['judge']);
    return (
      await this.cases.execute(caseId, actorOf(principal), (current) => {
        const readable = requireRead(principal, current);
        if (readable.confirmation?.judgeId !== account.accountId) throw new AppError('forbidden', 'Only the judge the application was routed to may do this.');
        return decide(readable);
      })
    ).state;
  }

  /** Open applications per judge of the court, for routing. */
  private async judgeLoads(courtId: string): Promise<Array<{ judgeId: string; openApplications: number }>> {
    const judges = (await this.accounts.list()).filter((a) => a.role === 'judge' && a.courtId === courtId && !a.disabled);
    const open = await this.cases.listIndex(`court-queue:${courtId}`);
    return judges.map((judge) => ({ judgeId: judge.accountId, openApplications: open.filter((s) => s.confirmation?.judgeId === judge.accountId).length }));
  }

  private async parties(state: CaseState): Promise<PartyIdentity[]> {
    return Promise.all(state.participants.map(async (p) => ({ ...p, ...(await this.vault.get(state.caseId, p.participantId)) })));
  }
}
