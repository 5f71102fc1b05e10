import type { StaffCaseView } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import './apply.css';

/** In the case list: a resident's application still waiting on the organisation or the respondent. */
export function ApplicationBadge({ c }: { c: StaffCaseView }) {
  const { t } = useI18n();
  const stage = c.application?.stage;
  if (c.status !== 'intake' || (stage !== 'submitted' && stage !== 'accepted' && stage !== 'respondent_contacted')) return null;
  // The space before it only when it shows, so other cases' cells read as before.
  return (
    <>
      {' '}
      <span className="badge application-waiting" data-testid="application-badge">
        {t(stage === 'submitted' ? 'application.badge.decide' : 'application.badge.respondent')}
      </span>
    </>
  );
}
