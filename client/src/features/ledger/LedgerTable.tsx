import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { StatusBadge } from '../cases/StatusBadge.tsx';
import { chinaDate } from './china-date.ts';
import type { LedgerRow } from './ledger-api.ts';

/** The follow-up cell: due (highlighted) or planned, else the last recorded performance; and satisfaction answers. */
function FollowUpCell({ row }: { row: LedgerRow }) {
  const { t } = useI18n();
  return (
    <>
      {row.followUpDueDate && (
        <span className={row.followUpDue ? 'badge overdue' : 'badge'} data-testid="follow-up-due">
          {t(row.followUpDue ? 'ledger.dueOn' : 'ledger.plannedFor', { date: row.followUpDueDate })}
        </span>
      )}{' '}
      {row.performance && <span className="badge">{t(`performance.${row.performance}`)}</span>}{' '}
      {row.surveysAnswered > 0 && <span className="badge">{t('ledger.satisfaction', { satisfied: row.satisfied, answered: row.surveysAnswered })}</span>}
    </>
  );
}

interface LedgerTableProps {
  rows: LedgerRow[];
  /** Without actions: the print view. */
  onClose?: (row: LedgerRow) => void;
}

export function LedgerTable({ rows, onClose }: LedgerTableProps) {
  const { t } = useI18n();
  return (
    <table className="cases-table ledger-table" data-testid="ledger-table">
      <thead>
        <tr>
          <th>{t('ledger.col.number')}</th>
          <th>{t('ledger.col.title')}</th>
          <th>{t('ledger.col.channel')}</th>
          <th>{t('ledger.col.type')}</th>
          <th>{t('ledger.col.area')}</th>
          <th>{t('ledger.col.mediator')}</th>
          <th>{t('ledger.col.status')}</th>
          <th>{t('ledger.col.received')}</th>
          <th>{t('ledger.col.followUp')}</th>
          {onClose && <th>{t('ledger.col.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.caseId} data-case-id={row.caseId} data-status={row.status}>
            <td data-label={t('ledger.col.number')}>{row.caseNumber}</td>
            <td data-label={t('ledger.col.title')}>{onClose ? <Link href={`/cases/${encodeURIComponent(row.caseId)}`}>{row.title}</Link> : row.title}</td>
            <td data-label={t('ledger.col.channel')}>{t(`channel.${row.channel}`)}</td>
            <td data-label={t('ledger.col.type')}>{t(`dispute.${row.disputeType}`)}</td>
            <td data-label={t('ledger.col.area')}>
              <span data-testid="area-name">{row.areaName}</span> <small className="muted">{row.areaCode}</small>
            </td>
            <td data-label={t('ledger.col.mediator')}>{row.mediatorName ?? <span className="muted">{t('ledger.unassigned')}</span>}</td>
            <td data-label={t('ledger.col.status')}>
              <StatusBadge status={row.status} />
              {row.closedReason && (
                <p className="closed-reason" data-testid="closed-reason">
                  {t('ledger.closedBecause', { reason: t(`closeReason.${row.closedReason as 'withdrawn'}`), note: row.closedNote ?? '' })}
                </p>
              )}
            </td>
            <td data-label={t('ledger.col.received')}>{chinaDate(row.receivedAt)}</td>
            <td data-label={t('ledger.col.followUp')}>
              <FollowUpCell row={row} />
            </td>
            {onClose && (
              <td data-label={t('ledger.col.actions')} className="ledger-actions">
                {row.agreementEffectiveAt && (
                  <Link href={`/cases/${encodeURIComponent(row.caseId)}/follow-up`} className="button small secondary">
                    {t('ledger.followUpLink')}
                  </Link>
                )}
                {row.canManage && row.status !== 'closed' && (
                  <button type="button" className="button small secondary" onClick={() => onClose(row)}>
                    {t('ledger.close')}
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
