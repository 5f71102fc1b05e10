import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { applicationApi } from './application-api.ts';
import './apply.css';

/** /mediators: the public directory of mediation organisations and the mediators who opted in. */
export function MediatorDirectoryPage() {
  const { t } = useI18n();
  const data = useApiData('public-directory', () => applicationApi.directory());
  return (
    <div className="resident-page mediator-directory">
      <section className="card resident-card">
        <PageHeading className="resident-title">{t('directory.title')}</PageHeading>
        <p className="notice">{t('directory.free')}</p>
        {!data.data && !data.error && <p>{t('directory.loading')}</p>}
        <ErrorNotice error={data.error} />
        {data.data?.orgs.map((org) => (
          <section key={org.orgId} className="directory-org" aria-labelledby={`org-${org.orgId}`}>
            <h2 id={`org-${org.orgId}`}>{org.name}</h2>
            {org.mediators.length === 0 && <p className="muted">{t('directory.none')}</p>}
            <ul>
              {org.mediators.map((m) => (
                <li key={m.accountId}>
                  <strong>{m.name}</strong> · {t('directory.speciality', { speciality: m.speciality })}
                  {m.introduction && <p className="muted">{m.introduction}</p>}
                  <Link href={`/apply?org=${encodeURIComponent(org.orgId)}&mediator=${encodeURIComponent(m.accountId)}`}>{t('directory.applyWith', { name: m.name })}</Link>
                </li>
              ))}
            </ul>
            <Link href={`/apply?org=${encodeURIComponent(org.orgId)}`} className="button secondary">
              {t('directory.apply')}
            </Link>
          </section>
        ))}
      </section>
    </div>
  );
}
