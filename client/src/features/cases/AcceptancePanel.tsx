import { useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import type { StaffCaseView } from '../../api/api-types.ts';
import { casesApi, type DeclineReason } from '../../api/cases-api.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';

const DECLINE_REASONS: DeclineReason[] = ['conflict_of_interest', 'workload', 'other'];

/** The assigned mediator accepts (declaring no conflict of interest) or declines with a reason. */
export function AcceptancePanel({ c, onChanged }: { c: StaffCaseView; onChanged: (next: StaffCaseView) => void }) {
  const { t, language } = useI18n();
  const [declared, setDeclared] = useState(false);
  const [reason, setReason] = useState<DeclineReason>('conflict_of_interest');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [needDeclaration, setNeedDeclaration] = useState(false);

  const run = async (action: () => Promise<StaffCaseView>) => {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await action());
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const accept = (event: FormEvent) => {
    event.preventDefault();
    if (!declared) {
      setNeedDeclaration(true);
      return;
    }
    void run(() => casesApi.accept(c.caseId));
  };
  const decline = (event: FormEvent) => {
    event.preventDefault();
    void run(() => casesApi.decline(c.caseId, reason, note.trim() || undefined));
  };

  return (
    <section className="card acceptance" aria-labelledby="acceptance-title">
      <h2 id="acceptance-title">{t('accept.title')}</h2>
      {c.mediator && <p>{t('accept.intro', { deadline: formatTime(c.mediator.acceptBy, language) })}</p>}
      <form onSubmit={accept} noValidate>
        <label className={needDeclaration && !declared ? 'declaration invalid' : 'declaration'}>
          <input
            type="checkbox"
            name="noConflictDeclared"
            checked={declared}
            onChange={(e) => {
              setDeclared(e.target.checked);
              setNeedDeclaration(false);
            }}
          />
          <span>{t('accept.declaration')}</span>
        </label>
        {needDeclaration && !declared && (
          <p className="field-error" role="alert">
            {t('accept.needDeclaration')}
          </p>
        )}
        <button type="submit" className="button" disabled={busy}>
          {t('accept.submit')}
        </button>
      </form>
      <details className="decline">
        <summary>{t('decline.title')}</summary>
        <form onSubmit={decline} noValidate className="stack">
          <Field label={t('decline.reason')}>
            <select name="declineReason" value={reason} onChange={(e) => setReason(e.target.value as DeclineReason)}>
              {DECLINE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`declineReason.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={<>{t('decline.note')} <span className="muted">{t('common.optional')}</span></>}>
            <textarea name="declineNote" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <button type="submit" className="button danger" disabled={busy}>
            {t('decline.submit')}
          </button>
        </form>
      </details>
      <ErrorNotice error={error} />
    </section>
  );
}
