import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import type { SessionKind } from '../../api/api-types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { forKind } from '../room/session-kind.ts';
import { StepHeader } from './StepHeader.tsx';

/**
 * Step 2: the warning against false mediation and the promise not to record, both to accept; the
 * recording consent asked apart, as its own yes/no question with no answer chosen in advance.
 * The warning stays the same in a hearing: the agreement the court is asked to confirm came from mediation.
 */
export function DeclarationStep({ kind, onSubmit }: { kind: SessionKind; onSubmit: (recordingConsent: boolean) => Promise<ApiError | undefined> }) {
  const { t } = useI18n();
  const [warningRead, setWarningRead] = useState(false);
  const [noRecording, setNoRecording] = useState(false);
  const [consent, setConsent] = useState<'yes' | 'no'>();
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!warningRead || !noRecording || !consent) return;
    setBusy(true);
    setError(await onSubmit(consent === 'yes'));
    setBusy(false);
  };

  return (
    <form className="card resident-card declaration-step" onSubmit={submit} noValidate data-testid="declaration-step">
      <StepHeader title={t(forKind('declare.title', kind))} step={2} total={3} kind={kind} />
      <section className="warning-box">
        <h2>{t('declare.warningTitle')}</h2>
        <p>{t('declare.warning')}</p>
        <label className={`declaration big-check ${tried && !warningRead ? 'invalid' : ''}`}>
          <input type="checkbox" checked={warningRead} onChange={(e) => setWarningRead(e.target.checked)} />
          <span>{t('declare.warningRead')}</span>
        </label>
        {tried && !warningRead && <p className="field-error">{t('declare.missingWarning')}</p>}
      </section>
      <section className="promise-box">
        <h2>{t('declare.noRecordingTitle')}</h2>
        <p>{t(forKind('declare.noRecording', kind))}</p>
        <label className={`declaration big-check ${tried && !noRecording ? 'invalid' : ''}`}>
          <input type="checkbox" checked={noRecording} onChange={(e) => setNoRecording(e.target.checked)} />
          <span>{t('declare.noRecordingAccept')}</span>
        </label>
        {tried && !noRecording && <p className="field-error">{t('declare.missingNoRecording')}</p>}
      </section>
      <fieldset className={`consent-question ${tried && !consent ? 'invalid' : ''}`}>
        <legend>{t(forKind('declare.recordingQuestion', kind))}</legend>
        <p className="muted">{t(forKind('declare.recordingNote', kind))}</p>
        <label className="declaration big-check">
          <input type="radio" name="recordingConsent" value="yes" checked={consent === 'yes'} onChange={() => setConsent('yes')} />
          <span>{t(forKind('declare.recordingYes', kind))}</span>
        </label>
        <label className="declaration big-check">
          <input type="radio" name="recordingConsent" value="no" checked={consent === 'no'} onChange={() => setConsent('no')} />
          <span>{t(forKind('declare.recordingNo', kind))}</span>
        </label>
        {tried && !consent && <p className="field-error">{t('declare.missingRecording')}</p>}
      </fieldset>
      <ErrorNotice error={error} />
      <button type="submit" className="button big" disabled={busy}>
        {t('declare.submit')}
      </button>
    </form>
  );
}
