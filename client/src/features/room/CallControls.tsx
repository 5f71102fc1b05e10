import type { RoomMemberView } from '@protocol';
import { useI18n } from '../../i18n/i18n.tsx';
import { forKind, useSessionKind } from './session-kind.ts';

interface CallControlsProps {
  self: RoomMemberView;
  micOn: boolean;
  cameraOn: boolean;
  hasMicrophone: boolean;
  canSwitchCamera: boolean;
  mediaReady: boolean;
  chatUnread?: number | undefined;
  onToggleMic: () => void;
  onToggleCamera: () => void;
  onSwitchCamera: () => void;
  onChat?: (() => void) | undefined;
  onLeave: () => void;
}

/** The call's buttons: large, labelled in words (not icons alone), one row that wraps on a phone. */
export function CallControls(props: CallControlsProps) {
  const { t } = useI18n();
  // From context: the call view between the page and these buttons does not pass the session's kind.
  const kind = useSessionKind();
  const { self, micOn, cameraOn, mediaReady } = props;
  const silencedBy = self.mutedByMediator ? t(forKind('controls.mutedByMediator', kind)) : !self.speakAllowed ? t('controls.observer') : undefined;
  return (
    <div className="controls room-controls" role="toolbar">
      <button
        type="button"
        className={`button control ${micOn ? '' : 'off'}`}
        data-testid="mic-button"
        aria-pressed={micOn}
        disabled={!mediaReady || !props.hasMicrophone || (!!silencedBy && !micOn)}
        onClick={props.onToggleMic}
      >
        {silencedBy && !micOn ? silencedBy : micOn ? t('controls.micOff') : t('controls.micOn')}
      </button>
      <button type="button" className={`button control ${cameraOn ? '' : 'off'}`} data-testid="camera-button" aria-pressed={cameraOn} disabled={!mediaReady} onClick={props.onToggleCamera}>
        {cameraOn ? t('controls.cameraOff') : t('controls.cameraOn')}
      </button>
      {props.canSwitchCamera && cameraOn && (
        <button type="button" className="button control secondary" onClick={props.onSwitchCamera}>
          {t('controls.switchCamera')}
        </button>
      )}
      {props.onChat && (
        <button type="button" className="button control secondary" onClick={props.onChat}>
          {props.chatUnread ? t('controls.chatUnread', { count: props.chatUnread }) : t('controls.chat')}
        </button>
      )}
      <button type="button" className="button control danger" onClick={props.onLeave}>
        {t('controls.leave')}
      </button>
    </div>
  );
}
