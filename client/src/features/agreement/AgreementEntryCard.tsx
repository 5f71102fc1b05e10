import type { AccountView } from '@protocol';
import type { StaffCaseView } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Link } from '../../router/Link.tsx';

const BEFORE_DRAFT: readonly StaffCaseView['status'][] = ['accepted', 'scheduled', 'in_session'];

/** What the card offers: the assigned mediator drafts and signs; other staff read an agreement that exists. */
function entryOf(account: AccountView, c: StaffCaseView): { label: MessageKey; hint: MessageKey } | undefined {
  const mine = c.mediator?.accountId === account.accountId && !!c.mediator.acceptedAt;
  if (mine) {
    if (BEFORE_DRAFT.includes(c.status)) return { label: 'agreementEntry.draft', hint: 'agreementEntry.hintDraft' };
    if (c.status === 'drafting') return { label: 'agreementEntry.continue', hint: 'agreementEntry.hintDraft' };
    if (c.status === 'signing') return { label: 'agreementEntry.signing', hint: 'agreementEntry.hintSigning' };
  }
  if (!c.agreement) return undefined;
  if (c.agreement.effectiveAt) return { label: 'agreementEntry.view', hint: 'agreementEntry.hintSigned' };
  return { label: 'agreementEntry.view', hint: mine ? 'agreementEntry.hintDraft' : 'agreementEntry.hintRead' };
}

/** The way from the case page to its mediation agreement. */
export function AgreementEntryCard({ c, account }: { c: StaffCaseView; account: AccountView }) {
  const { t } = useI18n();
  const entry = entryOf(account, c);
  if (!entry) return null;
  return (
    <section className="card agreement-entry" aria-labelledby="agreement-entry-title">
      <h2 id="agreement-entry-title">{t('agreementEntry.title')}</h2>
      <p className="muted">{t(entry.hint)}</p>
      <Link href={`/cases/${encodeURIComponent(c.caseId)}/agreement`} className="button" data-testid="open-agreement">
        {t(entry.label)}
      </Link>
    </section>
  );
}
