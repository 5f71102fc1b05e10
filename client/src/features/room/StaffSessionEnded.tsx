import type { RoomSnapshot } from '@protocol';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { RoomOutcome } from './RoomOutcome.tsx';
import { staffEnding } from './staff-ending.ts';

/** The session-ended screen for the mediator or judge: their own words, and the way back to their work. */
export function StaffSessionEnded({ snapshot }: { snapshot: RoomSnapshot }) {
  const { t } = useI18n();
  const ending = staffEnding(snapshot);
  return (
    <RoomOutcome outcome="ended" kind={snapshot.kind} body={ending.body}>
      <Link href={ending.next.href} className="button big" data-testid="session-end-next">
        {t(ending.next.label)}
      </Link>
    </RoomOutcome>
  );
}
