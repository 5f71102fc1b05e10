import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { StatusBadge } from '../cases/StatusBadge.tsx';
import { dispatchApi } from './dispatch-api.ts';
import './dispatch.css';
import '../cases/staff-pages.css';

/** /guided (指导案件, #14): the court's mediations escalated to the judge tier or asking for guidance; not the confirmation queue. */
export function GuidedCasesPage() {
  const { t } = useI18n();
  const guided = useApiData('guided-cases', () => dispatchApi.guided());
  return (
    <section className="guided-page" aria-labelledby="guided-title">
      <PageHeading id="guided-title">{t('guided.title')}</PageHeading>
      <p className="muted">{t('guided.intro')}</p>
      <ErrorNotice error={guided.error} />
      {guided.loading && !guided.data && <p>{t('common.loading')}</p>}
      {guided.data?.length === 0 && <p className="card">{t('guided.empty')}</p>}
      <ul className="dispatch-list">
        {(guided.data ?? []).map((c) => {
          const open = (c.guidance ?? []).filter((g) => !g.answer).length;
          return (
            <li key={c.caseId} className="card" data-testid="guided-row" data-case-id={c.caseId}>
              <h2>
                <Link href={`/cases/${encodeURIComponent(c.caseId)}`}>{c.title}</Link>
              </h2>
              <p className="muted">
                {c.caseNumber} · {t(`tier.${c.tier}`)} · {c.mediator?.name ?? t('cases.unassigned')}
              </p>
              <p>
                <StatusBadge status={c.status} /> {open > 0 && <span className="badge">{t('guided.openRequests', { n: open })}</span>}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
