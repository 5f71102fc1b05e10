import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { SessionKind } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { isPermanentProblem, type LocalMedia } from '../../media/local-media.ts';
import { useAudioLevel } from '../../media/use-audio-level.ts';
import { StepHeader } from './StepHeader.tsx';

/** Step 1: the resident sees themself, watches the microphone level move, picks a camera or audio only. */
export function DeviceCheck({ local, kind, onNext }: { local: LocalMedia; kind: SessionKind; onNext: () => void }) {
  const { t } = useI18n();
  const state = useSyncExternalStore(local.subscribe, local.getState);
  const videoRef = useRef<HTMLVideoElement>(null);
  const level = useAudioLevel(state.microphone);

  useEffect(() => {
    if (local.state.status === 'idle') void local.start();
  }, [local]);

  useEffect(() => {
    const video = videoRef.current;
    if (video && state.camera) {
      video.srcObject = new MediaStream([state.camera]);
      void video.play().catch(() => undefined);
    }
  }, [state.camera]);

  const percent = Math.round(level * 100);
  return (
    <section className="card resident-card device-check" data-testid="device-check">
      <StepHeader title={t('device.title')} step={1} total={3} kind={kind} />
      <p>{t('device.intro')}</p>
      {state.status === 'starting' && <p className="muted">{t('device.starting')}</p>}
      {/* biome-ignore lint/a11y/useSemanticElements: names the camera preview; it holds no form fields, and a fieldset would bring its own border and spacing */}
      <div className="preview" role="group" aria-label={t('device.preview')}>
        {state.camera ? <video ref={videoRef} autoPlay playsInline muted className={state.facing === 'user' ? 'mirrored' : undefined} data-testid="camera-preview" /> : <p className="preview-off">{state.audioOnly ? t('device.previewOff') : t('device.preview')}</p>}
      </div>
      <div className="level">
        <span id="mic-level-label">{t('device.micLevel')}</span>
        {/* biome-ignore lint/a11y/useSemanticElements: a live level bar drawn in CSS; a meter element renders its own gauge */}
        <div className="level-meter" role="meter" aria-labelledby="mic-level-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-testid="mic-level">
          <div className="level-fill" style={{ width: `${percent}%` }} />
        </div>
      </div>
      {state.cameraCount > 1 && state.camera && (
        <button type="button" className="button big secondary" onClick={() => void local.switchCamera()}>
          {t('device.switchCamera')}
        </button>
      )}
      <label className="declaration big-check">
        <input type="checkbox" checked={state.audioOnly} onChange={(e) => void local.setAudioOnly(e.target.checked)} />
        <span>{t('device.audioOnly')}</span>
      </label>
      {state.problem && (
        <div className="notice error" role="alert" data-testid="device-problem">
          <p>{t(`device.problem.${state.problem}`)}</p>
          {!isPermanentProblem(state.problem) && (
            <button type="button" className="button" onClick={() => void local.start()}>
              {t('device.retry')}
            </button>
          )}
        </div>
      )}
      <button type="button" className="button big" disabled={state.status === 'starting'} onClick={onNext}>
        {t('device.next')}
      </button>
    </section>
  );
}
