import type { WarningLevel } from '../../../../server/domain/warning-levels.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import './warning.css';

/** The level as a coloured badge with its name: the colour is never the only sign. */
export function LevelBadge({ level }: { level: WarningLevel }) {
  const { t } = useI18n();
  return (
    <span className={`badge level level-${level}`} data-testid="warning-level" data-level={level}>
      {t(`warningLevel.${level}`)}
    </span>
  );
}
