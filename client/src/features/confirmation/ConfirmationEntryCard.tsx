import type { AccountView } from '@protocol';
import type { StaffCaseView } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';

/** On the staff case page, for judges (and admins, who may reassign): once the parties have applied, the way to the review page. */
export function ConfirmationEntryCard({ c, account }: { c: StaffCaseView; account: AccountView }) {
  const { t } = useI18n();
  if ((account.role !== 'judge' && account.role !== 'admin') || !c.confirmation?.requestedAt) return null;
  return (
    <section className="card" aria-labelledby="confirmation-entry-title" data-testid="confirmation-entry">
      <h2 id="confirmation-entry-title">{t('confirmation.caseCard')}</h2>
      <p className="muted">{t('confirmation.caseCardHint')}</p>
      <Link href={`/cases/${encodeURIComponent(c.caseId)}/confirmation`} className="button">
        {t('confirmation.openReview')}
      </Link>
    </section>
  );
}
