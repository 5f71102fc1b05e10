import type { RoomSnapshot } from '@protocol';
import { useCallback, useSyncExternalStore } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { mediaPhaseOf, type RoomController, type RoomState } from '../room/room-controller.ts';
import { roleKeys } from '../room/room-view.ts';
import { RemoteTile } from '../room/VideoGrid.tsx';
import { VideoTile } from '../room/VideoTile.tsx';

interface WaitingRoomProps {
  snapshot: RoomSnapshot;
  mediatorName: string | undefined;
  controller: RoomController;
  state: RoomState;
}

/**
 * After the checks: the resident waits until the mediator admits them. One who asked for their
 * identity to be checked on camera sees and hears the mediator meanwhile (and only the mediator).
 */
export function WaitingRoom({ snapshot, mediatorName, controller, state }: WaitingRoomProps) {
  const { t } = useI18n();
  if (mediaPhaseOf(snapshot) === 'identityCheck') return <IdentityCheckOnCamera snapshot={snapshot} controller={controller} state={state} />;
  const verified = snapshot.self.identity === 'verified';
  return (
    <section className="card resident-card waiting-room" data-testid="waiting-room" aria-live="polite">
      <h1 className="resident-title">{t('waiting.title')}</h1>
      <ul className="resident-facts">
        <li>{t('waiting.case', { title: snapshot.title })}</li>
        {mediatorName && <li>{t('waiting.mediator', { name: mediatorName })}</li>}
      </ul>
      <p className={snapshot.started ? 'notice' : 'notice warn'} data-testid="waiting-status">
        {snapshot.started ? t('waiting.started') : t('waiting.notStarted')}
      </p>
      <p>{verified ? t('waiting.identityVerified') : t('waiting.identityPending')}</p>
      <div className="waiting-dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
      <p className="muted">{t('waiting.keepOpen')}</p>
    </section>
  );
}

/** The mediator large, the resident's own picture small in a corner, and the microphone and camera buttons. */
function IdentityCheckOnCamera({ snapshot, controller, state }: { snapshot: RoomSnapshot; controller: RoomController; state: RoomState }) {
  const { t } = useI18n();
  const local = useSyncExternalStore(controller.local.subscribe, controller.local.getState);
  const onLayer = useCallback((peerId: string, layer: number) => controller.setPreferredLayer(peerId, layer), [controller]);
  const mediator = snapshot.members.find((m) => m.role === 'mediator');
  const self = snapshot.self;
  const mediaReady = state.mediaStatus === 'connected';
  const selfBadges = [!state.micOn ? t('room.micMuted') : '', !state.cameraOn ? t('room.cameraOff') : ''].filter(Boolean);
  return (
    <section className="card resident-card waiting-room identity-check" data-testid="waiting-room" aria-live="polite">
      <h1 className="resident-title">{t('waiting.title')}</h1>
      <p className="notice check-note" data-testid="identity-check-note">
        {t('waiting.checkNote')}
      </p>
      <div className="check-stage" data-testid="identity-check-stage">
        {mediator ? (
          <RemoteTile member={mediator} remoteTracks={state.remoteTracks} receivingVideo={!state.networkAudioOnly} speaking={false} onLayer={onLayer} />
        ) : (
          <VideoTile name={t('roomRole.mediator')} stream={undefined} showVideo={false} />
        )}
        <div className="check-self">
          <VideoTile
            name={t('room.you')}
            detail={roleKeys(self).map((key) => t(key)).join(' · ')}
            stream={local.stream}
            showVideo={state.cameraOn && !!local.camera}
            self
            mirrored={local.facing === 'user'}
            badges={selfBadges}
            peerId={state.peerId}
          />
        </div>
      </div>
      {state.mediaStatus === 'connecting' && <p className="muted">{t('waiting.checkConnecting')}</p>}
      {state.mediaStatus === 'failed' && (
        <p className="notice error" role="alert">
          {t('waiting.checkFailed')}
        </p>
      )}
      {mediaReady && !state.cameraOn && <p className="notice warn">{t('waiting.checkCameraNeeded')}</p>}
      <div className="controls waiting-controls" role="toolbar">
        <button type="button" className={`button control ${state.micOn ? '' : 'off'}`} data-testid="mic-button" aria-pressed={state.micOn} disabled={!mediaReady || !local.microphone} onClick={() => void controller.toggleMic()}>
          {state.micOn ? t('controls.micOff') : t('controls.micOn')}
        </button>
        <button type="button" className={`button control ${state.cameraOn ? '' : 'off'}`} data-testid="camera-button" aria-pressed={state.cameraOn} disabled={!mediaReady} onClick={() => void controller.toggleCamera()}>
          {state.cameraOn ? t('controls.cameraOff') : t('controls.cameraOn')}
        </button>
      </div>
      <p className="notice" data-testid="waiting-status">
        {t('waiting.started')}
      </p>
      <p className="muted">{t('waiting.keepOpen')}</p>
    </section>
  );
}
