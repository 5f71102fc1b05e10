import type { ResidentCaseView } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AgreementDownloads } from '../agreement/AgreementDownloads.tsx';
import { rulingPath } from './confirmation-api.ts';

/** Where the application stands for this party, and the ruling once there is one. */
export function ResidentConfirmationStatus({ view }: { view: ResidentCaseView }) {
  const { t } = useI18n();
  const c = view.confirmation;
  if (!c) return null;
  const progress = c.outcome ? undefined : c.acceptedAt ? t('confirmation.accepted') : c.requestedAt ? t('confirmation.filed') : c.appliedByMe ? t('confirmation.waitingOther') : undefined;
  return (
    <div className="confirmation-status" data-testid="confirmation-status">
      {progress && <p className="notice">{progress}</p>}
      {c.outcome === 'confirmed' && <p className="notice prompt">{t('confirmation.confirmed')}</p>}
      {c.outcome === 'rejected' && <p className="notice error">{t('confirmation.rejected')}</p>}
      <p className="muted">{t('confirmation.statusLine', { status: t(`status.${view.status}`) })}</p>
      {c.outcome && (
        <AgreementDownloads
          who="resident"
          big
          items={[{ path: rulingPath(view.caseId), fileName: `${view.caseNumber}-民事裁定书.pdf`, label: 'confirmation.downloadRuling', testId: 'download-ruling' }]}
        />
      )}
    </div>
  );
}
