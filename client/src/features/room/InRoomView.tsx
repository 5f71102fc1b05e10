import type { RoomSnapshot } from '@protocol';
import { useCallback, useState, useSyncExternalStore, type ComponentType } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { CallControls } from './CallControls.tsx';
import { ChatPanel } from './ChatPanel.tsx';
import type { HostPanelProps } from './HostPanel.tsx';
import type { RoomController, RoomState } from './room-controller.ts';
import { RoomNotices } from './RoomNotices.tsx';
import { RoomAgreement } from './RoomAgreement.tsx';
import { forKind, SessionKindContext } from './session-kind.ts';
import { SharedMinutes } from './SharedMinutes.tsx';
import { VideoGrid } from './VideoGrid.tsx';

interface InRoomViewProps {
  controller: RoomController;
  state: RoomState;
  snapshot: RoomSnapshot;
  /** Staff get a side panel beside the pictures; residents one column, chat in a drawer. */
  layout: 'staff' | 'resident';
  /** The host's side panel, handed in by the staff room page so the resident's bundle never holds it. */
  hostPanel?: ComponentType<HostPanelProps> | undefined;
}

/**
 * The call: pictures, notices, controls, and around them chat, minutes and (for the host) the panel:
 * the mediator's with minutes and agreement, or in a hearing the judge's with the hearing record.
 */
export function InRoomView({ controller, state, snapshot, layout, hostPanel: HostPanel }: InRoomViewProps) {
  const { t } = useI18n();
  const local = useSyncExternalStore(controller.local.subscribe, controller.local.getState);
  const [chatOpen, setChatOpen] = useState(false);
  // Lines written before this view opened are not news.
  const [seenSeq, setSeenSeq] = useState(() => state.chat.at(-1)?.seq ?? 0);
  const [leaving, setLeaving] = useState(false);
  const onLayer = useCallback((peerId: string, layer: number) => controller.setPreferredLayer(peerId, layer), [controller]);
  const sendChat = useCallback(
    (text: string) =>
      controller.request('chat:send', { text }).then(
        () => true,
        () => false,
      ),
    [controller],
  );

  const self = snapshot.self;
  const host = snapshot.host;
  const excluded = !snapshot.inCaucusAudience;
  const lastSeq = state.chat.at(-1)?.seq ?? 0;
  const unread = chatOpen ? 0 : state.chat.filter((m) => m.seq > seenSeq && m.from !== self.key).length;
  const chat = (
    <ChatPanel
      messages={state.chat}
      selfKey={self.key}
      onSend={sendChat}
      onClose={
        layout === 'resident'
          ? () => {
              setSeenSeq(lastSeq);
              setChatOpen(false);
            }
          : undefined
      }
    />
  );

  return (
    <SessionKindContext.Provider value={snapshot.kind}>
      <div className={`in-room ${layout}${layout === 'staff' && !host && !snapshot.minutes ? ' no-aside' : ''}`} data-testid="in-room" data-role={self.role} data-kind={snapshot.kind}>
        <div className="stage">
          <RoomNotices
            state={state}
            snapshot={snapshot}
            onUnmute={() => void controller.toggleMic()}
            onDismissUnmute={() => controller.dismissUnmuteRequest()}
            onReconnect={() => controller.reconnect()}
          />
          {excluded && (
            <div className="caucus-excluded" role="status" data-testid="caucus-excluded">
              <p className="caucus-excluded-title">{t('room.caucusExcluded')}</p>
              <p>{t('room.caucusExcludedNote')}</p>
            </div>
          )}
          <VideoGrid
            snapshot={snapshot}
            remoteTracks={state.remoteTracks}
            activeSpeaker={state.activeSpeaker}
            selfPeerId={state.peerId}
            local={local}
            micOn={state.micOn}
            cameraOn={state.cameraOn}
            receivingVideo={!state.networkAudioOnly}
            onLayer={onLayer}
          />
          <CallControls
            self={self}
            micOn={state.micOn}
            cameraOn={state.cameraOn}
            hasMicrophone={!!local.microphone}
            canSwitchCamera={local.cameraCount > 1}
            mediaReady={state.mediaStatus === 'connected'}
            chatUnread={unread}
            onToggleMic={() => void controller.toggleMic()}
            onToggleCamera={() => void controller.toggleCamera()}
            onSwitchCamera={() => void controller.switchCamera()}
            onChat={
              layout === 'resident'
                ? () => {
                    setSeenSeq(lastSeq);
                    setChatOpen(!chatOpen);
                  }
                : undefined
            }
            onLeave={() => setLeaving(true)}
          />
          {layout === 'resident' ? (
            <>
              <SharedMinutes snapshot={snapshot} controller={controller} />
              {!excluded && <RoomAgreement caseId={snapshot.caseId} layout="resident" />}
            </>
          ) : (
            <div className="stage-chat">{chat}</div>
          )}
        </div>
        {layout === 'staff' ? (
          (host || snapshot.minutes) && (
            <aside className="room-aside">
              {host ? (
                HostPanel && <HostPanel snapshot={snapshot} controller={controller} />
              ) : (
                <SharedMinutes snapshot={snapshot} controller={controller} />
              )}
            </aside>
          )
        ) : (
          chatOpen && <div className="chat-drawer">{chat}</div>
        )}
        {leaving && (
          <ConfirmDialog title={t(forKind('room.leaveTitle', snapshot.kind))} confirmLabel={t('room.leaveConfirm')} danger onCancel={() => setLeaving(false)} onConfirm={() => void controller.leave()}>
            <p>{t(forKind('room.leaveBody', snapshot.kind))}</p>
          </ConfirmDialog>
        )}
      </div>
    </SessionKindContext.Provider>
  );
}
