import type { InvitationIssued } from '@protocol';
import { useState } from 'react';
import type { Participant, StaffCaseView } from '../../api/api-types.ts';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { InvitationLink } from './InvitationLink.tsx';

interface ParticipantCardProps {
  c: StaffCaseView;
  participant: Participant;
  manage: boolean;
  mayRemove: boolean;
  mayInvite: boolean;
  /** Links issued while this page is open (the server cannot show a link again). */
  issued: InvitationIssued[];
  /** A request for this participant is in flight; `invite` while a link is being made. */
  busy: false | 'invite' | 'other';
  onInvite: () => void;
  onRevoke: (invitationId: string) => void;
  onRemove: () => void;
}

export function ParticipantCard({ c, participant: p, manage, mayRemove, mayInvite, issued, busy, onInvite, onRevoke, onRemove }: ParticipantCardProps) {
  const { t, language } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const representing = p.representing ? c.participants.find((other) => other.participantId === p.representing)?.name : undefined;
  const now = Date.now();
  const invitations = c.invitations.filter((i) => i.participantId === p.participantId);
  const live = invitations.filter((i) => !i.revoked && Date.parse(i.expiresAt) > now);
  const issuedById = new Map(issued.map((i) => [i.invitationId, i]));
  const revokedHere = invitations.filter((i) => i.revoked && issuedById.has(i.invitationId));

  const details = [p.sex && t(`sex.${p.sex}`), p.ethnicity, p.personKind === 'organization' && t('personKind.organization')].filter(Boolean).join(' · ');
  return (
    <li className="participant" data-participant-id={p.participantId}>
      <div className="participant-head">
        <span className={`badge party-${p.role}`}>{t(`party.${p.role}`)}</span>
        <strong className="participant-name">{p.name}</strong>
        {details && <span className="muted">{details}</span>}
      </div>
      {representing && <p className="participant-note">{t('participants.representing', { name: representing })}</p>}
      {p.legalRepresentative && <p className="participant-note">{t('participants.legalRepresentative', { name: p.legalRepresentative })}</p>}
      <dl className="facts compact">
        {p.idNumberMasked && (
          <div>
            <dt>{t('participants.idNumber')}</dt>
            <dd className="mono" data-testid="id-masked">
              {p.idNumberMasked}
            </dd>
          </div>
        )}
        {p.phoneMasked && (
          <div>
            <dt>{t('participants.phone')}</dt>
            <dd className="mono" data-testid="phone-masked">
              {p.phoneMasked}
            </dd>
          </div>
        )}
      </dl>

      {live.map((invitation) => {
        const full = issuedById.get(invitation.invitationId);
        return (
          <div key={invitation.invitationId} className="invitation-block">
            {full ? <InvitationLink invitation={full} holderName={p.name} /> : <p>{t('invite.active', { time: formatTime(invitation.expiresAt, language) })}</p>}
            {manage && (
              <button type="button" className="button danger small" disabled={busy !== false} onClick={() => onRevoke(invitation.invitationId)}>
                {t('invite.revoke')}
              </button>
            )}
          </div>
        );
      })}
      {revokedHere.map((invitation) => (
        <p key={invitation.invitationId} className="notice" data-revoked-invitation={invitation.invitationId}>
          {t('invite.revoked')}
        </p>
      ))}

      {manage && (
        <div className="actions">
          {mayInvite ? (
            <button type="button" className="button" disabled={busy !== false} onClick={onInvite}>
              {busy === 'invite' ? t('invite.creating') : t('invite.create')}
            </button>
          ) : (
            <span className="muted">{t('invite.needAccepted')}</span>
          )}
          {mayRemove &&
            (confirming ? (
              <>
                <button type="button" className="button danger" disabled={busy !== false} onClick={onRemove}>
                  {t('participants.confirmRemove', { name: p.name })}
                </button>
                <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
                  {t('common.cancel')}
                </button>
              </>
            ) : (
              <button type="button" className="button secondary" disabled={busy !== false} onClick={() => setConfirming(true)}>
                {t('participants.remove')}
              </button>
            ))}
        </div>
      )}
    </li>
  );
}
