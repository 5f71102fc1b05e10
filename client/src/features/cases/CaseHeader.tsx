import type { StaffCaseView } from '../../api/api-types.ts';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { OverdueBadge, StatusBadge } from './StatusBadge.tsx';

export function CaseHeader({ c }: { c: StaffCaseView }) {
  const { t, language } = useI18n();
  const mediator = c.mediator;
  return (
    <section className="card case-header">
      <p className="case-number">{c.caseNumber}</p>
      <h1>{c.title}</h1>
      <dl className="facts">
        <div>
          <dt>{t('case.status')}</dt>
          <dd>
            <StatusBadge status={c.status} /> {c.acceptanceOverdue && <OverdueBadge />}
          </dd>
        </div>
        <div>
          <dt>{t('case.tier')}</dt>
          <dd>{t(`tier.${c.tier}`)}</dd>
        </div>
        <div>
          <dt>{t('case.mediator')}</dt>
          <dd data-testid="case-mediator">
            {!mediator ? t('case.noMediator') : mediator.acceptedAt ? mediator.name : t('case.mediatorPending', { name: mediator.name })}
          </dd>
        </div>
        {mediator && !mediator.acceptedAt && (
          <div>
            <dt>{t('case.acceptBy')}</dt>
            <dd>
              {formatTime(mediator.acceptBy, language)} {c.acceptanceOverdue && <span className="badge overdue">{t('case.overdue')}</span>}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('case.disputeType')}</dt>
          <dd>{t(`dispute.${c.disputeType}`)}</dd>
        </div>
        <div>
          <dt>{t('case.channel')}</dt>
          <dd>{t(`channel.${c.channel}`)}</dd>
        </div>
        {c.externalRef && (
          <div>
            <dt>{t('case.externalRef')}</dt>
            <dd>{c.externalRef}</dd>
          </div>
        )}
        <div>
          <dt>{t('case.area')}</dt>
          <dd>{[c.areaCode, c.grid].filter(Boolean).join(' · ')}</dd>
        </div>
        <div>
          <dt>{t('case.openedAt')}</dt>
          <dd>{formatTime(c.openedAt, language)}</dd>
        </div>
      </dl>
      <h2 className="sub">{t('case.summary')}</h2>
      <p className="summary">{c.summary}</p>
    </section>
  );
}
