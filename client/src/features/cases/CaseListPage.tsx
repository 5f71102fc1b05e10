import { useState } from 'react';
import { CASE_STATUSES, type CaseStatus } from '../../api/api-types.ts';
import { casesApi } from '../../api/cases-api.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useStaffSession } from '../../api/use-staff-session.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApplicationBadge } from '../apply/ApplicationBadge.tsx';
import { Link } from '../../router/Link.tsx';
import { OverdueBadge, StatusBadge } from './StatusBadge.tsx';
import './staff-pages.css';
import { FollowUpDueBadge } from '../follow-up/FollowUpDueBadge.tsx';
import { StaffNotices } from '../dispatch/StaffNotices.tsx';

function isCaseStatus(value: string | null): value is CaseStatus {
  return !!value && (CASE_STATUSES as readonly string[]).includes(value);
}

export function CaseListPage() {
  const { t, language } = useI18n();
  const account = useStaffSession()?.account;
  const [status, setStatus] = useState<CaseStatus | undefined>(() => {
    const fromUrl = new URLSearchParams(window.location.search).get('status');
    return isCaseStatus(fromUrl) ? fromUrl : undefined;
  });
  const cases = useApiData(`cases:${status ?? 'all'}`, () => casesApi.list(status));

  const chooseStatus = (value: string) => {
    const next = isCaseStatus(value) ? value : undefined;
    setStatus(next);
    // Kept in the address so a reload or a shared link shows the same filter.
    window.history.replaceState(null, '', next ? `/cases?status=${next}` : '/cases');
  };

  const rows = [...(cases.data ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <section className="case-list">
      <div className="page-title">
        <h1>{t('cases.title')}</h1>
        <Link href="/cases/new" className="button">
          {t('cases.new')}
        </Link>
        {/* Early warning (#15): here rather than in the header, which every resident downloads. */}
        {account && ['centre_staff', 'admin', 'mediator'].includes(account.role) && (
          <Link href="/dashboard/warnings" className="button secondary" data-testid="nav-warnings">
            {t('warnings.navLink')}
          </Link>
        )}
      </div>
      <div className="toolbar">
        <label className="inline-field">
          {t('cases.filterStatus')}
          <select value={status ?? ''} onChange={(e) => chooseStatus(e.target.value)} name="status">
            <option value="">{t('cases.allStatuses')}</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {cases.data && <span className="muted">{t('cases.count', { n: rows.length })}</span>}
      </div>
      <StaffNotices />
      <ErrorNotice error={cases.error} />
      {cases.loading && !cases.data && <p>{t('common.loading')}</p>}
      {cases.data && rows.length === 0 && <p className="card">{t('cases.empty')}</p>}
      {rows.length > 0 && (
        <table className="cases-table">
          <thead>
            <tr>
              <th>{t('cases.col.number')}</th>
              <th>{t('cases.col.title')}</th>
              <th>{t('cases.col.status')}</th>
              <th>{t('cases.col.disputeType')}</th>
              <th>{t('cases.col.mediator')}</th>
              <th>{t('cases.col.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.caseId} data-case-id={c.caseId}>
                <td data-label={t('cases.col.number')}>{c.caseNumber}</td>
                <td data-label={t('cases.col.title')}>
                  <Link href={`/cases/${encodeURIComponent(c.caseId)}`}>{c.title}</Link>
                </td>
                <td data-label={t('cases.col.status')}>
                  <StatusBadge status={c.status} /> {c.acceptanceOverdue && <OverdueBadge />} <FollowUpDueBadge state={c} />
                  <ApplicationBadge c={c} />
                </td>
                <td data-label={t('cases.col.disputeType')}>{t(`dispute.${c.disputeType}`)}</td>
                <td data-label={t('cases.col.mediator')}>{c.mediator?.name ?? <span className="muted">{t('cases.unassigned')}</span>}</td>
                <td data-label={t('cases.col.updated')}>{formatTime(c.updatedAt, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
