import type { ChainVerdict } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** The server's check of the hash chain: green when every link holds, red naming the first that does not. */
export function VerificationBadge({ verdict, failed }: { verdict: ChainVerdict | undefined; failed: boolean }) {
  const { t } = useI18n();
  if (!verdict) {
    return <p className="verify pending">{failed ? t('timeline.verifyFailed') : t('timeline.verifying')}</p>;
  }
  if (verdict.valid) {
    return (
      <p className="verify ok" data-testid="verify-badge" data-valid="true">
        <span aria-hidden="true">✓ </span>
        {t('timeline.verified', { n: verdict.length })}
      </p>
    );
  }
  return (
    <div className="verify broken" data-testid="verify-badge" data-valid="false" role="alert">
      <p>
        <span aria-hidden="true">✗ </span>
        {t('timeline.broken', { n: verdict.brokenAtSeq })}
      </p>
      <p className="reason">{t(`timeline.reason.${verdict.reason}`)}</p>
    </div>
  );
}
