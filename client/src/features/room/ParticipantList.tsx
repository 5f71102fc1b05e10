import type { RoomMemberView, RoomSnapshot } from '@protocol';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { RoomController } from './room-controller.ts';
import { forKind } from './session-kind.ts';
import { roleKeys } from './room-view.ts';
import type { useRoomAction } from './use-room-action.ts';

interface ParticipantListProps {
  snapshot: RoomSnapshot;
  controller: RoomController;
  action: ReturnType<typeof useRoomAction>;
}

/** Who is in the room, how their connection is, and the mediator's hand on each: mute, speak, remove. */
export function ParticipantList({ snapshot, controller, action }: ParticipantListProps) {
  const { t } = useI18n();
  const [removing, setRemoving] = useState<RoomMemberView>();
  const admitted = snapshot.members.filter((m) => m.admission === 'admitted');
  const request = controller.request.bind(controller);

  return (
    <section className="panel-section" aria-labelledby="participants-title">
      <h2 id="participants-title">{t('panel.participants')}</h2>
      {admitted.length === 0 && <p className="muted">{t('room.nobodyYet')}</p>}
      <ul className="member-list">
        {admitted.map((m) => {
          const resident = m.role === 'party' || m.role === 'agent';
          return (
            <li key={m.key} className="member-row" data-testid="participant" data-name={m.name}>
              <div className="member-main">
                <span className={`quality-dot quality-${m.online ? m.quality : 'offline'}`} role="img" aria-label={m.online ? t(`panel.quality.${m.quality}`) : t('panel.offline')} title={m.online ? t(`panel.quality.${m.quality}`) : t('panel.offline')} />
                <strong>{m.name}</strong>
                <span className="muted">{roleKeys(m).map((key) => t(key)).join(' · ')}</span>
              </div>
              <div className="member-badges">
                {!m.online && <span className="badge offline">{t('panel.offline')}</span>}
                {m.mutedByMediator && <span className="badge">{t('panel.muted')}</span>}
                {m.role === 'judge' && !m.speakAllowed && <span className="badge">{t('panel.observer')}</span>}
                {resident && <span className={`badge identity-${m.identity}`}>{t(`panel.identity.${m.identity}`)}</span>}
              </div>
              <div className="member-actions">
                {m.role === 'judge' ? (
                  <button type="button" className="button small secondary" disabled={!!action.busy} onClick={() => void action.run(`speak:${m.key}`, () => request('room:allowSpeak', { memberKey: m.key, allowed: !m.speakAllowed }))}>
                    {m.speakAllowed ? t('panel.revokeSpeak') : t('panel.allowSpeak')}
                  </button>
                ) : m.mutedByMediator ? (
                  <button type="button" className="button small secondary" disabled={!!action.busy} onClick={() => void action.run(`unmute:${m.key}`, () => request('room:askUnmute', { memberKey: m.key }))}>
                    {t('panel.askUnmute')}
                  </button>
                ) : (
                  <button type="button" className="button small secondary" disabled={!!action.busy} onClick={() => void action.run(`mute:${m.key}`, () => request('room:mute', { memberKey: m.key, muted: true }))}>
                    {t('panel.mute')}
                  </button>
                )}
                {resident && (
                  <button type="button" className="button small danger" disabled={!!action.busy} onClick={() => setRemoving(m)}>
                    {t('panel.remove')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {removing && (
        <ConfirmDialog
          title={t(forKind('panel.removeTitle', snapshot.kind))}
          confirmLabel={t('panel.remove')}
          danger
          busy={!!action.busy}
          onCancel={() => setRemoving(undefined)}
          onConfirm={() => {
            const member = removing;
            setRemoving(undefined);
            void action.run(`remove:${member.key}`, () => request('room:remove', { memberKey: member.key }));
          }}
        >
          <p>{t(forKind('panel.removeBody', snapshot.kind), { name: removing.name })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
