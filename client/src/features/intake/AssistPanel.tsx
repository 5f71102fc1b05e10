import type { AccountView } from '@protocol';
import { useState } from 'react';
import type { CaseStatus, Participant, StaffCaseView } from '../../api/api-types.ts';
import { useApiAction } from '../../api/use-api-action.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { intakeApi } from './intake-api.ts';

/** Where the server lets assistance start: wherever a resident may get a link. */
const ASSISTABLE: readonly CaseStatus[] = ['accepted', 'scheduled', 'in_session', 'drafting', 'signing', 'signed', 'failed', 'confirmation_requested', 'confirmed', 'rejected'];

/**
 * 帮办代办 on the case page, for a grid worker: open the mediation on this device as a party who
 * has no phone of their own, or end an assistance under way.
 */
export function AssistPanel({ c, account, onChanged }: { c: StaffCaseView; account: AccountView; onChanged: (next: StaffCaseView) => void }) {
  const { t, language } = useI18n();
  const [asking, setAsking] = useState<Participant>();
  const action = useApiAction();
  if (account.role !== 'grid_worker' || !ASSISTABLE.includes(c.status)) return null;
  const ongoing = (c.assistances ?? []).filter((a) => !a.endedAt && a.assistedBy.accountId === account.accountId);
  const nameOf = (participantId: string) => c.participants.find((p) => p.participantId === participantId)?.name ?? '';

  const start = async (participant: Participant) => {
    const started = await action.run(() => intakeApi.startAssistance(c.caseId, participant.participantId));
    // The door opens here, in this browser and on this origin (the public URL may name another
    // host for the same server): the link is bound to this device as it opens.
    if (started) window.location.assign(`/join${new URL(started.url).hash}`);
    else setAsking(undefined);
  };
  const end = async (invitationId: string) => {
    const next = await action.run(() => intakeApi.endAssistance(c.caseId, invitationId));
    if (next) onChanged(next);
  };

  return (
    <section className="card assist-panel" aria-labelledby="assist-title">
      <h2 id="assist-title">{t('assist.title')}</h2>
      <p className="muted">{t('assist.intro')}</p>
      <ul>
        {c.participants.map((p) => (
          <li key={p.participantId}>
            <button type="button" className="button secondary" disabled={action.busy} onClick={() => setAsking(p)}>
              {t('assist.start', { name: p.name })}
            </button>
          </li>
        ))}
        {ongoing.map((a) => (
          <li key={a.invitationId} data-testid="assistance-ongoing">
            {t('assist.ongoing', { name: nameOf(a.participantId), time: formatTime(a.startedAt, language) })}{' '}
            <button type="button" className="link" disabled={action.busy} onClick={() => void end(a.invitationId)}>
              {t('assist.end')}
            </button>
          </li>
        ))}
      </ul>
      <ErrorNotice error={action.error} />
      {asking && (
        <ConfirmDialog title={t('assist.confirmTitle', { name: asking.name })} confirmLabel={t('assist.confirm')} busy={action.busy} onConfirm={() => void start(asking)} onCancel={() => setAsking(undefined)}>
          <p>{t('assist.confirmBody', { name: asking.name })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
