import { useState } from 'react';
import { renewStaffAccess } from '../../api/staff-client.ts';
import { staffSession } from '../../api/staff-session.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { HostPanel } from './HostPanel.tsx';
import { InRoomView } from './InRoomView.tsx';
import { RoomOutcome } from './RoomOutcome.tsx';
import { StaffSessionEnded } from './StaffSessionEnded.tsx';
import { enterErrorKey } from './room-view.ts';
import { useRoomController } from './use-room-controller.ts';
import { EmbeddedPage } from '../../components/PageHeading.tsx';
import '../cases/staff-pages.css';

/** The mediator's (and the guiding judge's) room for one case. */
export function StaffRoomPage({ caseId }: { caseId: string }) {
  const [generation, setGeneration] = useState(0);
  return <StaffRoom key={generation} caseId={caseId} onRejoin={() => setGeneration((n) => n + 1)} />;
}

function StaffRoom({ caseId, onRejoin }: { caseId: string; onRejoin: () => void }) {
  const { t } = useI18n();
  const { controller, state } = useRoomController(`staff:${caseId}`, () => {
    // The token the last handshake carried: a refusal of it is renewed once, not a newer one again.
    let sent: string | undefined;
    return {
      caseId,
      mediaWanted: true,
      auth: () => {
        sent = staffSession.get()?.accessToken;
        return { kind: 'staff', accessToken: sent ?? '' };
      },
      renewAuth: () => renewStaffAccess(sent),
    };
  });
  const back = (
    <Link href={`/cases/${encodeURIComponent(caseId)}`} className="back-link">
      {t('room.backToCase')}
    </Link>
  );
  const snapshot = state?.snapshot;
  return (
    <div className="staff-room">
      <div className="room-title">
        {back}
        {snapshot && (
          <h1>
            <span className="case-number">{snapshot.caseNumber}</span> {snapshot.title}
          </h1>
        )}
      </div>
      {!controller || !state ? (
        <p>{t('room.connecting')}</p>
      ) : state.outcome === 'ended' && snapshot ? (
        // Under the room's title, which is the page's h1.
        <EmbeddedPage>
          <StaffSessionEnded snapshot={snapshot} />
        </EmbeddedPage>
      ) : state.outcome ? (
        // Under the room's title, which is the page's h1.
        <EmbeddedPage>
          <RoomOutcome outcome={state.outcome} onRejoin={onRejoin} />
        </EmbeddedPage>
      ) : state.enterError ? (
        <div className="notice error" role="alert">
          <p>{state.enterError.code === 'unauthenticated' ? t('error.unauthenticated') : t(enterErrorKey(state.enterError))}</p>
        </div>
      ) : !snapshot ? (
        <p>{t('room.connecting')}</p>
      ) : (
        <InRoomView controller={controller} state={state} snapshot={snapshot} layout="staff" hostPanel={HostPanel} />
      )}
    </div>
  );
}
