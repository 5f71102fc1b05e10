import type { RoomSnapshot } from '@protocol';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { mediaPhaseOf, type RoomController, type RoomState } from '../room/room-controller.ts';
import { prefetchRoom } from '../room/room-loaders.ts';
import { roleKeys } from '../room/room-view.ts';
import { forKind, hostRole } from '../room/session-kind.ts';
import { RemoteTile } from '../room/VideoGrid.tsx';
import { VideoTile } from '../room/VideoTile.tsx';
import { HearingHeading } from './StepHeader.tsx';

interface WaitingRoomProps {
  snapshot: RoomSnapshot;
  mediatorName: string | undefined;
  controller: RoomController;
  state: RoomState;
}

/** Once the waiting room has been on screen this long, the call view and media stack download (they are not needed to show it). */
const ROOM_PREFETCH_DELAY_MS = 300;

/**
 * After the checks: the resident waits until the host (the mediator; in a hearing, the judge)
 * admits them. One who asked for their identity to be checked on camera sees and hears the host
 * meanwhile (and only the host).
 */
export function WaitingRoom({ snapshot, mediatorName, controller, state }: WaitingRoomProps) {
  const { t } = useI18n();
  useEffect(() => {
    const timer = window.setTimeout(prefetchRoom, ROOM_PREFETCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, []);
  if (mediaPhaseOf(snapshot) === 'identityCheck') return <IdentityCheckOnCamera snapshot={snapshot} controller={controller} state={state} />;
  const verified = snapshot.self.identity === 'verified';
  const kind = snapshot.kind;
  return (
    <section className="card resident-card waiting-room" data-testid="waiting-room" data-kind={kind} aria-live="polite">
      {kind === 'hearing' && <HearingHeading />}
      <h1 className="resident-title">{t(forKind('waiting.title', kind))}</h1>
      <ul className="resident-facts">
        <li>{t('waiting.case', { title: snapshot.title })}</li>
        {/* In a hearing the judge presides; naming the mediator here would say who admits them wrongly. */}
        {mediatorName && kind === 'mediation' && <li>{t('waiting.mediator', { name: mediatorName })}</li>}
      </ul>
      {kind === 'hearing' && (
        <p className="notice" data-testid="hearing-explanation">
          {t('waiting.hearing.explain')}
        </p>
      )}
      <p className={snapshot.started ? 'notice' : 'notice warn'} data-testid="waiting-status">
        {snapshot.started ? t(forKind('waiting.started', kind)) : t(forKind('waiting.notStarted', kind))}
      </p>
      <p>{verified ? t('waiting.identityVerified') : t(forKind('waiting.identityPending', kind))}</p>
      <div className="waiting-dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
      <p className="muted">{t('waiting.keepOpen')}</p>
    </section>
  );
}

/** The host large, the resident's own picture small in a corner, and the microphone and camera buttons. */
function IdentityCheckOnCamera({ snapshot, controller, state }: { snapshot: RoomSnapshot; controller: RoomController; state: RoomState }) {
  const { t } = useI18n();
  const local = useSyncExternalStore(controller.local.subscribe, controller.local.getState);
  const onLayer = useCallback((peerId: string, layer: number) => controller.setPreferredLayer(peerId, layer), [controller]);
  const kind = snapshot.kind;
  const role = hostRole(kind);
  const host = snapshot.members.find((m) => m.role === role);
  const self = snapshot.self;
  const mediaReady = state.mediaStatus === 'connected';
  const selfBadges = [!state.micOn ? t('room.micMuted') : '', !state.cameraOn ? t('room.cameraOff') : ''].filter(Boolean);
  return (
    <section className="card resident-card waiting-room identity-check" data-testid="waiting-room" data-kind={kind} aria-live="polite">
      {kind === 'hearing' && <HearingHeading />}
      <h1 className="resident-title">{t(forKind('waiting.title', kind))}</h1>
      <p className="notice check-note" data-testid="identity-check-note">
        {t(forKind('waiting.checkNote', kind))}
      </p>
      <div className="check-stage" data-testid="identity-check-stage">
        {host ? (
          <RemoteTile member={host} kind={kind} remoteTracks={state.remoteTracks} receivingVideo={!state.networkAudioOnly} speaking={false} onLayer={onLayer} />
        ) : (
          <VideoTile name={t(role === 'judge' ? forKind('roomRole.judge', kind) : 'roomRole.mediator')} stream={undefined} showVideo={false} />
        )}
        <div className="check-self">
          <VideoTile
            name={t('room.you')}
            detail={roleKeys(self, kind).map((key) => t(key)).join(' · ')}
            stream={local.stream}
            showVideo={state.cameraOn && !!local.camera}
            self
            mirrored={local.facing === 'user'}
            badges={selfBadges}
            peerId={state.peerId}
          />
        </div>
      </div>
      {state.mediaStatus === 'connecting' && <p className="muted">{t(forKind('waiting.checkConnecting', kind))}</p>}
      {state.mediaStatus === 'failed' && (
        <p className="notice error" role="alert">
          {t(forKind('waiting.checkFailed', kind))}
        </p>
      )}
      {mediaReady && !state.cameraOn && <p className="notice warn">{t(forKind('waiting.checkCameraNeeded', kind))}</p>}
      <div className="controls waiting-controls" role="toolbar">
        <button type="button" className={`button control ${state.micOn ? '' : 'off'}`} data-testid="mic-button" aria-pressed={state.micOn} disabled={!mediaReady || !local.microphone} onClick={() => void controller.toggleMic()}>
          {state.micOn ? t('controls.micOff') : t('controls.micOn')}
        </button>
        <button type="button" className={`button control ${state.cameraOn ? '' : 'off'}`} data-testid="camera-button" aria-pressed={state.cameraOn} disabled={!mediaReady} onClick={() => void controller.toggleCamera()}>
          {state.cameraOn ? t('controls.cameraOff') : t('controls.cameraOn')}
        </button>
      </div>
      <p className="notice" data-testid="waiting-status">
        {t(forKind('waiting.started', kind))}
      </p>
      <p className="muted">{t('waiting.keepOpen')}</p>
    </section>
  );
}
