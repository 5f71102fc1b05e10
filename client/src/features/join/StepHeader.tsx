import { useI18n } from '../../i18n/i18n.tsx';

/** The title of one step before entering the room, and how far along the resident is. */
export function StepHeader({ title, step, total }: { title: string; step: number; total: number }) {
  const { t } = useI18n();
  return (
    <header className="step-header">
      <p className="step-progress">{t('steps.progress', { n: step, total })}</p>
      <h1 className="resident-title">{title}</h1>
    </header>
  );
}
