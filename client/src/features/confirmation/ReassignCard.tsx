import { useEffect, useState } from 'react';
import type { AccountView } from '@protocol';
import { asApiError } from '../../api/api-error.ts';
import { useApiAction } from '../../api/use-api-action.ts';
import type { StaffCaseView } from '../../api/api-types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { adminConfirmationApi } from './confirmation-api.ts';

/** An admin moves an undecided application to another judge of the same court (a routing event in the log). */
export function ReassignCard({ c, onChanged }: { c: StaffCaseView; onChanged: (c: StaffCaseView) => void }) {
  const { t } = useI18n();
  const [judges, setJudges] = useState<AccountView[]>([]);
  const [judgeId, setJudgeId] = useState('');
  const { busy, error, setError, run } = useApiAction();

  useEffect(() => {
    adminConfirmationApi.judges().then(
      (all) => setJudges(all.filter((j) => j.courtId === c.courtId && j.accountId !== c.confirmation?.judgeId)),
      (caught: unknown) => setError(asApiError(caught)),
    );
  }, [c.courtId, c.confirmation?.judgeId, setError]);

  if (!c.confirmation?.requestedAt || c.confirmation.decidedAt) return null;
  const submit = async () => {
    const next = await run(() => adminConfirmationApi.reassign(c.caseId, judgeId));
    if (!next) return;
    onChanged(next);
    setJudgeId('');
  };
  return (
    <section className="card" aria-labelledby="reassign-title" data-testid="reassign">
      <h2 id="reassign-title">{t('confirmation.reassignTitle')}</h2>
      <p className="muted">{t('confirmation.reassignHint')}</p>
      {judges.length === 0 ? (
        <p>{t('confirmation.reassignNone')}</p>
      ) : (
        <div className="reassign-row">
          <label className="field">
            {t('confirmation.reassignTo')}
            <select name="judgeId" value={judgeId} onChange={(e) => setJudgeId(e.target.value)}>
              <option value="">—</option>
              {judges.map((j) => (
                <option key={j.accountId} value={j.accountId}>
                  {j.displayName}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" disabled={!judgeId || busy} onClick={() => void submit()}>
            {t('confirmation.reassign')}
          </button>
        </div>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}
