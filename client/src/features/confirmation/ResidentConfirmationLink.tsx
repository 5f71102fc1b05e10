import type { ResidentCaseView } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';

const AFTER_SIGNING: readonly ResidentCaseView['status'][] = ['signed', 'confirmation_requested', 'confirmed', 'rejected'];

/** On the resident's case card: apply for judicial confirmation once the agreement is signed, then follow it. */
export function ResidentConfirmationLink({ view }: { view: ResidentCaseView }) {
  const { t } = useI18n();
  if (!AFTER_SIGNING.includes(view.status)) return null;
  const toApply = view.status === 'signed' && !view.confirmation?.appliedByMe;
  return (
    <Link href="/confirmation" className={toApply ? 'button big' : 'button big secondary'} data-testid="open-confirmation">
      {toApply ? t('confirmation.link') : t('confirmation.linkView')}
    </Link>
  );
}
