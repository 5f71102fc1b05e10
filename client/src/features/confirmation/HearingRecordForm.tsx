import { useState } from 'react';
import { useApiAction } from '../../api/use-api-action.ts';
import type { StaffCaseView } from '../../api/api-types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { currentHearing, HEARING_CHECKLIST, judgeConfirmationApi } from './confirmation-api.ts';

interface HearingRecordFormProps {
  c: StaffCaseView;
  mine: boolean;
  onChanged: (c: StaffCaseView) => void;
  /** Fetches attendance again (the room admits people while the form is open). */
  onRefresh?: (() => void) | undefined;
}

/**
 * The verification hearing's record: attendance as the hearing room admitted people (both parties
 * must have been in it together), each party's answers to the script, and notes.
 */
export function HearingRecordForm({ c, mine, onChanged, onRefresh }: HearingRecordFormProps) {
  const { t, language } = useI18n();
  const parties = c.participants.filter((p) => p.role !== 'agent');
  const [answers, setAnswers] = useState<Record<string, Record<string, string>>>({});
  const [notes, setNotes] = useState('');
  const { busy, error, run } = useApiAction();
  const confirmation = c.confirmation;
  const hearing = currentHearing(c);
  if (!confirmation?.acceptedAt || (!hearing && !confirmation.hearing)) return null;
  const together = hearing?.partiesTogetherAt;
  const editable = mine && !confirmation.outcome && !confirmation.hearing && !!hearing;
  const complete = !!together && parties.every((p) => HEARING_CHECKLIST.every((q) => (answers[p.participantId]?.[q.id] ?? '').trim()));

  const setAnswer = (participantId: string, questionId: string, value: string) =>
    setAnswers((prev) => ({ ...prev, [participantId]: { ...prev[participantId], [questionId]: value } }));

  const submit = async () => {
    if (!hearing) return;
    const next = await run(() => judgeConfirmationApi.hearing(c.caseId, { sessionId: hearing.sessionId, answers, notes }));
    if (next) onChanged(next);
  };

  return (
    <section className="card" aria-labelledby="hearing-title" data-testid="hearing">
      <h2 id="hearing-title">{t('confirmation.hearingTitle')}</h2>
      <p className="muted">{t('confirmation.hearingHint')}</p>
      {confirmation.hearing && (
        <>
          <p className="notice prompt" data-testid="hearing-recorded">
            {t('confirmation.hearingRecorded', { at: formatTime(confirmation.hearing.at, language) })}
          </p>
          <HearingRecordView record={confirmation.hearing} parties={parties} />
        </>
      )}
      {editable && (
        <div className="hearing-attendance" data-testid="hearing-attendance">
          <h3>{t('confirmation.attendance')}</h3>
          <ul>
            {parties.map((p) => {
              const attended = hearing.attendedParticipantIds.includes(p.participantId);
              return (
                <li key={p.participantId} data-testid={`attendance-${p.name}`} data-attended={attended}>
                  {t(`party.${p.role}`)} {p.name}：{attended ? t('confirmation.attended') : t('confirmation.absent')}
                </li>
              );
            })}
          </ul>
          {together ? (
            <p className="notice prompt" data-testid="parties-together">
              {t('confirmation.together', { at: formatTime(together, language, 'time') })}
            </p>
          ) : (
            <p className="notice warn">{t('confirmation.notTogether')}</p>
          )}
          {onRefresh && (
            <button type="button" className="button secondary" onClick={onRefresh}>
              {t('confirmation.refreshAttendance')}
            </button>
          )}
        </div>
      )}
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

/** A saved record, read-only: who was present (from the room), each party's answers, the notes. */
function HearingRecordView({ record, parties }: { record: NonNullable<NonNullable<StaffCaseView['confirmation']>['hearing']>; parties: StaffCaseView['participants'] }) {
  const { t } = useI18n();
  return (
    <div className="hearing-record" data-testid="hearing-record">
      <p>
        {t('confirmation.presentList', {
          names: parties
            .filter((p) => record.presentParticipantIds.includes(p.participantId))
            .map((p) => p.name)
            .join('、'),
        })}
      </p>
      {parties.map((p) => (
        <dl key={p.participantId} className="hearing-answers">
          <dt>
            {t(`party.${p.role}`)} {p.name}
          </dt>
          {HEARING_CHECKLIST.map((q) => (
            <dd key={q.id}>
              {q.question} <strong>{record.answers[p.participantId]?.[q.id] ?? '—'}</strong>
            </dd>
          ))}
        </dl>
      ))}
      {record.notes && <p className="hearing-notes">{t('confirmation.notesShown', { notes: record.notes })}</p>}
    </div>
  );
}
