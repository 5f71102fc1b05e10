import type { SessionKind } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** The title of one step before entering the room, and how far along the resident is. */
export function StepHeader({ title, step, total, kind }: { title: string; step: number; total: number; kind?: SessionKind | undefined }) {
  const { t } = useI18n();
  return (
    <header className="step-header">
      {kind === 'hearing' && <HearingHeading />}
      <p className="step-progress">{t('steps.progress', { n: step, total })}</p>
      <h1 className="resident-title">{title}</h1>
    </header>
  );
}

/** "司法确认询问" over each screen of a hearing's entrance: the court's, not the mediator's. */
export function HearingHeading() {
  const { t } = useI18n();
  return (
    <p className="hearing-heading" data-testid="hearing-heading">
      {t('waiting.hearing.heading')}
    </p>
  );
}
