import { randomUUID } from 'node:crypto';
import { actorOf, type Principal } from '../auth/principal.ts';
import { orgScopeOf, requireManage, requireRead, requireStaff } from '../auth/policy.ts';
import type { EventDraft } from '../domain/case-events.ts';
import type { CaseState, Participant } from '../domain/case-types.ts';
import { isValidMobile, isValidResidentIdNumber, maskIdNumber, maskPhone } from '../domain/identity.ts';
import { addWorkingDays, type WorkCalendar } from '../domain/working-days.ts';
import { AppError } from '../protocol/errors.ts';
import type { AddParticipantRequest, CreateCaseRequest } from '../protocol/cases.ts';
import type { AccountService } from './account-service.ts';
import type { CaseService } from './case-service.ts';
import type { Clock } from './clock.ts';
import type { Directory } from './directory.ts';
import type { PiiVault } from './pii-vault.ts';
import type { HandOver } from './dispatch-commands.ts';

export interface CasePolicyConfig {
  acceptanceWorkingDays: number;
  calendar: WorkCalendar;
}

/** The use cases of running a case; each checks the caller against the case inside the decision. */
export class CaseCommands {
  constructor(
    private readonly cases: CaseService,
    private readonly accounts: AccountService,
    private readonly directory: Directory,
    private readonly vault: PiiVault,
    private readonly clock: Clock,
    private readonly config: CasePolicyConfig,
    /** Who an escalation hands the case to (#14, DispatchCommands.handOver); without it, escalation only raises the tier. */
    private readonly handOver?: (state: CaseState, to: CaseState['tier'], mediatorId: string | undefined) => Promise<HandOver>,
  ) {}

  async open(principal: Principal, request: CreateCaseRequest): Promise<CaseState> {
    const account = requireStaff(principal, ['admin', 'mediator', 'grid_worker', 'judge', 'centre_staff']);
    // The centre's window (#14) registers a case for its own organisation or one under it.
    const centre = account.role === 'centre_staff' && principal.kind === 'staff';
    const orgId = account.role === 'mediator' || account.role === 'grid_worker' ? account.orgId : centre ? (request.orgId ?? account.orgId) : request.orgId;
    if (!orgId) throw new AppError('invalid_input', 'Name the mediation organisation to send the case to.', [{ path: 'orgId', message: 'required' }]);
    if (centre ? !orgScopeOf(principal).includes(orgId) : account.orgId && request.orgId && request.orgId !== account.orgId) throw new AppError('forbidden', 'You can open cases for your own organisation only.');
    if (!(await this.directory.org(orgId))) throw new AppError('invalid_input', 'No such organisation.', [{ path: 'orgId', message: 'unknown organisation' }]);
    if (account.role === 'judge' && request.channel !== 'court_referral') throw new AppError('invalid_input', 'A judge refers cases (channel court_referral).', [{ path: 'channel', message: 'must be court_referral' }]);
    if (request.channel === 'court_referral' && account.role !== 'judge' && account.role !== 'admin') throw new AppError('forbidden', 'Only a court refers cases.');

    const caseNumber = await this.cases.nextCaseNumber();
    const actor = actorOf(principal);
    const now = this.clock.now();
    const { state } = await this.cases.execute(randomUUID(), actor, () => [
      {
        type: 'case.opened',
        data: {
          caseNumber,
          channel: request.channel,
          disputeType: request.disputeType,
          title: request.title,
          summary: request.summary,
          areaCode: request.areaCode,
          grid: request.grid,
          orgId,
          tier: account.role === 'grid_worker' || request.channel === 'grid_report' ? 'grid' : 'mediator',
          courtId: account.role === 'judge' ? account.courtId : undefined,
          ...(request.externalRef ? { externalRef: request.externalRef } : {}),
        },
      },
      // A mediator who opens a case is its mediator; they still declare no conflict when accepting.
      ...(account.role === 'mediator'
        ? [{ type: 'case.assigned' as const, data: { mediatorId: account.accountId, mediatorName: account.displayName, acceptBy: this.acceptBy(now) } }]
        : []),
    ]);
    return state;
  }

  async assign(principal: Principal, caseId: string, mediatorId: string): Promise<CaseState> {
    // Centre staff dispatch (#14) within their organisations: requireRead below checks the case is one of them.
    const account = requireStaff(principal, ['admin', 'mediator', 'centre_staff']);
    const mediator = await this.accounts.get(mediatorId);
    if (mediator?.role !== 'mediator' || mediator.disabled) throw new AppError('invalid_input', 'No such mediator.', [{ path: 'mediatorId', message: 'unknown mediator' }]);
    if (account.role === 'mediator' && mediatorId !== account.accountId) throw new AppError('forbidden', 'Mediators can take cases for themselves only.');
    return this.run(caseId, principal, (state) => {
      requireRead(principal, state);
      if (mediator.orgId !== state.orgId) throw new AppError('invalid_input', 'The mediator belongs to another organisation.', [{ path: 'mediatorId', message: 'other organisation' }]);
      return [{ type: 'case.assigned', data: { mediatorId, mediatorName: mediator.displayName, acceptBy: this.acceptBy(this.clock.now()) } }];
    });
  }

  async accept(principal: Principal, caseId: string): Promise<CaseState> {
    const account = requireStaff(principal, ['mediator']);
    return this.run(caseId, principal, (state) => {
      requireRead(principal, state);
      return [{ type: 'case.accepted', data: { mediatorId: account.accountId, noConflictDeclared: true } }];
    });
  }

  async decline(principal: Principal, caseId: string, reason: 'conflict_of_interest' | 'workload' | 'other', note?: string): Promise<CaseState> {
    const account = requireStaff(principal, ['mediator']);
    return this.run(caseId, principal, (state) => {
      requireRead(principal, state);
      return [{ type: 'case.declined', data: { mediatorId: account.accountId, reason, note } }];
    });
  }

  async escalate(principal: Principal, caseId: string, to: CaseState['tier'], reason: string, mediatorId?: string): Promise<CaseState> {
    const handOver = this.handOver ? await this.handOver(requireManage(principal, await this.cases.get(caseId)), to, mediatorId) : {};
    return this.run(caseId, principal, (state) => {
      const current = requireManage(principal, state);
      return [{ type: 'case.escalated', data: { from: current.tier, to, reason, ...handOver } }];
    });
  }

  async addParticipant(principal: Principal, caseId: string, request: AddParticipantRequest): Promise<{ state: CaseState; participantId: string }> {
    const fields: Array<{ path: string; message: string }> = [];
    if (request.idNumber && request.personKind === 'natural' && !isValidResidentIdNumber(request.idNumber)) fields.push({ path: 'idNumber', message: 'not a valid resident ID number' });
    if (request.phone && !isValidMobile(request.phone)) fields.push({ path: 'phone', message: 'not a valid mobile number' });
    if (fields.length > 0) throw new AppError('invalid_input', 'Please correct the highlighted fields.', fields);

    const participantId = randomUUID();
    const participant: Participant = {
      participantId,
      role: request.role,
      personKind: request.personKind,
      name: request.name,
      representing: request.representing,
      sex: request.sex,
      ethnicity: request.ethnicity,
      idNumberMasked: request.idNumber ? maskIdNumber(request.idNumber) : undefined,
      phoneMasked: request.phone ? maskPhone(request.phone) : undefined,
      legalRepresentative: request.legalRepresentative,
    };
    const existing = await this.cases.get(caseId);
    requireManage(principal, existing);
    // Full details go to the vault before the event: an event never points at details that were not kept.
    if (request.idNumber || request.phone || request.address) {
      await this.vault.put(caseId, participantId, { idNumber: request.idNumber, phone: request.phone, address: request.address });
    }
    const state = await this.run(caseId, principal, (current) => {
      requireManage(principal, current);
      return [{ type: 'participant.added', data: { participant } }];
    });
    return { state, participantId };
  }

  async removeParticipant(principal: Principal, caseId: string, participantId: string): Promise<CaseState> {
    const state = await this.run(caseId, principal, (current) => {
      requireManage(principal, current);
      return [{ type: 'participant.removed', data: { participantId } }];
    });
    await this.vault.erase(caseId, participantId);
    return state;
  }

  async scheduleSession(principal: Principal, caseId: string, startsAt: string): Promise<{ state: CaseState; sessionId: string }> {
    const sessionId = randomUUID();
    const state = await this.run(caseId, principal, (current) => {
      requireManage(principal, current);
      return [{ type: 'session.scheduled', data: { sessionId, startsAt: new Date(startsAt).toISOString(), roomId: `case-${caseId}-${sessionId.slice(0, 8)}` } }];
    });
    return { state, sessionId };
  }

  async failMediation(principal: Principal, caseId: string, reason: string): Promise<CaseState> {
    return this.run(caseId, principal, (current) => {
      requireManage(principal, current);
      return [{ type: 'mediation.failed', data: { reason } }];
    });
  }

  async close(principal: Principal, caseId: string, reason: 'withdrawn' | 'completed' | 'failed' | 'confirmed' | 'rejected' | 'not_accepted', note?: string): Promise<CaseState> {
    return this.run(caseId, principal, (current) => {
      requireManage(principal, current);
      return [{ type: 'case.closed', data: { reason, note } }];
    });
  }

  private async run(caseId: string, principal: Principal, decide: (state: CaseState) => EventDraft[]): Promise<CaseState> {
    const { state } = await this.cases.execute(caseId, actorOf(principal), (current) => {
      if (!current) throw new AppError('not_found', 'No such case.');
      return decide(current);
    });
    return state;
  }

  private acceptBy(now: Date): string {
    return addWorkingDays(now, this.config.acceptanceWorkingDays, this.config.calendar).toISOString();
  }
}
