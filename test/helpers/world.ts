import type { RunningApp } from '../../server/app.ts';
import { ApiClient, newDeviceId, tokenOfLink } from './api-client.ts';

export const caseBody = (overrides: Record<string, unknown> = {}) => ({
  channel: 'resident_application',
  disputeType: 'debt',
  title: '民间借贷纠纷',
  summary: '申请人称被申请人借款三万元逾期未还。',
  areaCode: '370785001',
  ...overrides,
});

export interface CaseWithResident {
  caseId: string;
  participantId: string;
  invitationId: string;
  invitationToken: string;
  residentToken: string;
  deviceId: string;
}

/**
 * Two organisations, a mediator in each, the demo judge and admin, and helpers to make cases
 * with a resident who opened their invitation: the cast of the API and authorization tests.
 */
export class World {
  private constructor(
    readonly api: ApiClient,
    readonly admin: ApiClient,
    readonly mediator: ApiClient,
    readonly otherMediator: ApiClient,
    readonly judge: ApiClient,
    readonly gridWorker: ApiClient,
  ) {}

  static async create(app: Pick<RunningApp, 'url'>): Promise<World> {
    const api = new ApiClient(app.url);
    const admin = await api.login('admin');
    await expectOk(admin.post('/orgs', { orgId: 'chengguan', name: '城关街道人民调解委员会', areaCodes: ['370785002'] }));
    await expectOk(admin.post('/accounts', { username: 'mediator2', password: 'another-password', displayName: '孙调解', role: 'mediator', orgId: 'chengguan' }));
    return new World(api, admin, await api.login('mediator'), await api.login('mediator2', 'another-password'), await api.login('judge'), await api.login('grid'));
  }

  /**
   * The kinds of caller every authorization matrix tries, for one case: nobody, a party of it (by
   * their resident token), a party of another case, the case's mediator, another organisation's
   * mediator, and the admin. Matrices add their own (judges, say).
   */
  callersOf(residentToken: string, otherResidentToken: string) {
    return {
      anonymous: this.api,
      residentOfCase: this.api.as(residentToken),
      residentOfOtherCase: this.api.as(otherResidentToken),
      mediatorOfCase: this.mediator,
      otherMediator: this.otherMediator,
      admin: this.admin,
    };
  }

  async accountId(username: string): Promise<string> {
    const res = await expectOk(this.admin.get('/accounts'));
    return res.body.find((a: { username: string }) => a.username === username).accountId;
  }

  /** A case referred by the demo judge to the demo organisation, accepted by the demo mediator, with a resident who opened their link. */
  async referredCase(): Promise<CaseWithResident> {
    const opened = await expectOk(this.judge.post('/cases', caseBody({ channel: 'court_referral', orgId: 'baicheng' })));
    const caseId = opened.body.caseId as string;
    await expectOk(this.admin.post(`/cases/${caseId}/assign`, { mediatorId: await this.accountId('mediator') }));
    await expectOk(this.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
    return this.withResident(this.mediator, caseId);
  }

  /** A case of the other organisation, run by its mediator, with a resident. */
  async otherOrgCase(): Promise<CaseWithResident> {
    const opened = await expectOk(this.otherMediator.post('/cases', caseBody({ areaCode: '370785002' })));
    await expectOk(this.otherMediator.post(`/cases/${opened.body.caseId}/accept`, { noConflictDeclared: true }));
    return this.withResident(this.otherMediator, opened.body.caseId);
  }

  async withResident(
    mediator: ApiClient,
    caseId: string,
    participant: Record<string, unknown> = { role: 'applicant', name: '张三', idNumber: '11010519491231002X', phone: '13812345678' },
  ): Promise<CaseWithResident> {
    const added = await expectOk(mediator.post(`/cases/${caseId}/participants`, participant));
    const participantId = added.body.participantId as string;
    const invitation = await expectOk(mediator.post(`/cases/${caseId}/invitations`, { participantId }));
    const invitationToken = tokenOfLink(invitation.body.url);
    const deviceId = newDeviceId();
    const redeemed = await expectOk(this.api.post('/invitations/redeem', { token: invitationToken, deviceId }));
    return { caseId, participantId, invitationId: invitation.body.invitationId, invitationToken, residentToken: redeemed.body.residentToken, deviceId };
  }
}

export async function expectOk<T extends { status: number; body: any }>(promise: Promise<T>): Promise<T> {
  const res = await promise;
  if (res.status >= 300) throw new Error(`expected success, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}
