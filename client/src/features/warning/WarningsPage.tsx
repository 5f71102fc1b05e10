import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { Link } from '../../router/Link.tsx';
import { LevelBadge } from './LevelBadge.tsx';
import { warningApi, type WarningView } from './warning-api.ts';
import '../cases/staff-pages.css';
import './warning.css';

/** /warnings (#15): disputes reported again and again, highest level first, with why their reports were linked. */
export function WarningsPage() {
  const { t } = useI18n();
  const warnings = useApiData('warnings', () => warningApi.list());
  return (
    <section aria-labelledby="warnings-title">
      <PageHeading id="warnings-title">{t('warnings.title')}</PageHeading>
      <p className="muted">{t('warnings.intro')}</p>
      <nav className="warning-nav" aria-label={t('warnings.title')}>
        <Link href="/dashboard/warnings/areas">{t('warnings.areasLink')}</Link>
        <Link href="/dashboard/work-orders">{t('warnings.workOrdersLink')}</Link>
      </nav>
      <ErrorNotice error={warnings.error} />
      {warnings.loading && !warnings.data && <p>{t('common.loading')}</p>}
      {warnings.data?.length === 0 && <p className="card">{t('warnings.empty')}</p>}
      <ul className="warning-list">
        {(warnings.data ?? []).map((w) => (
          <WarningRow key={w.warningId} w={w} />
        ))}
      </ul>
    </section>
  );
}

function WarningRow({ w }: { w: WarningView }) {
  const { t, language } = useI18n();
  const numberOf = (caseId: string) => w.cases.find((c) => c.caseId === caseId)?.caseNumber ?? caseId;
  return (
    <li className="card warning-row" data-testid="warning-row" data-warning-id={w.warningId}>
      <h2>
        <LevelBadge level={w.level} />
        <span>
          {t(`dispute.${w.disputeType}`)} · {w.areaName}
        </span>
      </h2>
      <p>
        {t('warnings.count', { count: String(w.sightings) })} · {t('warnings.channels', { channels: w.channels.map((c) => t(`channel.${c}`)).join('、') })}
        {w.escalated && <> · {t('warnings.escalated')}</>}
      </p>
      {w.riskWords.length > 0 && <p>{t('warnings.riskWords', { words: w.riskWords.join('、') })}</p>}
      <h3 className="sub">{t('warnings.cases')}</h3>
      <ul>
        {w.cases.map((c) => (
          <li key={c.caseId}>
            <Link href={`/cases/${encodeURIComponent(c.caseId)}`}>{c.caseNumber}</Link> · {t(`channel.${c.channel}`)}
            {c.externalRef && <> · {c.externalRef}</>} · {formatTime(c.openedAt, language)}
          </li>
        ))}
      </ul>
      {w.matches.length > 0 && (
        <>
          <h3 className="sub">{t('warnings.why')}</h3>
          <ul data-testid="warning-reasons">
            {w.matches.map((m) => (
              <li key={`${m.caseId}-${m.withCaseId}`}>
                {numberOf(m.caseId)} ↔ {numberOf(m.withCaseId)}：{m.reasons.map((r) => t(`matchReason.${r}`)).join('、')}
              </li>
            ))}
          </ul>
        </>
      )}
      {w.workOrderId && (
        <p>
          <Link href={`/dashboard/work-orders/${encodeURIComponent(w.workOrderId)}`}>{t('warnings.workOrder')}</Link>
        </p>
      )}
    </li>
  );
}
