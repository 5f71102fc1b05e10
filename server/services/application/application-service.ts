import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { requireRead, requireStaff } from '../../auth/policy.ts';
import { actorOf, type Principal } from '../../auth/principal.ts';
import { applicationProgress } from '../../domain/application.ts';
import { assertAllowed } from '../../domain/case-machine.ts';
import type { EventDraft } from '../../domain/case-events.ts';
import type { Actor, CaseState, DisputeType, Participant } from '../../domain/case-types.ts';
import { isValidResidentIdNumber, maskIdNumber, maskPhone } from '../../domain/identity.ts';
import { addWorkingDays } from '../../domain/working-days.ts';
import type { Logger } from '../../logger.ts';
import type { ApplyQr, ApplicationDecisionRequest, ApplicationStatusView, ApplyRequest, ApplyResponse, RespondentView } from '../../protocol/application.ts';
import { AppError } from '../../protocol/errors.ts';
import type { KeyValueStore } from '../../store/store.ts';
import type { CasePolicyConfig } from '../case-commands.ts';
import type { CaseService } from '../case-service.ts';
import type { Clock } from '../clock.ts';
import type { Directory } from '../directory.ts';
import type { MessageSender } from '../notifications.ts';
import type { PiiVault } from '../pii-vault.ts';
import type { ApplicationLinks } from './application-links.ts';
import type { MediatorProfiles } from './mediator-profiles.ts';
import type { SmsCodes } from './sms-codes.ts';

const DISPUTE_LABEL: Record<DisputeType, string> = {
  neighbour: '邻里',
  family: '婚姻家庭',
  property_management: '物业',
  labour: '劳动',
  debt: '借贷',
  land: '土地',
  consumer: '消费',
  traffic: '交通事故',
  other: '民间',
};

/** Applications one client address may submit in an hour: a public form must not flood the organisation's queue (a community centre's kiosk shares one address). */
const APPLICATIONS_PER_ADDRESS_PER_HOUR = 30;

export interface ApplicationDeps {
  cases: CaseService;
  directory: Directory;
  vault: PiiVault;
  profiles: MediatorProfiles;
  codes: SmsCodes;
  links: ApplicationLinks;
  sender: MessageSender;
  kv: KeyValueStore;
  clock: Clock;
  publicUrl: () => string;
  policy: CasePolicyConfig;
  log: Logger;
}

/**
 * The resident's own application, from the public form to the respondent's answer: opening the case
 * (with the parties' details in the vault), the organisation's 受理 or 不予受理, asking the respondent
 * by SMS link, and their answer, which either sends the case on (to the mediator the applicant chose)
 * or closes it with the refusal on record.
 */
export class ApplicationService {
  constructor(private readonly d: ApplicationDeps) {}

  sendCode(phone: string, address: string) {
    return this.d.codes.send(phone, address);
  }

  /** The QR code a centre prints (二维码张贴在调解中心): the application page, with the centre's organisation chosen. */
  async applyQr(orgId: string | undefined): Promise<ApplyQr> {
    const org = orgId ? await this.d.directory.org(orgId) : undefined;
    if (orgId && !org) throw new AppError('not_found', 'No such organisation.');
    const url = `${this.d.publicUrl()}/apply${org ? `?org=${encodeURIComponent(org.orgId)}` : ''}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { url, qrSvg, ...(org ? { orgName: org.name } : {}) };
  }

  async submit(request: ApplyRequest, address: string): Promise<ApplyResponse> {
    const fields: Array<{ path: string; message: string }> = [];
    if (!isValidResidentIdNumber(request.applicant.idNumber)) fields.push({ path: 'applicant.idNumber', message: 'not a valid resident ID number' });
    if (request.respondent.phone === request.phone && !request.agent) fields.push({ path: 'respondent.phone', message: 'the respondent’s phone, not yours' });
    const org = await this.d.directory.org(request.orgId);
    if (!org) fields.push({ path: 'orgId', message: 'unknown organisation' });
    const mediator = request.mediatorId ? await this.d.profiles.listedMediator(request.mediatorId, request.orgId) : undefined;
    if (request.mediatorId && !mediator) fields.push({ path: 'mediatorId', message: 'not a mediator of this organisation in the directory' });
    if (fields.length > 0) throw new AppError('invalid_input', 'Please correct the highlighted fields.', fields);
    if ((await this.d.kv.increment(`application-address:${encodeURIComponent(address)}`, { ttlSeconds: 3600 })) > APPLICATIONS_PER_ADDRESS_PER_HOUR) {
      throw new AppError('rate_limited', 'Too many applications from this network; try again later.', undefined, { retryAfterSeconds: 3600 });
    }
    // Last of the checks, so a mistake elsewhere on the form does not spend the code.
    await this.d.codes.consume(request.phone, request.smsCode);

    const caseId = randomUUID();
    const applicantId = randomUUID();
    const respondentId = randomUUID();
    const agentId = request.agent ? randomUUID() : undefined;
    const applicantPhone = request.agent ? request.applicant.phone : request.phone;
    // Full details go to the vault before the events: an event never points at details that were not kept.
    await this.d.vault.put(caseId, applicantId, { idNumber: request.applicant.idNumber, phone: applicantPhone, address: request.applicant.address, email: request.delivery.email });
    await this.d.vault.put(caseId, respondentId, { phone: request.respondent.phone });
    if (agentId) await this.d.vault.put(caseId, agentId, { phone: request.phone });

    const participants: Participant[] = [
      { participantId: applicantId, role: 'applicant', personKind: 'natural', name: request.applicant.name, idNumberMasked: maskIdNumber(request.applicant.idNumber), phoneMasked: applicantPhone && maskPhone(applicantPhone) },
      ...(agentId && request.agent ? [{ participantId: agentId, role: 'agent' as const, personKind: 'natural' as const, name: request.agent.name, representing: applicantId, phoneMasked: maskPhone(request.phone) }] : []),
      { participantId: respondentId, role: 'respondent', personKind: 'natural', name: request.respondent.name, phoneMasked: maskPhone(request.respondent.phone) },
    ];
    const submitter: Actor = { kind: 'resident', participantId: agentId ?? applicantId, name: request.agent?.name ?? request.applicant.name };
    const caseNumber = await this.d.cases.nextCaseNumber();
    const label = DISPUTE_LABEL[request.dispute.disputeType];
    await this.d.cases.execute(caseId, submitter, () => [
      {
        type: 'case.opened',
        data: {
          caseNumber,
          channel: 'resident_application',
          disputeType: request.dispute.disputeType,
          title: `${request.applicant.name}与${request.respondent.name}${label}纠纷`.slice(0, 80),
          summary: `${request.dispute.facts}\n请求事项：${request.dispute.requests}`,
          areaCode: org!.areaCodes[0]!,
          orgId: org!.orgId,
          tier: 'mediator',
        },
      },
      ...participants.map((participant): EventDraft => ({ type: 'participant.added', data: { participant } })),
      {
        type: 'application.submitted',
        data: {
          applicantId,
          respondentId,
          agent: agentId && request.agent ? { participantId: agentId, relationship: request.agent.relationship } : undefined,
          phoneVerified: true,
          delivery: { addressConfirmed: true, electronicDelivery: request.delivery.electronicDelivery, emailGiven: !!request.delivery.email },
          onlineMediationConsent: true,
          chosenMediator: mediator ? { accountId: mediator.accountId, name: mediator.displayName } : undefined,
        },
      },
    ]);
    const statusToken = await this.d.links.create({ purpose: 'status', caseId, participantId: agentId ?? applicantId });
    const statusUrl = `${this.d.publicUrl()}/apply/status#${statusToken}`;
    await this.sms(request.phone, `【云调解室】您的调解申请（${caseNumber}）已提交，可随时通过链接查看进度。`, statusUrl, caseId);
    return { caseId, caseNumber, statusToken, statusUrl };
  }

  async status(token: string): Promise<ApplicationStatusView> {
    const target = await this.d.links.resolve(token, 'status');
    const state = await this.caseOf(target.caseId);
    const progress = applicationProgress(state);
    const next = state.sessions.filter((s) => s.kind === 'mediation' && s.status === 'scheduled').sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
    return {
      caseNumber: state.caseNumber,
      title: state.title,
      orgName: (await this.d.directory.org(state.orgId))?.name ?? state.orgId,
      steps: progress.steps,
      notAcceptedReason: progress.notAcceptedReason,
      respondentRefused: progress.respondentRefused,
      chosenMediatorName: state.application?.chosenMediator?.name,
      mediatorName: state.mediator?.name,
      nextSessionAt: next?.startsAt,
      closedReason: state.closedReason,
    };
  }

  /** 受理 (then the respondent is asked at once) or 不予受理 with a reason (the case closes). Mediators, admins and the centre's window (centre staff) of the organisation. */
  async decide(principal: Principal, caseId: string, decision: ApplicationDecisionRequest): Promise<CaseState> {
    requireStaff(principal, ['admin', 'mediator', 'centre_staff']);
    const { state } = await this.d.cases.execute(caseId, actorOf(principal), (current) => {
      requireRead(principal, current);
      if (!decision.accept) {
        return [
          { type: 'application.not_accepted', data: { reason: decision.reason } },
          { type: 'case.closed', data: { reason: 'not_accepted', note: decision.reason } },
        ];
      }
      return [{ type: 'application.accepted', data: {} }];
    });
    const applicant = state.application && (state.application.agent?.participantId ?? state.application.applicantId);
    if (applicant) {
      const text = decision.accept
        ? `【云调解室】您的调解申请（${state.caseNumber}）已受理，我们正在联系对方当事人。`
        : `【云调解室】您的调解申请（${state.caseNumber}）不予受理，理由：${decision.reason}`;
      await this.smsParticipant(state.caseId, applicant, text);
    }
    if (!decision.accept) return state;
    try {
      return await this.contactRespondent(principal, caseId);
    } catch (error) {
      // The decision stands; the organisation can ask the respondent again from the case page.
      this.d.log.warn({ err: error, caseId }, 'respondent not contacted');
      return state;
    }
  }

  /** 已联系对方: sends the respondent a fresh link asking whether they agree to mediation. */
  async contactRespondent(principal: Principal, caseId: string): Promise<CaseState> {
    requireStaff(principal, ['admin', 'mediator', 'centre_staff']);
    const state = requireRead(principal, await this.d.cases.get(caseId));
    const application = state.application;
    if (!application) throw new AppError('illegal_transition', 'This case has no application.');
    const phone = (await this.d.vault.get(caseId, application.respondentId))?.phone;
    if (!phone) throw new AppError('illegal_transition', 'The application gives no phone for the respondent.');
    const applicantName = state.participants.find((p) => p.participantId === application.applicantId)?.name ?? '';
    const contacted: EventDraft = { type: 'application.respondent_contacted', data: { participantId: application.respondentId, channel: 'sms', phoneMasked: maskPhone(phone) } };
    // Checked before sending: a contact the case no longer allows (answered, closed) sends nothing.
    assertAllowed(state, contacted, actorOf(principal));
    const token = await this.d.links.create({ purpose: 'respond', caseId, participantId: application.respondentId });
    await this.d.sender.send({
      channel: 'sms',
      to: phone,
      text: `【云调解室】${applicantName}向${(await this.d.directory.org(state.orgId))?.name ?? '人民调解委员会'}申请调解与您的纠纷（${state.caseNumber}），人民调解免费、自愿。请点击链接查看并答复是否同意调解。`,
      link: `${this.d.publicUrl()}/apply/respond#${token}`,
    });
    // Recorded once the message is out: 已联系对方 means the link was sent.
    const { state: next } = await this.d.cases.execute(caseId, actorOf(principal), (current) => {
      requireRead(principal, current);
      return [contacted];
    });
    return next;
  }

  async respondentView(token: string): Promise<RespondentView> {
    const target = await this.d.links.resolve(token, 'respond');
    const state = await this.caseOf(target.caseId);
    const application = state.application!;
    const name = (id: string) => state.participants.find((p) => p.participantId === id)?.name ?? '';
    return {
      caseNumber: state.caseNumber,
      title: state.title,
      orgName: (await this.d.directory.org(state.orgId))?.name ?? state.orgId,
      respondentName: name(application.respondentId),
      applicantName: name(application.applicantId),
      facts: state.summary,
      chosenMediatorName: application.chosenMediator?.name,
      answer: application.stage === 'respondent_agreed' ? 'agreed' : application.stage === 'respondent_refused' ? 'refused' : undefined,
    };
  }

  /** The respondent's answer: agreeing sends the case on (to the chosen mediator); refusing closes it with the record. */
  async respond(token: string, agree: boolean, reason: string | undefined): Promise<RespondentView> {
    const target = await this.d.links.resolve(token, 'respond');
    const before = await this.caseOf(target.caseId);
    const respondent = before.participants.find((p) => p.participantId === target.participantId);
    if (!respondent) throw new AppError('unauthenticated', 'This link is not valid or has expired.', undefined, { reason: 'invitation_invalid' });
    const actor: Actor = { kind: 'resident', participantId: respondent.participantId, name: respondent.name };
    const chosen = before.application?.chosenMediator && (await this.d.profiles.listedMediator(before.application.chosenMediator.accountId, before.orgId));
    const { state } = await this.d.cases.execute(target.caseId, actor, (current) => {
      if (!current) throw new AppError('not_found', 'No such case.');
      if (!agree) {
        return [
          { type: 'application.respondent_refused', data: { participantId: respondent.participantId, reason: reason || undefined } },
          { type: 'case.closed', data: { reason: 'not_accepted', note: '被申请人不同意调解（人民调解法第十七条）' } },
        ];
      }
      // The applicant's choice stands unless the mediator left the directory or the case already has one.
      const assign = chosen && !current.mediator && !current.declinedBy.includes(chosen.accountId);
      return [
        { type: 'application.respondent_agreed', data: { participantId: respondent.participantId } },
        ...(assign
          ? [{ type: 'case.assigned' as const, data: { mediatorId: chosen.accountId, mediatorName: chosen.displayName, acceptBy: addWorkingDays(this.d.clock.now(), this.d.policy.acceptanceWorkingDays, this.d.policy.calendar).toISOString() } }]
          : []),
      ];
    });
    const application = state.application!;
    const submitter = application.agent?.participantId ?? application.applicantId;
    await this.smsParticipant(
      state.caseId,
      submitter,
      agree ? `【云调解室】对方当事人已同意调解（${state.caseNumber}），调解员将与您联系安排调解。` : `【云调解室】对方当事人不同意调解（${state.caseNumber}），本案已结案。您可以通过其他途径解决纠纷。`,
    );
    return this.respondentView(token);
  }

  private async caseOf(caseId: string): Promise<CaseState> {
    const state = await this.d.cases.get(caseId);
    if (!state?.application) throw new AppError('not_found', 'No such application.');
    return state;
  }

  /** A progress message to whoever applied, with a fresh status link (only digests of the earlier ones are kept). */
  private async smsParticipant(caseId: string, participantId: string, text: string): Promise<void> {
    const phone = (await this.d.vault.get(caseId, participantId))?.phone;
    if (!phone) return;
    const token = await this.d.links.create({ purpose: 'status', caseId, participantId });
    await this.sms(phone, text, `${this.d.publicUrl()}/apply/status#${token}`, caseId);
  }

  /** Progress messages are a courtesy: a failing gateway never undoes the step. */
  private async sms(to: string, text: string, link: string, caseId: string): Promise<void> {
    try {
      await this.d.sender.send({ channel: 'sms', to, text, link });
    } catch (error) {
      this.d.log.warn({ err: error, caseId }, 'application message not sent');
    }
  }
}
