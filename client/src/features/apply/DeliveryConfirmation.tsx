import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ApplyFormState } from './ApplyPage.tsx';

interface DeliveryConfirmationProps {
  form: ApplyFormState;
  set: <K extends keyof ApplyFormState>(key: K, value: ApplyFormState[K]) => void;
  emailError?: string | undefined;
  confirmError?: string | undefined;
}

/** 送达地址确认书: the address and phone above serve documents; an e-mail may be added; electronic service is a separate choice. */
export function DeliveryConfirmation({ form, set, emailError, confirmError }: DeliveryConfirmationProps) {
  const { t } = useI18n();
  return (
    <fieldset className="apply-section delivery-confirmation">
      <legend>{t('apply.deliveryTitle')}</legend>
      <p className="delivery-text">{t('apply.deliveryText')}</p>
      <dl className="delivery-summary">
        <dt>{t('apply.address')}</dt>
        <dd data-testid="delivery-address">{form.address || '—'}</dd>
        <dt>{t('apply.phone')}</dt>
        <dd>{form.phone || '—'}</dd>
      </dl>
      <Field label={t('apply.email')} error={emailError}>
        <input name="email" type="email" autoComplete="email" value={form.email} onChange={(e) => set('email', e.target.value)} />
      </Field>
      <label className="declaration">
        <input type="checkbox" name="electronicDelivery" checked={form.electronicDelivery} onChange={(e) => set('electronicDelivery', e.target.checked)} />
        <span>{t('apply.electronicDelivery')}</span>
      </label>
      <label className={confirmError ? 'declaration invalid' : 'declaration'}>
        <input type="checkbox" name="deliveryConfirmed" checked={form.deliveryConfirmed} onChange={(e) => set('deliveryConfirmed', e.target.checked)} />
        <span>{t('apply.deliveryConfirmed')}</span>
      </label>
      {confirmError && (
        <p className="field-error" role="alert">
          {t('apply.needConfirm')}
        </p>
      )}
    </fieldset>
  );
}
