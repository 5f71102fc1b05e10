import { useState } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import type { StaffCaseView } from '../../api/api-types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { HEARING_CHECKLIST, judgeConfirmationApi } from './confirmation-api.ts';

/** The verification hearing's record: who was present (both parties must be), each party's answers, notes. */
export function HearingRecordForm({ c, mine, onChanged }: { c: StaffCaseView; mine: boolean; onChanged: (c: StaffCaseView) => void }) {
  const { t, language } = useI18n();
  const parties = c.participants.filter((p) => p.role !== 'agent');
  const [present, setPresent] = useState<string[]>([]);
  const [answers, setAnswers] = useState<Record<string, Record<string, string>>>({});
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const confirmation = c.confirmation;
  if (!confirmation?.acceptedAt) return null;
  const editable = mine && !confirmation.outcome && !confirmation.hearing;
  const complete = parties.every((p) => present.includes(p.participantId) && HEARING_CHECKLIST.every((q) => (answers[p.participantId]?.[q.id] ?? '').trim()));

  const setAnswer = (participantId: string, questionId: string, value: string) =>
    setAnswers((prev) => ({ ...prev, [participantId]: { ...prev[participantId], [questionId]: value } }));
  const togglePresent = (participantId: string, on: boolean) => setPresent((prev) => (on ? [...prev, participantId] : prev.filter((id) => id !== participantId)));

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await judgeConfirmationApi.hearing(c.caseId, { presentParticipantIds: present, answers, notes }));
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="hearing-title" data-testid="hearing">
      <h2 id="hearing-title">{t('confirmation.hearingTitle')}</h2>
      <p className="muted">
        {t('confirmation.hearingHint')} <Link href={`/cases/${encodeURIComponent(c.caseId)}/room`}>{t('confirmation.openRoom')}</Link>
      </p>
      {confirmation.hearing && <p className="notice prompt" data-testid="hearing-recorded">{t('confirmation.hearingRecorded', { at: formatTime(confirmation.hearing.at, language) })}</p>}
      {editable && (
        <form
          data-testid="hearing-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (complete) void submit();
          }}
        >
          {parties.map((p) => (
            <fieldset key={p.participantId} className="hearing-party" data-testid={`hearing-${p.name}`}>
              <legend>
                {t(`party.${p.role}`)} {p.name}
              </legend>
              <label className="choice">
                <input type="checkbox" name="present" checked={present.includes(p.participantId)} onChange={(e) => togglePresent(p.participantId, e.target.checked)} /> {t('confirmation.present')}
              </label>
              {HEARING_CHECKLIST.map((q) => (
                <label key={q.id} className="field">
                  {q.question}
                  <input type="text" name={`answer-${q.id}`} value={answers[p.participantId]?.[q.id] ?? ''} onChange={(e) => setAnswer(p.participantId, q.id, e.target.value)} maxLength={1000} placeholder={t('confirmation.answer')} />
                </label>
              ))}
            </fieldset>
          ))}
          <label className="field">
            {t('confirmation.notes')}
            <textarea name="hearingNotes" value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={20_000} />
          </label>
          <ErrorNotice error={error} />
          <button type="submit" className="button" disabled={busy || !complete}>
            {t('confirmation.saveHearing')}
          </button>
        </form>
      )}
    </section>
  );
}
