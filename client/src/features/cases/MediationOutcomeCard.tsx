import type { AccountView } from '@protocol';
import { useState } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import type { StaffCaseView } from '../../api/api-types.ts';
import { staffRequest } from '../../api/staff-client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { AgreementDownloads } from '../agreement/AgreementDownloads.tsx';
import { documentPaths } from '../agreement/agreement-api.ts';

/** Where mediation can still end without agreement (the server's rule: mediation.failed). */
const MAY_FAIL: readonly StaffCaseView['status'][] = ['accepted', 'scheduled', 'in_session', 'drafting', 'signing'];

/**
 * 调解不成: the mediator ends the mediation with a reason; the parties get a sealed notice telling
 * them of the litigation route, which anyone of the case can download here.
 */
export function MediationOutcomeCard({ c, account, onChanged }: { c: StaffCaseView; account: AccountView; onChanged: (c: StaffCaseView) => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const mine = c.mediator?.accountId === account.accountId && !!c.mediator.acceptedAt;

  if (c.failureReason) {
    return (
      <section className="card outcome-card" aria-labelledby="outcome-title" data-testid="mediation-failed">
        <h2 id="outcome-title">{t('outcome.failedTitle')}</h2>
        <p>{t('outcome.failedReason', { reason: c.failureReason })}</p>
        <AgreementDownloads who="staff" items={[{ path: documentPaths.failureNotice(c.caseId), fileName: `${c.caseNumber}-调解不成告知书.pdf`, label: 'outcome.downloadNotice', testId: 'download-failure-notice' }]} />
      </section>
    );
  }
  if (!mine || !MAY_FAIL.includes(c.status)) return null;

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await staffRequest<StaffCaseView>('POST', `/cases/${encodeURIComponent(c.caseId)}/fail`, { reason }));
      setAsking(false);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card outcome-card" aria-labelledby="outcome-title">
      <h2 id="outcome-title">{t('outcome.title')}</h2>
      <p className="muted">{t('outcome.hint')}</p>
      <button type="button" className="button danger" onClick={() => setAsking(true)} data-testid="fail-mediation">
        {t('outcome.fail')}
      </button>
      {asking && (
        <ConfirmDialog title={t('outcome.fail')} confirmLabel={t('outcome.failConfirm')} danger busy={busy} onConfirm={() => void (reason.trim() ? submit() : undefined)} onCancel={() => setAsking(false)}>
          <label className="field">
            {t('outcome.reason')}
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required data-testid="fail-reason" />
          </label>
          {error && <ErrorNotice error={error} />}
        </ConfirmDialog>
      )}
    </section>
  );
}
