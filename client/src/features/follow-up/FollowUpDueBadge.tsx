import type { CaseState } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { chinaDate } from '../ledger/china-date.ts';

/** On the case list: a follow-up (回访) whose day has come and that is not recorded yet. */
export function FollowUpDueBadge({ state }: { state: Pick<CaseState, 'followUps'> }) {
  const { t } = useI18n();
  const today = chinaDate(new Date().toISOString());
  const due = state.followUps?.some((f) => !f.recorded && f.dueDate <= today);
  return due ? (
    <span className="badge overdue" data-testid="follow-up-due-badge">
      {t('followUp.dueBadge')}
    </span>
  ) : null;
}
