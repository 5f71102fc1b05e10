import type { ResidentCaseView } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';

const READABLE: readonly ResidentCaseView['status'][] = ['drafting', 'signed', 'confirmation_requested', 'confirmed', 'rejected'];

/** On the resident's case card: read the draft, sign the agreement, or fetch the signed copy. */
export function ResidentAgreementLink({ status }: { status: ResidentCaseView['status'] }) {
  const { t } = useI18n();
  if (status === 'signing') {
    return (
      <>
        <Link href="/agreement" className="button big" data-testid="open-agreement">
          {t('residentAgreement.link.sign')}
        </Link>
        <p className="muted">{t('residentAgreement.link.signHint')}</p>
      </>
    );
  }
  if (!READABLE.includes(status)) return null;
  return (
    <Link href="/agreement" className="button big secondary" data-testid="open-agreement">
      {t('residentAgreement.link.view')}
    </Link>
  );
}
