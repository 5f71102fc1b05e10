import { useMemo } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import type { Actor, CaseEvent, ChainVerdict } from '../../api/api-types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { describeEvent, namesInLog } from './describe-event.ts';
import { VerificationBadge } from './VerificationBadge.tsx';

interface CaseTimelineProps {
  events: CaseEvent[] | undefined;
  verdict: ChainVerdict | undefined;
  error: ApiError | undefined;
}

/** The case log, oldest first, each record with its short hash, under the verdict on the whole chain. */
export function CaseTimeline({ events, verdict, error }: CaseTimelineProps) {
  const { t, language } = useI18n();
  const names = useMemo(() => namesInLog(events ?? []), [events]);
  const brokenAt = verdict && !verdict.valid ? verdict.brokenAtSeq : undefined;

  const actorName = (actor: Actor) => {
    switch (actor.kind) {
      case 'account':
        return t('timeline.actor', { name: actor.name, role: t(`role.${actor.role}`) });
      case 'resident':
        // 帮办: what was done on an assisting staff device names the assistant too.
        return actor.assistedBy
          ? `${t('timeline.resident', { name: actor.name })} · ${t('assist.by', { role: t(`assist.role.${actor.assistedBy.role}`), assistant: actor.assistedBy.name })}`
          : t('timeline.resident', { name: actor.name });
      case 'system':
        return t('timeline.system');
    }
  };

  return (
    <section className="card timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <VerificationBadge verdict={verdict} failed={!!error} />
      <p className="muted">{t('timeline.intro')}</p>
      <ErrorNotice error={error} />
      {events && events.length === 0 && <p className="muted">{t('timeline.empty')}</p>}
      <ol className="timeline-list">
        {(events ?? []).map((event) => {
          const detail = describeEvent(event, names, t, language);
          const broken = brokenAt !== undefined && event.seq >= brokenAt;
          return (
            <li key={event.seq} className={broken ? 'event broken' : 'event'} data-seq={event.seq} data-type={event.type}>
              <div className="event-meta">
                <span className="seq">#{event.seq}</span>
                <time dateTime={event.at}>{formatTime(event.at, language)}</time>
                <span className="actor">{actorName(event.actor)}</span>
              </div>
              <p className="event-title">{t(`event.${event.type}`)}</p>
              {detail && <p className="event-detail">{detail}</p>}
              <p className="hash">
                {t('timeline.hash')} <code title={event.hash}>{event.hash.slice(0, 8)}</code>
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
