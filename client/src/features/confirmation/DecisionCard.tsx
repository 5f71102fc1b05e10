import { useState } from 'react';
import { useApiAction } from '../../api/use-api-action.ts';
import type { StaffCaseView } from '../../api/api-types.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AgreementDownloads } from '../agreement/AgreementDownloads.tsx';
import { DISMISSAL_GROUNDS, judgeConfirmationApi, rulingPath, type DecisionRequest, type DismissalGround } from './confirmation-api.ts';

const GROUNDS = Object.keys(DISMISSAL_GROUNDS) as DismissalGround[];

/** The ruling: confirm the agreement valid, or dismiss with a ground (民诉解释 358) and a reason; then its download. */
export function DecisionCard({ c, mine, onChanged }: { c: StaffCaseView; mine: boolean; onChanged: (c: StaffCaseView) => void }) {
  const { t, language } = useI18n();
  // A ruling takes effect once issued: each outcome is asked for once more, in a dialog naming the case.
  const [confirming, setConfirming] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [ground, setGround] = useState<DismissalGround>('unclear');
  const [reason, setReason] = useState('');
  const { busy, error, run } = useApiAction();
  const confirmation = c.confirmation;
  if (!confirmation?.acceptedAt) return null;

  if (confirmation.outcome) {
    return (
      <section className="card" aria-labelledby="decision-title" data-testid="decision">
        <h2 id="decision-title">{t('confirmation.decisionTitle')}</h2>
        <p data-testid="decision-outcome" data-outcome={confirmation.outcome}>
          {confirmation.outcome === 'confirmed'
            ? t('confirmation.decidedConfirmed', { at: formatTime(confirmation.decidedAt ?? '', language) })
            : t('confirmation.decidedRejected', { at: formatTime(confirmation.decidedAt ?? '', language), reason: confirmation.rejection?.reason ?? '' })}
        </p>
        <AgreementDownloads who="staff" items={[{ path: rulingPath(c.caseId), fileName: `${c.caseNumber}-民事裁定书.pdf`, label: 'confirmation.downloadRuling', testId: 'download-ruling' }]} />
      </section>
    );
  }
  if (!mine) return null;
  const about = { caseNumber: c.caseNumber, title: c.title };

  const decide = async (request: DecisionRequest) => {
    const next = await run(() => judgeConfirmationApi.decide(c.caseId, request));
    if (!next) return;
    onChanged(next);
    setConfirming(false);
    setRejecting(false);
  };

  return (
    <section className="card" aria-labelledby="decision-title" data-testid="decision">
      <h2 id="decision-title">{t('confirmation.decisionTitle')}</h2>
      <div className="confirmation-actions">
        <button type="button" className="button" disabled={busy} onClick={() => setConfirming(true)} data-testid="decide-confirm">
          {t('confirmation.confirm')}
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={() => setRejecting(true)} data-testid="decide-reject">
          {t('confirmation.reject')}
        </button>
      </div>
      {!rejecting && !confirming && <ErrorNotice error={error} />}
      {confirming && (
        <ConfirmDialog
          title={t('confirmation.confirmAsk.title')}
          confirmLabel={t('confirmation.confirmAsk.confirm')}
          busy={busy}
          onConfirm={() => void decide({ outcome: 'confirmed' })}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('confirmation.confirmAsk.body', about)}</p>
          <ErrorNotice error={error} />
        </ConfirmDialog>
      )}
      {rejecting && (
        <ConfirmDialog
          title={t('confirmation.reject')}
          confirmLabel={t('confirmation.rejectConfirm')}
          danger
          busy={busy}
          onConfirm={() => void (reason.trim() ? decide({ outcome: 'rejected', ground, reason: reason.trim() }) : undefined)}
          onCancel={() => setRejecting(false)}
        >
          <p>{t('confirmation.rejectAsk.body', about)}</p>
          <label className="field">
            {t('confirmation.ground')}
            <select name="ground" value={ground} onChange={(e) => setGround(e.target.value as DismissalGround)}>
              {GROUNDS.map((g) => (
                <option key={g} value={g}>
                  {DISMISSAL_GROUNDS[g]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('confirmation.reason')}
            <textarea name="rejectReason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} required />
          </label>
          <ErrorNotice error={error} />
        </ConfirmDialog>
      )}
    </section>
  );
}
