import type { CaseStatus } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge status-${status}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

export function OverdueBadge() {
  const { t } = useI18n();
  return <span className="badge overdue">{t('cases.overdue')}</span>;
}
