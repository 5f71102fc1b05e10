import type { RoomSnapshot } from '@protocol';
import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { RequestError } from '../../realtime/socket.ts';
import type { RoomController } from './room-controller.ts';
import { confirmerNames } from './room-view.ts';
import { useRoomAction } from './use-room-action.ts';

/**
 * The mediator's minutes: saved as numbered versions (each save names the version it edits, and
 * the server refuses a save over a newer one), shown to the parties when shared.
 */
export function MinutesEditor({ snapshot, controller }: { snapshot: RoomSnapshot; controller: RoomController }) {
  const { t } = useI18n();
  const minutes = snapshot.minutes;
  const [text, setText] = useState(minutes?.text ?? '');
  const [baseVersion, setBaseVersion] = useState(minutes?.version ?? 0);
  const [dirty, setDirty] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'saved'; version: number } | { kind: 'conflict' }>();
  const action = useRoomAction();
  const latest = useRef(minutes);
  latest.current = minutes;

  // A newer version from elsewhere is taken over while nothing is being typed here.
  useEffect(() => {
    if (!dirty && minutes && minutes.version !== baseVersion) {
      setText(minutes.text);
      setBaseVersion(minutes.version);
    }
  }, [minutes, dirty, baseVersion]);

  const save = () =>
    action.run('save', async () => {
      try {
        const { version } = await controller.request('minutes:save', { text, baseVersion });
        setBaseVersion(version);
        setDirty(false);
        setNotice({ kind: 'saved', version });
      } catch (error) {
        if (!(error instanceof RequestError && error.body.code === 'conflict')) throw error;
        const current = latest.current;
        setText(current?.text ?? '');
        setBaseVersion(current?.version ?? 0);
        setDirty(false);
        setNotice({ kind: 'conflict' });
      }
    });

  const share = () => action.run('share', () => controller.request('minutes:share', { shared: !minutes?.shared }));
  const names = confirmerNames(snapshot);

  return (
    <section className="minutes-editor" aria-labelledby="minutes-title">
      <div className="panel-head">
        <h2 id="minutes-title">{t('minutes.title')}</h2>
        {minutes && <span className="muted">{t('minutes.version', { version: minutes.version })}</span>}
      </div>
      <textarea
        aria-label={t('minutes.label')}
        data-testid="minutes-text"
        rows={8}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setDirty(true);
          setNotice(undefined);
        }}
      />
      <div className="actions">
        <button type="button" className="button small" disabled={!!action.busy || !dirty} onClick={() => void save()}>
          {action.busy === 'save' ? t('common.saving') : t('minutes.save')}
        </button>
        <button type="button" className="button small secondary" disabled={!!action.busy || !minutes || dirty} onClick={() => void share()}>
          {minutes?.shared ? t('minutes.unshare') : t('minutes.share')}
        </button>
        <span className="muted">{minutes?.shared ? t('minutes.shared') : t('minutes.notShared')}</span>
      </div>
      {dirty && <p className="muted">{t('minutes.unsaved')}</p>}
      {notice?.kind === 'saved' && <p className="ok-text">{t('minutes.saved', { version: notice.version })}</p>}
      {notice?.kind === 'conflict' && (
        <p className="notice" role="alert">
          {t('minutes.conflict')}
        </p>
      )}
      {minutes && <p data-testid="minutes-confirmed">{names.length > 0 ? t('minutes.confirmedBy', { names: names.join('、') }) : t('minutes.nobodyConfirmed')}</p>}
      <ErrorNotice error={action.error} />
    </section>
  );
}
