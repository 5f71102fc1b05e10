import { useState } from 'react';
import { useApiAction } from '../../api/use-api-action.ts';
import type { StaffCaseView } from '../../api/api-types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { currentHearing, judgeConfirmationApi } from './confirmation-api.ts';

/** `2026-11-25T09:00` for a datetime-local field: the next quarter hour, China time. */
function nextQuarterHourInChina(now = Date.now()): string {
  const quarter = 15 * 60_000;
  const next = Math.ceil((now + quarter) / quarter) * quarter;
  return new Date(next + 8 * 3600_000).toISOString().slice(0, 16);
}

/** The judge schedules the verification hearing and enters its room; everyone sees when it is. */
export function HearingScheduleCard({ c, mine, onChanged }: { c: StaffCaseView; mine: boolean; onChanged: (c: StaffCaseView) => void }) {
  const { t, language } = useI18n();
  const [at, setAt] = useState(() => nextQuarterHourInChina());
  const { busy, error, run } = useApiAction();
  const confirmation = c.confirmation;
  if (!confirmation?.acceptedAt) return null;
  const hearing = currentHearing(c);
  const canSchedule = mine && !confirmation.outcome && !confirmation.hearing && hearing?.status !== 'live' && hearing?.status !== 'scheduled';

  const schedule = async () => {
    // The field is read as China time, whatever the judge's device is set to.
    const next = await run(() => judgeConfirmationApi.scheduleHearing(c.caseId, new Date(`${at}:00+08:00`).toISOString()));
    if (next) onChanged(next);
  };

  return (
    <section className="card" aria-labelledby="hearing-schedule-title" data-testid="hearing-schedule">
      <h2 id="hearing-schedule-title">{t('confirmation.scheduleTitle')}</h2>
      {hearing ? (
        <p data-testid="hearing-status">
          {hearing.status === 'live' ? t('confirmation.hearingLive') : hearing.status === 'ended' ? t('confirmation.hearingEnded') : t('confirmation.scheduledAt', { at: formatTime(hearing.startsAt, language) })}
        </p>
      ) : (
        <p className="muted">{t('confirmation.scheduleHint')}</p>
      )}
      {mine && hearing && !confirmation.outcome && hearing.status !== 'ended' && (
        <Link href={`/cases/${encodeURIComponent(c.caseId)}/room`} className="button" data-testid="enter-hearing">
          {t('confirmation.enterHearing')}
        </Link>
      )}
      {canSchedule && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (at) void schedule();
          }}
        >
          <label className="field">
            {t('confirmation.scheduleAt')}
            <input type="datetime-local" name="hearingAt" value={at} onChange={(e) => setAt(e.target.value)} required />
          </label>
          <button type="submit" className="button" disabled={busy || !at}>
            {t('confirmation.schedule')}
          </button>
        </form>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}
