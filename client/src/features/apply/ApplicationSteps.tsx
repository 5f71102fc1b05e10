import type { ApplicationStatusView } from '@protocol';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

/** 已提交 → 已受理/不予受理 → 已联系对方 → 已排期 → 调解中 → 结案, each with where it stands. */
export function ApplicationSteps({ view }: { view: ApplicationStatusView }) {
  const { t, language } = useI18n();
  const label = (step: ApplicationStatusView['steps'][number]): MessageKey => {
    if (step.status === 'refused' && step.key === 'accepted') return 'applyStatus.step.notAccepted';
    if (step.status === 'refused' && step.key === 'respondent_contacted') return 'applyStatus.step.respondentRefused';
    return `applyStatus.step.${step.key}`;
  };
  return (
    <ol className="application-steps" data-testid="application-steps">
      {view.steps.map((step) => (
        <li key={step.key} className={step.status} data-step={step.key} data-status={step.status} aria-current={step.status === 'current' ? 'step' : undefined}>
          <span>
            {t(label(step))}
            {step.at && step.status !== 'pending' && (
              <>
                {' '}
                <time dateTime={step.at} className="muted">
                  {formatTime(step.at, language)}
                </time>
              </>
            )}
          </span>
          <span className="step-state">{t(`applyStatus.state.${step.status}`)}</span>
        </li>
      ))}
    </ol>
  );
}
