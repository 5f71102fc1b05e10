import { useApiData } from '../../api/use-api-data.ts';
import type { StaffCaseView } from '../../api/api-types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { staffRequest } from '../../api/staff-client.ts';
import type { WarningView } from './warning-api.ts';

/*
 * Nothing here is shared with the warning pages at run time (types only): the case page's chunk
 * stays self-contained, and the list of chunks every visitor's first download names stays short.
 */

/** On the case page (#15): the other reports of this dispute, through which channels, and why they were linked. */
export function LinkedHistoryCard({ c }: { c: StaffCaseView }) {
  const { t, language } = useI18n();
  // Refetched when the case's warning changes (its level event moves lastSeq on).
  const linked = useApiData(`linked:${c.caseId}:${c.warning?.level ?? 'none'}:${c.warning?.sightings ?? 0}`, () => staffRequest<{ warning?: WarningView }>('GET', `/cases/${encodeURIComponent(c.caseId)}/linked-history`));
  const warning = linked.data?.warning;
  const others = warning?.cases.filter((other) => other.caseId !== c.caseId) ?? [];
  const reasonsWith = (otherId: string) =>
    [...new Set((warning?.matches ?? []).filter((m) => (m.caseId === c.caseId && m.withCaseId === otherId) || (m.caseId === otherId && m.withCaseId === c.caseId)).flatMap((m) => m.reasons))];
  return (
    <section className="card" aria-labelledby="linked-title" data-testid="linked-history">
      <h2 id="linked-title">{t('linked.title')}</h2>
      <ErrorNotice error={linked.error} />
      {warning && (
        <p>
          <strong data-testid="warning-level" data-level={warning.level}>
            {t('linked.level', { level: t(`warningLevel.${warning.level}`) })}
          </strong>
        </p>
      )}
      {linked.data && others.length === 0 && <p className="muted">{t('linked.none')}</p>}
      {others.length > 0 && (
        <ul>
          {others.map((other) => {
            const reasons = reasonsWith(other.caseId);
            return (
              <li key={other.caseId}>
                <Link href={`/cases/${encodeURIComponent(other.caseId)}`}>{t('linked.case', { number: other.caseNumber, channel: t(`channel.${other.channel}`), date: formatTime(other.openedAt, language) })}</Link>
                {other.externalRef && <> · {other.externalRef}</>}
                {reasons.length > 0 && <div className="muted">{t('linked.why', { reasons: reasons.map((r) => t(`matchReason.${r}`)).join('、') })}</div>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
