import { useState, type FormEvent } from 'react';
import { ApiError, asApiError } from '../../api/api-error.ts';
import type { StaffCaseView } from '../../api/api-types.ts';
import { casesApi } from '../../api/cases-api.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { fieldErrorText } from '../../components/field-errors.ts';
import { beijingLocalToIso, formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { canSchedule } from './case-permissions.ts';

export function SessionsPanel({ c, manage, onChanged }: { c: StaffCaseView; manage: boolean; onChanged: (next: StaffCaseView) => void }) {
  const { t, language } = useI18n();
  const [startsAt, setStartsAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const sessions = [...c.sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const iso = beijingLocalToIso(startsAt);
    if (!iso) {
      setError(new ApiError(400, 'invalid_input', 'Choose a start time.', [{ path: 'startsAt', message: 'required' }]));
      return;
    }
    setBusy(true);
    try {
      const { case: next } = await casesApi.scheduleSession(c.caseId, iso);
      setStartsAt('');
      onChanged(next);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card sessions" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('sessions.title')}</h2>
      {sessions.length === 0 ? (
        <p className="muted">{t('sessions.empty')}</p>
      ) : (
        <ul className="session-list">
          {sessions.map((s) => (
            <li key={s.sessionId}>
              <span>{formatTime(s.startsAt, language)}</span> <span className={`badge session-${s.status}`}>{t(`sessionStatus.${s.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
      {manage &&
        (canSchedule(c) ? (
          <form className="inline-form" onSubmit={submit} noValidate>
            <Field label={t('sessions.startsAt')} error={fieldErrorText(error, 'startsAt', t, 'sessions.invalid.startsAt')}>
              <input type="datetime-local" name="startsAt" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
            </Field>
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('common.saving') : t('sessions.schedule')}
            </button>
          </form>
        ) : (
          <p className="muted">{t('sessions.needAccepted')}</p>
        ))}
      {error && !error.fieldIssue('startsAt') && <ErrorNotice error={error} />}
    </section>
  );
}
