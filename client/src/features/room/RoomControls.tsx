import type { RoomSnapshot } from '@protocol';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { RoomController } from './room-controller.ts';
import { forKind } from './session-kind.ts';
import type { useRoomAction } from './use-room-action.ts';

interface RoomControlsProps {
  snapshot: RoomSnapshot;
  controller: RoomController;
  action: ReturnType<typeof useRoomAction>;
}

/** The room as a whole: lock, private caucus with one side, recording status, end of session. */
export function RoomControls({ snapshot, controller, action }: RoomControlsProps) {
  const { t } = useI18n();
  const [ending, setEnding] = useState(false);
  const request = controller.request.bind(controller);
  const hasSide = (side: 'applicant' | 'respondent') => snapshot.members.some((m) => m.side === side && m.admission === 'admitted');
  return (
    <section className="panel-section" aria-labelledby="room-controls-title">
      <h2 id="room-controls-title">{t(forKind('panel.room', snapshot.kind))}</h2>
      <div className="actions">
        <button type="button" className="button small secondary" aria-pressed={snapshot.locked} disabled={!!action.busy} onClick={() => void action.run('lock', () => request('room:lock', { locked: !snapshot.locked }))}>
          {snapshot.locked ? t('panel.unlock') : t(forKind('panel.lock', snapshot.kind))}
        </button>
        {snapshot.locked && <span className="badge">{t('panel.locked')}</span>}
      </div>
      <div className="actions">
        {snapshot.caucus ? (
          <>
            <span className="badge caucus-badge">{t('room.caucusOn', { side: t(`party.${snapshot.caucus.side}`) })}</span>
            <button type="button" className="button small" disabled={!!action.busy} onClick={() => void action.run('caucus', () => request('caucus:end', {}))}>
              {t('panel.caucusEnd')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button small secondary" disabled={!!action.busy || !hasSide('applicant')} onClick={() => void action.run('caucus', () => request('caucus:start', { side: 'applicant' }))}>
              {t('panel.caucusApplicant')}
            </button>
            <button type="button" className="button small secondary" disabled={!!action.busy || !hasSide('respondent')} onClick={() => void action.run('caucus', () => request('caucus:start', { side: 'respondent' }))}>
              {t('panel.caucusRespondent')}
            </button>
          </>
        )}
      </div>
      <p className="muted">{snapshot.recordingAllowed ? t('room.recordingAllowed') : t('room.recordingNotAllowed')}</p>
      <button type="button" className="button small danger" data-testid="end-room" disabled={!!action.busy} onClick={() => setEnding(true)}>
        {t(forKind('panel.end', snapshot.kind))}
      </button>
      {ending && (
        <ConfirmDialog
          title={t(forKind('panel.endTitle', snapshot.kind))}
          confirmLabel={t(forKind('panel.endConfirm', snapshot.kind))}
          danger
          onCancel={() => setEnding(false)}
          onConfirm={() => {
            setEnding(false);
            void action.run('end', () => request('room:end', {}));
          }}
        >
          <p>{t(forKind('panel.endBody', snapshot.kind))}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
