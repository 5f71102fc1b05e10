import type { InvitationIssued } from '@protocol';
import { useState } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import type { StaffCaseView } from '../../api/api-types.ts';
import { casesApi } from '../../api/cases-api.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { AddParticipantForm } from './AddParticipantForm.tsx';
import { canEditParticipants, canInvite } from './case-permissions.ts';
import { ParticipantCard } from './ParticipantCard.tsx';

interface ParticipantsPanelProps {
  c: StaffCaseView;
  manage: boolean;
  /** The case changed and the response carried it. */
  onCaseChanged: (next: StaffCaseView) => void;
  /** The case changed and must be fetched again (invitation calls do not return it). */
  onCaseStale: () => void;
}

export function ParticipantsPanel({ c, manage, onCaseChanged, onCaseStale }: ParticipantsPanelProps) {
  const { t } = useI18n();
  const [issued, setIssued] = useState<InvitationIssued[]>([]);
  const [busy, setBusy] = useState<{ participantId: string; action: 'invite' | 'other' }>();
  const [error, setError] = useState<ApiError>();

  const run = async (participantId: string, action: 'invite' | 'other', request: () => Promise<void>) => {
    setBusy({ participantId, action });
    setError(undefined);
    try {
      await request();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(undefined);
    }
  };

  const invite = (participantId: string) =>
    run(participantId, 'invite', async () => {
      const invitation = await casesApi.issueInvitation(c.caseId, participantId);
      setIssued((list) => [...list, invitation]);
      onCaseStale();
    });
  const revoke = (participantId: string, invitationId: string) =>
    run(participantId, 'other', async () => {
      await casesApi.revokeInvitation(c.caseId, invitationId);
      onCaseStale();
    });
  const remove = (participantId: string) =>
    run(participantId, 'other', async () => {
      onCaseChanged(await casesApi.removeParticipant(c.caseId, participantId));
    });

  const editable = manage && canEditParticipants(c);
  return (
    <section className="card participants" aria-labelledby="participants-title">
      <h2 id="participants-title">{t('participants.title')}</h2>
      {c.participants.length === 0 && <p className="muted">{t('participants.empty')}</p>}
      <ul className="participant-list">
        {c.participants.map((p) => (
          <ParticipantCard
            key={p.participantId}
            c={c}
            participant={p}
            manage={manage}
            mayRemove={editable}
            mayInvite={canInvite(c)}
            issued={issued.filter((i) => i.participantId === p.participantId)}
            busy={busy?.participantId === p.participantId ? busy.action : false}
            onInvite={() => void invite(p.participantId)}
            onRevoke={(invitationId) => void revoke(p.participantId, invitationId)}
            onRemove={() => void remove(p.participantId)}
          />
        ))}
      </ul>
      <ErrorNotice error={error} />
      {editable && (
        // Open while the case has nobody yet; afterwards one click away, so the list stays in view.
        <details className="add-participant-toggle" open={c.participants.length === 0}>
          <summary>{t('participants.add')}</summary>
          <AddParticipantForm c={c} onAdded={onCaseChanged} />
        </details>
      )}
    </section>
  );
}
