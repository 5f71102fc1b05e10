import type { RoomSnapshot } from '@protocol';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { RoomState } from './room-controller.ts';
import { toApiError } from './room-view.ts';
import { forKind } from './session-kind.ts';

interface RoomNoticesProps {
  state: RoomState;
  snapshot: RoomSnapshot;
  onUnmute: () => void;
  onDismissUnmute: () => void;
  onReconnect: () => void;
}

/** What the member should know right now, above the pictures, in plain words. */
export function RoomNotices({ state, snapshot, onUnmute, onDismissUnmute, onReconnect }: RoomNoticesProps) {
  const { t } = useI18n();
  const self = snapshot.self;
  const kind = snapshot.kind;
  return (
    <div className="room-notices" aria-live="polite">
      {state.connection === 'reconnecting' && <p className="notice warn" data-testid="reconnecting">{t('room.reconnecting')}</p>}
      {state.connection === 'offline' && (
        <div className="notice warn">
          <p>{t(forKind('room.offline', kind))}</p>
          <button type="button" className="button small" onClick={onReconnect}>
            {t('room.reconnect')}
          </button>
        </div>
      )}
      {!snapshot.started && <p className="notice">{t(forKind('room.notStarted', kind))}</p>}
      {/* The guiding judge observing a mediation; the judge presiding over a hearing needs no leave to speak. */}
      {self.role === 'judge' && !snapshot.host && (self.speakAllowed ? <p className="notice">{t('room.judgeMayTalk')}</p> : <p className="notice" data-testid="judge-note">{t('room.judgeNote')}</p>)}
      {snapshot.caucus && snapshot.inCaucusAudience && <p className="notice caucus">{t('room.caucusOn', { side: t(`party.${snapshot.caucus.side}`) })}</p>}
      {state.unmuteRequested && !state.micOn && !self.mutedByMediator && (
        <div className="notice prompt" role="alert" data-testid="unmute-prompt">
          <p>{t(forKind('room.unmuteRequested', kind))}</p>
          <div className="actions">
            <button type="button" className="button" onClick={onUnmute}>
              {t('room.unmuteNow')}
            </button>
            <button type="button" className="button secondary" onClick={onDismissUnmute}>
              {t('room.later')}
            </button>
          </div>
        </div>
      )}
      {state.networkAudioOnly ? (
        <p className="notice warn" data-testid="network-hint">{t('room.networkAudioOnly')}</p>
      ) : (
        state.networkPoor && <p className="notice warn">{t('room.networkPoor')}</p>
      )}
      {state.deviceProblem && (
        <p className="notice error" role="alert" data-testid="device-problem">
          {state.deviceProblem === 'insecureContext' ? t('call.insecureContext') : t('room.deviceUnavailable')}
        </p>
      )}
      {state.mediaStatus === 'connecting' && <p className="notice">{t('room.mediaConnecting')}</p>}
      {state.mediaStatus === 'failed' && <p className="notice error">{t('room.mediaFailed')}</p>}
      <ErrorNotice error={toApiError(state.controlError)} />
    </div>
  );
}
