import type { ReactNode } from 'react';
import type { SessionKind } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import type { RoomOutcome as Outcome } from './room-controller.ts';
import { forKind } from './session-kind.ts';
import { PageHeading } from '../../components/PageHeading.tsx';

interface RoomOutcomeProps {
  outcome: Outcome;
  kind?: SessionKind | undefined;
  /** The explanation, when this member's role needs its own words (the host's differ from a resident's). */
  body?: MessageKey | undefined;
  onRejoin?: (() => void) | undefined;
  /** What this member can do next. */
  children?: ReactNode;
}

/** The end of this member's time in the room: removed, session ended, or left; in a hearing, worded for the court. */
export function RoomOutcome({ outcome, kind, body, onRejoin, children }: RoomOutcomeProps) {
  const { t } = useI18n();
  return (
    <section className="card room-outcome" role="status" data-outcome={outcome} data-testid="room-outcome">
      <PageHeading>{t(forKind(`room.outcome.${outcome}.title`, kind))}</PageHeading>
      <p>{t(body ?? forKind(`room.outcome.${outcome}.body`, kind))}</p>
      {outcome === 'left' && onRejoin && (
        <button type="button" className="button big" onClick={onRejoin}>
          {t('room.outcome.rejoin')}
        </button>
      )}
      {children}
    </section>
  );
}
