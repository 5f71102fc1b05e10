import { useState, type FormEvent } from 'react';
import { casesApi } from '../../api/cases-api.ts';
import { useApiAction } from '../../api/use-api-action.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useStaffSession } from '../../api/use-staff-session.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { LevelBadge } from './LevelBadge.tsx';
import { warningApi, type WorkOrderView } from './warning-api.ts';
import '../cases/staff-pages.css';
import './warning.css';

/** /work-orders/:id (#15): one work order, its history, and what the viewer may do: 督办 (remind, escalate) or accept and resolve. */
export function WorkOrderPage({ workOrderId }: { workOrderId: string }) {
  const { t, language } = useI18n();
  const account = useStaffSession()?.account;
  const order = useApiData(`work-order:${workOrderId}`, () => warningApi.workOrder(workOrderId));
  const orgs = useApiData('orgs', () => casesApi.orgs());
  const orgName = (orgId: string) => orgs.data?.find((o) => o.orgId === orgId)?.name ?? orgId;
  const o = order.data;
  const supervises = !!account && !!o && o.status !== 'resolved' && (account.role === 'admin' || account.role === 'centre_staff');
  const handles = !!account && !!o && o.status !== 'resolved' && (account.role === 'mediator' || account.role === 'centre_staff') && account.orgId === o.orgId;
  return (
    <section aria-labelledby="work-order-title">
      <p>
        <Link href="/dashboard/work-orders">{t('workOrder.back')}</Link>
      </p>
      <PageHeading id="work-order-title">{t('workOrder.title')}</PageHeading>
      <ErrorNotice error={order.error} />
      {!o && order.loading && <p>{t('common.loading')}</p>}
      {o && (
        <>
          <div className="card" data-testid="work-order" data-status={o.status} data-overdue={o.overdueAt ? 'true' : 'false'}>
            <p>
              <LevelBadge level={o.level} /> {t(`dispute.${o.disputeType}`)} · {o.areaName}
            </p>
            <p data-testid="work-order-status">
              {t(`workOrders.status.${o.status}`)} · {t('workOrders.org', { org: orgName(o.orgId) })} · {t('workOrders.due', { time: formatTime(o.dueAt, language) })}
              {o.overdueAt && o.status !== 'resolved' && <span className="badge overdue">{t('workOrders.overdue')}</span>}
            </p>
            <h2 className="sub">{t('workOrder.cases')}</h2>
            <ul>
              {o.cases.map((c) => (
                <li key={c.caseId}>
                  <Link href={`/cases/${encodeURIComponent(c.caseId)}`}>{c.caseNumber}</Link> · {t(`channel.${c.channel}`)}
                  {c.externalRef && <> · {c.externalRef}</>}
                </li>
              ))}
            </ul>
            <h2 className="sub">{t('workOrder.history')}</h2>
            <ul data-testid="work-order-history">
              {o.reminders.map((r) => (
                <li key={`r-${r.at}`}>
                  {formatTime(r.at, language)} {t('workOrder.reminded', { note: r.note, by: r.by })}
                </li>
              ))}
              {o.escalations.map((e) => (
                <li key={`e-${e.at}`}>
                  {formatTime(e.at, language)} {t('workOrder.escalated', { from: orgName(e.fromOrgId), to: orgName(e.toOrgId), reason: e.reason })}
                </li>
              ))}
              {o.resolved && <li>{formatTime(o.resolved.at, language)} {t('workOrder.resolved', { outcome: o.resolved.outcome })}</li>}
            </ul>
          </div>
          {(supervises || handles) && <WorkOrderActions o={o} supervises={supervises} handles={handles} onChanged={order.reload} />}
        </>
      )}
    </section>
  );
}

function WorkOrderActions({ o, supervises, handles, onChanged }: { o: WorkOrderView; supervises: boolean; handles: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const action = useApiAction();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState('');
  const [done, setDone] = useState(false);
  const run = (call: () => Promise<WorkOrderView>, reset: () => void) => async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (await action.run(call)) {
      reset();
      setDone(true);
      onChanged();
    }
  };
  return (
    <div className="card work-order-actions">
      {done && <p role="status">{t('workOrder.done')}</p>}
      <ErrorNotice error={action.error} />
      {handles && o.status === 'open' && (
        <form onSubmit={(e) => void run(() => warningApi.accept(o.workOrderId), () => undefined)(e)}>
          <button type="submit" className="button" disabled={action.busy}>
            {t('workOrder.accept')}
          </button>
        </form>
      )}
      {handles && o.status === 'accepted' && (
        <form onSubmit={(e) => void run(() => warningApi.resolve(o.workOrderId, outcome), () => setOutcome(''))(e)} noValidate>
          <Field label={t('workOrder.outcome')}>
            <textarea name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)} rows={3} maxLength={2000} />
          </Field>
          <button type="submit" className="button" disabled={action.busy || !outcome.trim()}>
            {t('workOrder.resolve')}
          </button>
        </form>
      )}
      {supervises && (
        <form onSubmit={(e) => void run(() => warningApi.remind(o.workOrderId, note), () => setNote(''))(e)} noValidate>
          <Field label={t('workOrder.remindNote')}>
            <input name="remindNote" value={note} onChange={(e) => setNote(e.target.value)} maxLength={300} />
          </Field>
          <button type="submit" className="button secondary" disabled={action.busy || !note.trim()}>
            {t('workOrder.remind')}
          </button>
        </form>
      )}
      {supervises && (
        <form onSubmit={(e) => void run(() => warningApi.escalate(o.workOrderId, reason), () => setReason(''))(e)} noValidate>
          <Field label={t('workOrder.escalateReason')}>
            <input name="escalateReason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </Field>
          <button type="submit" className="button secondary" disabled={action.busy || !reason.trim()}>
            {t('workOrder.escalate')}
          </button>
        </form>
      )}
    </div>
  );
}
