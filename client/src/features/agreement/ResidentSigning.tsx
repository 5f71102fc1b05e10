import { isIdLast4 } from '@protocol/id-last4.ts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { asApiError } from '../../api/api-error.ts';
import { SignaturePad } from '../../components/SignaturePad.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { residentAgreementApi, type AgreementText, type AgreementView, type SignatureMethod } from './agreement-api.ts';
import { AgreementTextView } from './AgreementTextView.tsx';
import { signatureMethodLabel, TAP_CONFIRM } from './signature-method.ts';
import { signedMemory } from './signed-memory.ts';

type Problems = Partial<Record<'name' | 'idLast4' | 'signature' | 'agree', MessageKey>>;


interface ResidentSigningProps {
  caseId: string;
  participantId: string;
  token: string;
  documentHash: string;
  text: AgreementText;
  onSigned: (view: AgreementView) => void;
  /** The agreement changed under us: load it again. */
  onStale: () => void;
}

/**
 * Signing on a phone, in order: read the whole frozen text (the steps below open only once its
 * end has been on screen), confirm name and the last four ID characters, sign by hand or tap to
 * confirm (点按确认), tick the agreement, sign. Keyed by the document hash, so a new version starts over.
 */
export function ResidentSigning({ caseId, participantId, token, documentHash, text, onSigned, onStale }: ResidentSigningProps) {
  const { t } = useI18n();
  const endRef = useRef<HTMLParagraphElement>(null);
  const [readToEnd, setReadToEnd] = useState(false);
  const [name, setName] = useState('');
  const [idLast4, setIdLast4] = useState('');
  const [method, setMethod] = useState<SignatureMethod>('handwritten');
  const [png, setPng] = useState<string>();
  const [agreed, setAgreed] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<MessageKey>();
  const [busy, setBusy] = useState(false);

  // The end of the text having been on screen is what "read to the end" means here.
  useEffect(() => {
    const end = endRef.current;
    if (!end) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        setReadToEnd(true);
        observer.disconnect();
      }
    });
    observer.observe(end);
    return () => observer.disconnect();
  }, []);

  // An error goes as soon as its field is right; the server's "does not match" as soon as either identity field is edited.
  const editName = (next: string) => {
    setName(next);
    if (next.trim()) setProblems(({ name: _fixed, ...rest }) => rest);
    setFailure((shown) => (shown === 'residentAgreement.mismatch' ? undefined : shown));
  };
  const editIdLast4 = (next: string) => {
    setIdLast4(next);
    if (isIdLast4(next)) setProblems(({ idLast4: _fixed, ...rest }) => rest);
    setFailure((shown) => (shown === 'residentAgreement.mismatch' ? undefined : shown));
  };

  const chooseMethod = (next: SignatureMethod) => {
    if (next === method) return;
    setMethod(next);
    setPng(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const last4 = idLast4.trim().toUpperCase();
    const found: Problems = {
      ...(name.trim() ? {} : { name: 'residentAgreement.invalid.name' as const }),
      ...(isIdLast4(last4) ? {} : { idLast4: 'residentAgreement.invalid.idLast4' as const }),
      ...(png ? {} : { signature: 'residentAgreement.invalid.signature' as const }),
      ...(agreed ? {} : { agree: 'residentAgreement.invalid.agree' as const }),
    };
    setProblems(found);
    setFailure(undefined);
    if (!png || Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const next = await residentAgreementApi.sign(token, caseId, { documentHash, name: name.trim(), idLast4: last4, method, signaturePng: png, agreed: true });
      signedMemory.set(caseId, participantId, documentHash);
      window.scrollTo(0, 0);
      onSigned(next);
    } catch (caught) {
      const error = asApiError(caught);
      if (error.code === 'invalid_input' && error.fieldIssue('signaturePng')) setFailure('residentAgreement.badSignature');
      else if (error.code === 'invalid_input') setFailure('residentAgreement.mismatch');
      else if (error.code === 'illegal_transition' || error.code === 'conflict') {
        setFailure('residentAgreement.changed');
        onStale();
      } else setFailure('residentAgreement.failed');
      setBusy(false);
    }
  };

  return (
    <>
      <section className="card resident-card signing-read" aria-labelledby="read-title">
        <h2 id="read-title" className="step-title">
          {t('residentAgreement.step.read')}
        </h2>
        <AgreementTextView text={text} />
        <p ref={endRef} className="agreement-end" data-testid="agreement-end">
          {t('residentAgreement.end')}
        </p>
      </section>
      {!readToEnd ? (
        <p className="card resident-card locked-notice" data-testid="sign-locked">
          {t('residentAgreement.locked')}
        </p>
      ) : (
        <form className="card resident-card signing-form" onSubmit={submit} noValidate data-testid="signing-form">
          <h2 className="step-title">{t('residentAgreement.step.identity')}</h2>
          <div className={problems.name ? 'field invalid' : 'field'}>
            <label htmlFor="sign-name">{t('residentAgreement.name')}</label>
            <input id="sign-name" name="name" autoComplete="name" maxLength={60} value={name} onChange={(e) => editName(e.target.value)} aria-invalid={!!problems.name || undefined} />
            {problems.name && <small className="field-error">{t(problems.name)}</small>}
          </div>
          <div className={problems.idLast4 ? 'field invalid' : 'field'}>
            <label htmlFor="sign-id-last4">{t('residentAgreement.idLast4')}</label>
            <input
              id="sign-id-last4"
              name="idLast4"
              className="id-last4"
              inputMode="text"
              autoComplete="off"
              autoCapitalize="characters"
              maxLength={4}
              value={idLast4}
              onChange={(e) => editIdLast4(e.target.value.toUpperCase())}
              aria-invalid={!!problems.idLast4 || undefined}
            />
            <small className="hint">{t('residentAgreement.idLast4Hint')}</small>
            {problems.idLast4 && <small className="field-error">{t(problems.idLast4)}</small>}
          </div>

          <h2 className="step-title">{t('residentAgreement.step.sign')}</h2>
          {/* biome-ignore lint/a11y/useSemanticElements: a named group of buttons, not form fields; a fieldset would bring its own border and spacing */}
          <div className="method-switch" role="group" aria-label={t('residentAgreement.step.sign')}>
            {(['handwritten', TAP_CONFIRM] as const).map((option) => (
              <button key={option} type="button" className={method === option ? 'button' : 'button secondary'} aria-pressed={method === option} onClick={() => chooseMethod(option)}>
                {t(`residentAgreement.method.${signatureMethodLabel(option)}`)}
              </button>
            ))}
          </div>
          <p className="pad-hint">{t(method === TAP_CONFIRM ? 'residentAgreement.tapConfirmHint' : 'residentAgreement.signHint')}</p>
          <SignaturePad
            key={method}
            mode={method === TAP_CONFIRM ? 'tap' : 'pen'}
            label={t('residentAgreement.padLabel')}
            height={method === TAP_CONFIRM ? 200 : 190}
            onChange={setPng}
            disabled={busy}
            testId="resident-signature-pad"
          />
          {problems.signature && !png && <p className="field-error">{t(problems.signature)}</p>}

          <h2 className="step-title">{t('residentAgreement.step.agree')}</h2>
          <label className={problems.agree && !agreed ? 'declaration big-check invalid' : 'declaration big-check'}>
            <input type="checkbox" name="agreed" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
            <span>{t('residentAgreement.agree')}</span>
          </label>
          {problems.agree && !agreed && <p className="field-error">{t(problems.agree)}</p>}
          {failure && (
            <p className="notice error" role="alert" data-testid="sign-problem">
              {t(failure)}
            </p>
          )}
          <button type="submit" className="button big" disabled={busy}>
            {busy ? t('residentAgreement.submitting') : t('residentAgreement.submit')}
          </button>
        </form>
      )}
    </>
  );
}
