import { useState, type FormEvent } from 'react';
import type { StaffCaseView } from '../../api/api-types.ts';
import { casesApi } from '../../api/cases-api.ts';
import { useApiAction } from '../../api/use-api-action.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { dispatchApi } from './dispatch-api.ts';
import './dispatch.css';
import '../cases/staff-pages.css';

/** /dispatch (派单 · 一窗分流, #14): the centre's cases waiting at intake, each assigned here to a mediator of its organisation. */
export function DispatchPage() {
  const { t } = useI18n();
  const queue = useApiData('dispatch-queue', () => dispatchApi.queue());
  const orgs = useApiData('orgs', () => casesApi.orgs());
  const orgName = (orgId: string) => orgs.data?.find((o) => o.orgId === orgId)?.name ?? orgId;
  return (
    <section className="dispatch-page" aria-labelledby="dispatch-title">
      <PageHeading id="dispatch-title">{t('dispatch.title')}</PageHeading>
      <p className="muted">{t('dispatch.intro')}</p>
      <ErrorNotice error={queue.error} />
      {queue.loading && !queue.data && <p>{t('common.loading')}</p>}
      {queue.data?.length === 0 && <p className="card">{t('dispatch.empty')}</p>}
      <ul className="dispatch-list">
        {(queue.data ?? []).map((c) => (
          <DispatchRow key={c.caseId} c={c} orgName={orgName(c.orgId)} onAssigned={queue.reload} />
        ))}
      </ul>
    </section>
  );
}

function DispatchRow({ c, orgName, onAssigned }: { c: StaffCaseView; orgName: string; onAssigned: () => void }) {
  const { t } = useI18n();
  const mediators = useApiData(`mediators:${c.orgId}`, () => dispatchApi.mediators(c.orgId));
  const [mediatorId, setMediatorId] = useState('');
  const action = useApiAction();
  const [done, setDone] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!mediatorId) return;
    const next = await action.run(() => dispatchApi.assign(c.caseId, mediatorId));
    if (next?.mediator) {
      setDone(next.mediator.name);
      onAssigned();
    }
  };
  return (
    <li className="card dispatch-row" data-testid="dispatch-row" data-case-id={c.caseId}>
      <h2>
        <Link href={`/cases/${encodeURIComponent(c.caseId)}`}>{c.title}</Link>
      </h2>
      <p className="muted">
        {c.caseNumber} · {t(`channel.${c.channel}`)} · {t('dispatch.org', { org: orgName })}
      </p>
      {c.mediator && <p>{t('dispatch.assignedTo', { name: c.mediator.name })}</p>}
      {done && <p role="status">{t('dispatch.assigned', { name: done })}</p>}
      {mediators.data?.length === 0 ? (
        <p className="muted">{t('dispatch.noMediators')}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field label={t('dispatch.mediator')}>
            <select name="dispatchMediator" value={mediatorId} onChange={(e) => setMediatorId(e.target.value)}>
              <option value="">{t('common.choose')}</option>
              {(mediators.data ?? []).map((m) => (
                <option key={m.accountId} value={m.accountId}>
                  {m.displayName}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" className="button" disabled={!mediatorId || action.busy} data-testid="dispatch-assign">
            {t('dispatch.assign')}
          </button>
        </form>
      )}
      <ErrorNotice error={action.error ?? mediators.error} />
    </li>
  );
}
