import { useState } from 'react';
import { useApiAction } from '../../api/use-api-action.ts';
import type { StaffCaseView } from '../../api/api-types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { judgeConfirmationApi } from './confirmation-api.ts';

/** Accepting the filing, and the one extension of the review period a judge may take with a reason. */
export function ReviewClockCard({ c, mine, onChanged }: { c: StaffCaseView; mine: boolean; onChanged: (c: StaffCaseView) => void }) {
  const { t, language } = useI18n();
  const { busy, error, run: call } = useApiAction();
  const [extending, setExtending] = useState(false);
  const [reason, setReason] = useState('');
  const confirmation = c.confirmation;
  if (!confirmation?.requestedAt) return null;
  const open = !confirmation.outcome;

  const run = async (action: () => Promise<StaffCaseView>) => {
    const next = await call(action);
    if (!next) return;
    onChanged(next);
    setExtending(false);
  };

  return (
    <section className="card" aria-labelledby="review-clock-title" data-testid="review-clock">
      <h2 id="review-clock-title">{t('confirmation.reviewTitle')}</h2>
      <p>{t('confirmation.reviewState', { requested: formatTime(confirmation.requestedAt, language), judge: confirmation.judgeName ?? '—' })}</p>
      {confirmation.acceptedAt && <p data-testid="accepted-at">{t('confirmation.acceptedAt', { at: formatTime(confirmation.acceptedAt, language) })}</p>}
      {confirmation.extended && <p>{t('confirmation.extended', { reason: confirmation.extended.reason })}</p>}
      {mine && open && (
        <div className="confirmation-actions">
          {!confirmation.acceptedAt && (
            <button type="button" className="button" disabled={busy} onClick={() => void run(() => judgeConfirmationApi.accept(c.caseId))}>
              {t('confirmation.accept')}
            </button>
          )}
          {confirmation.acceptedAt && !confirmation.extended && !extending && (
            <button type="button" className="button secondary" onClick={() => setExtending(true)}>
              {t('confirmation.extend')}
            </button>
          )}
        </div>
      )}
      {extending && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) void run(() => judgeConfirmationApi.extend(c.caseId, reason.trim()));
          }}
        >
          <label className="field">
            {t('confirmation.extendReason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required name="extendReason" />
          </label>
          <button type="submit" className="button" disabled={busy || !reason.trim()}>
            {t('confirmation.extendConfirm')}
          </button>
        </form>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}
