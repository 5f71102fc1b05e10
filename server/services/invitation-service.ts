import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { actorOf, type Principal } from '../auth/principal.ts';
import { requireManage } from '../auth/policy.ts';
import { digestToken, type TokenService } from '../auth/tokens.ts';
import type { CaseState } from '../domain/case-types.ts';
import { AppError } from '../protocol/errors.ts';
import type { InvitationIssued } from '../protocol/cases.ts';
import type { KeyValueStore } from '../store/store.ts';
import type { CaseService } from './case-service.ts';
import type { Clock } from './clock.ts';
import { assistantOf } from './assistance.ts';

/**
 * Residents have no account: an invitation is a signed, expiring token for one participant of
 * one case, delivered as a link (and QR code).
 *
 * Device binding: the first browser to open a link binds it to that browser's random device id;
 * the same browser may open it again until it expires, any other is refused and the resident asks
 * the mediator for a new link (revoking the old one). A forwarded link therefore admits nobody
 * once its owner has used it.
 */
export class InvitationService {
  constructor(
    private readonly cases: CaseService,
    private readonly tokens: TokenService,
    private readonly kv: KeyValueStore,
    private readonly clock: Clock,
    private readonly publicUrl: () => string,
  ) {}

  async issue(principal: Principal, caseId: string, participantId: string, validHours: number): Promise<InvitationIssued> {
    const invitationId = randomUUID();
    const expiresAt = new Date(this.clock.now().getTime() + validHours * 3600_000);
    await this.cases.execute(caseId, actorOf(principal), (state) => {
      requireManage(principal, state);
      return [{ type: 'invitation.issued', data: { invitationId, participantId, expiresAt: expiresAt.toISOString() } }];
    });
    const token = this.tokens.signInvitation(invitationId, participantId, caseId, expiresAt);
    const url = `${this.publicUrl()}/join#${token}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { invitationId, participantId, expiresAt: expiresAt.toISOString(), url, qrSvg };
  }

  async revoke(principal: Principal, caseId: string, invitationId: string): Promise<void> {
    await this.cases.execute(caseId, actorOf(principal), (state) => {
      requireManage(principal, state);
      return [{ type: 'invitation.revoked', data: { invitationId } }];
    });
  }

  /** Exchanges an invitation link for a resident session on this device. */
  async redeem(token: string, deviceId: string): Promise<{ residentToken: string; expiresAt: string; caseId: string; participantId: string }> {
    const claims = this.tokens.verifyInvitation(token);
    const state = await this.cases.get(claims.caseId);
    this.assertInvitationLive(state, claims.jti, claims.sub);
    const bindingKey = `invitation-device:${claims.jti}`;
    const device = digestToken(deviceId);
    await this.kv.setIfAbsent(bindingKey, device);
    if ((await this.kv.get<string>(bindingKey)) !== device) {
      throw new AppError('forbidden', 'This invitation link was already opened on another device. Ask your mediator for a new link.', undefined, { reason: 'other_device' });
    }
    const resident = this.tokens.signResident(claims.sub, claims.caseId, claims.jti);
    return { residentToken: resident.token, expiresAt: resident.expiresAt.toISOString(), caseId: claims.caseId, participantId: claims.sub };
  }

  /** The resident principal behind a resident token, refused once its invitation is revoked or its participant removed. */
  async authenticate(residentToken: string): Promise<Principal> {
    const claims = this.tokens.verifyResident(residentToken);
    const state = await this.cases.get(claims.caseId);
    const participant = this.assertInvitationLive(state, claims.inv, claims.sub);
    // An assisted invitation (帮办) says so in the principal, and through it in every event it writes.
    const assistedBy = assistantOf(state!, claims.inv);
    return { kind: 'resident', caseId: claims.caseId, participantId: claims.sub, invitationId: claims.inv, name: participant.name, ...(assistedBy ? { assistedBy } : {}) };
  }

  private assertInvitationLive(state: CaseState | undefined, invitationId: string, participantId: string) {
    const invitation = state?.invitations.find((i) => i.invitationId === invitationId);
    const participant = state?.participants.find((p) => p.participantId === participantId);
    if (!state || !invitation || invitation.participantId !== participantId || !participant) throw new AppError('unauthenticated', 'Invalid invitation.', undefined, { reason: 'invitation_invalid' });
    if (invitation.revoked) throw new AppError('unauthenticated', 'This invitation was withdrawn. Ask your mediator for a new link.', undefined, { reason: 'invitation_withdrawn' });
    if (Date.parse(invitation.expiresAt) < this.clock.now().getTime()) throw new AppError('unauthenticated', 'This link or session has expired.', undefined, { reason: 'invitation_expired' });
    if (state.status === 'closed') throw new AppError('unauthenticated', 'This case is closed.', undefined, { reason: 'case_closed' });
    return participant;
  }
}
