import { randomBytes, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { actorOf, type Principal } from '../auth/principal.ts';
import { canManageCase, requireManage, requireRead, requireStaff } from '../auth/policy.ts';
import { digestToken } from '../auth/tokens.ts';
import type { CaseState } from '../domain/case-types.ts';
import { chinaDateOf } from '../domain/china-time.ts';
import { answerOf, dueFollowUp, type SurveyAnswer } from '../domain/follow-up.ts';
import { AppError } from '../protocol/errors.ts';
import type { FollowUpCaseView, RecordFollowUpRequest, ScheduleFollowUpRequest, SendSurveyRequest, SurveyLink, SurveyView } from '../protocol/follow-up.ts';
import type { KeyValueStore } from '../store/store.ts';
import type { CaseService } from './case-service.ts';
import type { Clock } from './clock.ts';
import type { Directory } from './directory.ts';

interface SurveyLinkRecord {
  caseId: string;
  participantId: string;
  surveyId: string;
}

const linkKey = (token: string) => `survey-link:${digestToken(token)}`;

/**
 * 回访 (人民调解法 31): the mediator plans and records a follow-up on performance, and sends each
 * party a one-tap satisfaction survey. The survey link is a random token kept only as a digest in
 * the key-value store (expiring with the link); whoever holds the link answers for that party,
 * once: the answer is a case event, and a second one is refused.
 */
export class FollowUpService {
  constructor(
    private readonly cases: CaseService,
    private readonly kv: KeyValueStore,
    private readonly directory: Pick<Directory, 'org'>,
    private readonly clock: Clock,
    private readonly publicUrl: () => string,
  ) {}

  async view(principal: Principal, caseId: string): Promise<FollowUpCaseView> {
    requireStaff(principal);
    const state = requireRead(principal, await this.cases.get(caseId));
    return this.viewOf(principal, state);
  }

  async schedule(principal: Principal, caseId: string, request: ScheduleFollowUpRequest): Promise<FollowUpCaseView> {
    const followUpId = randomUUID();
    const { state } = await this.cases.execute(caseId, actorOf(principal), (current) => {
      requireManage(principal, current);
      return [{ type: 'followup.scheduled', data: { followUpId, dueDate: request.dueDate, method: request.method, note: request.note || undefined } }];
    });
    return this.viewOf(principal, state);
  }

  async record(principal: Principal, caseId: string, followUpId: string, request: RecordFollowUpRequest): Promise<FollowUpCaseView> {
    const { state } = await this.cases.execute(caseId, actorOf(principal), (current) => {
      requireManage(principal, current);
      return [{ type: 'followup.recorded', data: { followUpId, performance: request.performance, note: request.note || undefined } }];
    });
    return this.viewOf(principal, state);
  }

  async sendSurvey(principal: Principal, caseId: string, request: SendSurveyRequest): Promise<SurveyLink> {
    const surveyId = randomUUID();
    const token = randomBytes(32).toString('base64url');
    const ttlSeconds = request.validDays * 86_400;
    const expiresAt = new Date(this.clock.now().getTime() + ttlSeconds * 1000).toISOString();
    // The link is kept before the event: an event never names a survey nobody can answer.
    await this.kv.set<SurveyLinkRecord>(linkKey(token), { caseId, participantId: request.participantId, surveyId }, { ttlSeconds });
    try {
      await this.cases.execute(caseId, actorOf(principal), (current) => {
        requireManage(principal, current);
        return [{ type: 'survey.sent', data: { surveyId, participantId: request.participantId, expiresAt } }];
      });
    } catch (error) {
      await this.kv.delete(linkKey(token));
      throw error;
    }
    const url = `${this.publicUrl()}/survey#${token}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { surveyId, participantId: request.participantId, expiresAt, url, qrSvg };
  }

  async openSurvey(token: string): Promise<SurveyView> {
    const { state, link } = await this.survey(token);
    return this.surveyView(state, link.participantId);
  }

  async answerSurvey(token: string, answer: SurveyAnswer): Promise<SurveyView> {
    const { state: before, link } = await this.survey(token);
    const party = before.participants.find((p) => p.participantId === link.participantId)!;
    const { state } = await this.cases.execute(link.caseId, { kind: 'resident', participantId: party.participantId, name: party.name }, () => [
      { type: 'survey.answered', data: { surveyId: link.surveyId, participantId: link.participantId, answer } },
    ]);
    return this.surveyView(state, link.participantId);
  }

  /** The case and party behind a survey link; an unknown or expired link is one answer, so links cannot be probed. */
  private async survey(token: string): Promise<{ state: CaseState; link: SurveyLinkRecord }> {
    const link = await this.kv.get<SurveyLinkRecord>(linkKey(token));
    const state = link && (await this.cases.get(link.caseId));
    const survey = state?.surveys?.find((s) => s.surveyId === link!.surveyId);
    const party = state?.participants.find((p) => p.participantId === link!.participantId);
    if (!link || !state || !survey || !party || Date.parse(survey.expiresAt) < this.clock.now().getTime()) {
      throw new AppError('not_found', 'This survey link is not valid or has expired. Ask your mediator for a new one.');
    }
    return { state, link };
  }

  private async surveyView(state: CaseState, participantId: string): Promise<SurveyView> {
    const org = await this.directory.org(state.orgId);
    return {
      caseNumber: state.caseNumber,
      orgName: org?.name ?? '',
      participantName: state.participants.find((p) => p.participantId === participantId)!.name,
      answer: answerOf(state, participantId),
      closed: state.status === 'closed',
    };
  }

  private viewOf(principal: Principal, state: CaseState): FollowUpCaseView {
    const today = chinaDateOf(this.clock.now().toISOString());
    const due = dueFollowUp(state, today);
    return {
      caseId: state.caseId,
      caseNumber: state.caseNumber,
      title: state.title,
      status: state.status,
      agreementEffectiveAt: state.agreement?.effectiveAt,
      canManage: canManageCase(principal, state),
      followUps: (state.followUps ?? []).map((f) => ({ followUpId: f.followUpId, dueDate: f.dueDate, method: f.method, note: f.note, due: due?.followUpId === f.followUpId, recorded: f.recorded })),
      parties: state.participants
        .filter((p) => p.role !== 'agent')
        .map((p) => ({ participantId: p.participantId, name: p.name, role: p.role, surveySent: !!state.surveys?.some((s) => s.participantId === p.participantId), answer: answerOf(state, p.participantId) })),
    };
  }
}
