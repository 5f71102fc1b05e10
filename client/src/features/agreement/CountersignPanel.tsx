import { useState } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { SignaturePad } from '../../components/SignaturePad.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { staffAgreementApi, type AgreementView } from './agreement-api.ts';

/** The mediator signs last: the server then makes the sealed PDF and the agreement takes effect. */
export function CountersignPanel({ caseId, documentHash, onDone }: { caseId: string; documentHash: string; onDone: (view: AgreementView) => void }) {
  const { t } = useI18n();
  const [png, setPng] = useState<string>();
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async () => {
    if (!png) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onDone(await staffAgreementApi.countersign(caseId, { documentHash, signaturePng: png }));
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };

  return (
    <section className="card countersign" aria-labelledby="countersign-title" data-testid="countersign">
      <h2 id="countersign-title">{t('agreement.countersign.title')}</h2>
      <p>{t('agreement.countersign.intro')}</p>
      <SignaturePad label={t('agreement.countersign.padLabel')} onChange={(next) => {
          setPng(next);
          if (next) setMissing(false);
        }} height={170} disabled={busy} testId="mediator-signature-pad" />
      {missing && <p className="field-error">{t('agreement.countersign.needSignature')}</p>}
      <ErrorNotice error={error} />
      <button type="button" className="button countersign-submit" onClick={() => void submit()} disabled={busy}>
        {busy ? t('agreement.countersign.busy') : t('agreement.countersign.submit')}
      </button>
    </section>
  );
}
