import { useEffect, useState } from 'react';
import type { SendCodeResponse } from '@protocol';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { applicationApi } from './application-api.ts';

interface PhoneVerificationProps {
  phone: string;
  code: string;
  onPhone: (phone: string) => void;
  onCode: (code: string) => void;
  phoneError?: string | undefined;
  codeError?: string | undefined;
}

/** The mobile of whoever fills the form and its SMS code; a demo installation also shows the SMS it sent. */
export function PhoneVerification({ phone, code, onPhone, onCode, phoneError, codeError }: PhoneVerificationProps) {
  const { t } = useI18n();
  const [sent, setSent] = useState<SendCodeResponse>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [wait, setWait] = useState(0);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const response = await applicationApi.sendCode(phone.trim());
      setSent(response);
      setWait(response.resendAfterSeconds);
    } catch (caught) {
      const failure = asApiError(caught);
      setError(failure);
      if (failure.retryAfterSeconds && failure.retryAfterSeconds <= 120) setWait(failure.retryAfterSeconds);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="apply-section">
      <legend>{t('apply.phoneTitle')}</legend>
      <Field label={t('apply.phone')} error={phoneError ?? error?.fieldIssue('phone')?.message}>
        <input name="phone" type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} value={phone} onChange={(e) => onPhone(e.target.value)} />
      </Field>
      <button type="button" className="button secondary" disabled={busy || wait > 0 || phone.trim().length !== 11} onClick={() => void send()} data-testid="send-code">
        {busy ? t('apply.sending') : wait > 0 ? t('apply.resendIn', { seconds: wait }) : t('apply.sendCode')}
      </button>
      <ErrorNotice error={error} shownFields={['phone']} />
      {sent && <p className="muted">{t('apply.codeSent', { minutes: Math.round(sent.ttlSeconds / 60) })}</p>}
      {sent?.demoMessage && (
        <div className="notice demo-sms" role="status" data-testid="demo-sms">
          <p className="demo-sms-label">{t('apply.demoSms')}</p>
          <p>{sent.demoMessage}</p>
        </div>
      )}
      <Field label={t('apply.code')} error={codeError}>
        <input name="smsCode" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => onCode(e.target.value)} />
      </Field>
    </fieldset>
  );
}
