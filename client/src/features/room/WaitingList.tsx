import type { RoomMemberView, RoomSnapshot } from '@protocol';
import { useCallback, useState, useSyncExternalStore } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { RoomController } from './room-controller.ts';
import { forKind } from './session-kind.ts';
import { roleKeys } from './room-view.ts';
import { RemoteTile } from './VideoGrid.tsx';
import type { useRoomAction } from './use-room-action.ts';

interface WaitingListProps {
  snapshot: RoomSnapshot;
  controller: RoomController;
  action: ReturnType<typeof useRoomAction>;
}

/**
 * Residents at the door: who they are, how their identity stands, admit or decline. One whose
 * identity is left to the mediator shows live here (picture and sound), to compare with their ID card.
 */
export function WaitingList({ snapshot, controller, action }: WaitingListProps) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState<RoomMemberView>();
  const waiting = snapshot.members.filter((m) => m.admission === 'waiting');
  const entering = snapshot.members.filter((m) => m.admission === 'entering' && m.online);
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  // An ID card is read in the sharpest layer the resident sends, whatever the tile's size.
  const sharpest = useCallback((peerId: string) => controller.setPreferredLayer(peerId, 2), [controller]);

  const admit = (member: RoomMemberView, identityConfirmedOnCamera: boolean) =>
    action.run(`admit:${member.key}`, () => controller.request('room:admit', { memberKey: member.key, ...(identityConfirmedOnCamera ? { identityConfirmedOnCamera: true } : {}) }));

  return (
    <section className="panel-section" aria-labelledby="waiting-title">
      <h2 id="waiting-title">
        {t('panel.waiting')} {waiting.length > 0 && <span className="count-badge">{waiting.length}</span>}
      </h2>
      {waiting.length === 0 && entering.length === 0 && <p className="muted">{t('panel.waitingEmpty')}</p>}
      <ul className="member-list">
        {waiting.map((m) => (
          <li key={m.key} className="member-row" data-testid="waiting-member" data-name={m.name}>
            <div className="member-main">
              <strong>{m.name}</strong>
              <span className="muted">{roleKeys(m).map((key) => t(key)).join(' · ')}</span>
            </div>
            <div className="member-badges">
              <span className={`badge identity-${m.identity}`}>{t(`panel.identity.${m.identity}`)}</span>
              <span className="badge">{m.recordingConsent ? t('panel.recordingYes') : t('panel.recordingNo')}</span>
            </div>
            {m.identity === 'pending_mediator' && (
              <div className="check-video" data-testid="waiting-video">
                {snapshot.caucus ? (
                  <p className="muted">{t(forKind('panel.checkVideoCaucus', snapshot.kind))}</p>
                ) : m.peerId && m.online ? (
                  <>
                    <RemoteTile member={m} remoteTracks={state.remoteTracks} receivingVideo={!state.networkAudioOnly} speaking={!!state.activeSpeaker && state.activeSpeaker === m.peerId} onLayer={sharpest} />
                    <p className="check-hint">{t('panel.checkVideoHint')}</p>
                  </>
                ) : (
                  <p className="muted">{t('panel.checkVideoWaiting')}</p>
                )}
              </div>
            )}
            <div className="member-actions">
              <button
                type="button"
                className="button small"
                disabled={!!action.busy}
                onClick={() => (m.identity === 'pending_mediator' ? setConfirming(m) : void admit(m, false))}
              >
                {t('panel.admit')}
              </button>
              <button type="button" className="button small secondary" disabled={!!action.busy} onClick={() => void action.run(`decline:${m.key}`, () => controller.request('room:decline', { memberKey: m.key }))}>
                {t('panel.decline')}
              </button>
            </div>
          </li>
        ))}
        {entering.map((m) => (
          <li key={m.key} className="member-row entering">
            <div className="member-main">
              <strong>{m.name}</strong>
              <span className="muted">{t('panel.entering')}</span>
            </div>
          </li>
        ))}
      </ul>
      {confirming && (
        <ConfirmDialog
          title={t('panel.confirmIdentityTitle')}
          confirmLabel={t('panel.confirmIdentityOk')}
          busy={!!action.busy}
          onCancel={() => setConfirming(undefined)}
          onConfirm={() => {
            const member = confirming;
            setConfirming(undefined);
            void admit(member, true);
          }}
        >
          <p>{t(forKind('panel.confirmIdentityBody', snapshot.kind), { name: confirming.name })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
