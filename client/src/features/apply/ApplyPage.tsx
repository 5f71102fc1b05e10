import { useState, type FormEvent } from 'react';
import type { ApplyRequest } from '@protocol';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import type { DisputeType } from '../../api/api-types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { DisputeTypeSelect } from '../../components/DisputeTypeSelect.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { navigate } from '../../router/router.ts';
import { applicationApi } from './application-api.ts';
import { DeliveryConfirmation } from './DeliveryConfirmation.tsx';
import { rememberStatusToken } from './link-token.ts';
import { MediatorChoice } from './MediatorChoice.tsx';
import { PhoneVerification } from './PhoneVerification.tsx';
import { RELATIONSHIPS, type Relationship } from './relationships.ts';
import './apply.css';

/** Fields the form shows its own errors for; anything else is listed in the notice. */
const SHOWN = ['phone', 'smsCode', 'agent.name', 'applicant.name', 'applicant.idNumber', 'applicant.address', 'applicant.phone', 'respondent.name', 'respondent.phone', 'dispute.disputeType', 'dispute.facts', 'dispute.requests', 'orgId', 'mediatorId', 'delivery.email', 'delivery.confirmed', 'consentOnlineMediation'];

const initial = {
  onBehalf: false,
  agentName: '',
  relationship: 'child' as Relationship,
  name: '',
  idNumber: '',
  address: '',
  applicantPhone: '',
  phone: '',
  smsCode: '',
  respondentName: '',
  respondentPhone: '',
  disputeType: '' as DisputeType | '',
  facts: '',
  requests: '',
  orgId: '',
  mediatorId: '',
  email: '',
  // Electronic service needs the resident's own consent (民诉法 90): never ticked for them.
  electronicDelivery: false,
  deliveryConfirmed: false,
  consent: false,
};
export type ApplyFormState = typeof initial;

function toRequest(f: ApplyFormState): ApplyRequest {
  const optional = (value: string) => value.trim() || undefined;
  return {
    phone: f.phone.trim(),
    smsCode: f.smsCode.trim(),
    applicant: { name: f.name, idNumber: f.idNumber, address: f.address, phone: f.onBehalf ? optional(f.applicantPhone) : undefined },
    agent: f.onBehalf ? { name: f.agentName, relationship: f.relationship } : undefined,
    respondent: { name: f.respondentName, phone: f.respondentPhone.trim() },
    // An empty type is the server's to refuse, with the field named.
    dispute: { disputeType: f.disputeType as DisputeType, facts: f.facts, requests: f.requests },
    orgId: f.orgId,
    mediatorId: optional(f.mediatorId),
    delivery: { email: optional(f.email), electronicDelivery: f.electronicDelivery, confirmed: f.deliveryConfirmed as true },
    consentOnlineMediation: f.consent as true,
  };
}

/** /apply: a resident applies for people's mediation, for themselves or for a family member (代为申请). */
export function ApplyPage() {
  const { t } = useI18n();
  const query = new URLSearchParams(window.location.search);
  const [form, setForm] = useState<ApplyFormState>({ ...initial, orgId: query.get('org') ?? '', mediatorId: query.get('mediator') ?? '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const directory = useApiData('public-directory', () => applicationApi.directory());
  const set = <K extends keyof ApplyFormState>(key: K, value: ApplyFormState[K]) => setForm((current) => ({ ...current, [key]: value }));
  const err = (path: string) => error?.fieldIssue(path)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const applied = await applicationApi.submit(toRequest(form));
      rememberStatusToken(applied.statusToken);
      // In the fragment as well: the status page works without storage too (and clears the address bar).
      navigate(`/apply/status#${applied.statusToken}`, { replace: true });
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="resident-page apply-page">
      <section className="card resident-card">
        <PageHeading className="resident-title">{t('apply.title')}</PageHeading>
        <p>{t('apply.intro')}</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <fieldset className="apply-section">
            <legend>{t('apply.who')}</legend>
            <label className="choice">
              <input type="radio" name="who" checked={!form.onBehalf} onChange={() => set('onBehalf', false)} /> {t('apply.self')}
            </label>
            <label className="choice">
              <input type="radio" name="who" checked={form.onBehalf} onChange={() => set('onBehalf', true)} /> {t('apply.onBehalf')}
            </label>
            {form.onBehalf && (
              <>
                <Field label={t('apply.agentName')} error={err('agent.name')}>
                  <input name="agentName" autoComplete="name" value={form.agentName} onChange={(e) => set('agentName', e.target.value)} />
                </Field>
                <Field label={t('apply.relationship')}>
                  <select name="relationship" value={form.relationship} onChange={(e) => set('relationship', e.target.value as Relationship)}>
                    {RELATIONSHIPS.map((r) => (
                      <option key={r} value={r}>
                        {t(`apply.relationship.${r}`)}
                      </option>
                    ))}
                  </select>
                </Field>
              </>
            )}
          </fieldset>

          <fieldset className="apply-section">
            <legend>{form.onBehalf ? t('apply.applicantTitleOnBehalf') : t('apply.applicantTitle')}</legend>
            <Field label={t('apply.name')} error={err('applicant.name')}>
              <input name="applicantName" value={form.name} onChange={(e) => set('name', e.target.value)} />
            </Field>
            <Field label={t('apply.idNumber')} error={err('applicant.idNumber')}>
              <input name="idNumber" maxLength={18} value={form.idNumber} onChange={(e) => set('idNumber', e.target.value)} />
            </Field>
            <Field label={t('apply.address')} error={err('applicant.address')}>
              <input name="address" autoComplete="street-address" value={form.address} onChange={(e) => set('address', e.target.value)} />
            </Field>
            {form.onBehalf && (
              <Field label={t('apply.applicantPhone')} error={err('applicant.phone')}>
                <input name="applicantPhone" type="tel" inputMode="numeric" maxLength={11} value={form.applicantPhone} onChange={(e) => set('applicantPhone', e.target.value)} />
              </Field>
            )}
          </fieldset>

          <PhoneVerification phone={form.phone} code={form.smsCode} onPhone={(v) => set('phone', v)} onCode={(v) => set('smsCode', v)} phoneError={err('phone')} codeError={err('smsCode')} />

          <fieldset className="apply-section">
            <legend>{t('apply.respondentTitle')}</legend>
            <Field label={t('apply.name')} error={err('respondent.name')}>
              <input name="respondentName" value={form.respondentName} onChange={(e) => set('respondentName', e.target.value)} />
            </Field>
            <Field label={t('apply.respondentPhone')} error={err('respondent.phone')}>
              <input name="respondentPhone" type="tel" inputMode="numeric" maxLength={11} value={form.respondentPhone} onChange={(e) => set('respondentPhone', e.target.value)} />
            </Field>
          </fieldset>

          <fieldset className="apply-section">
            <legend>{t('apply.disputeTitle')}</legend>
            <Field label={t('apply.disputeType')} error={err('dispute.disputeType')}>
              <DisputeTypeSelect value={form.disputeType} onChange={(v) => set('disputeType', v)} emptyLabel={t('apply.chooseType')} />
            </Field>
            <Field label={t('apply.facts')} error={err('dispute.facts')}>
              <textarea name="facts" rows={4} maxLength={4000} value={form.facts} onChange={(e) => set('facts', e.target.value)} />
            </Field>
            <Field label={t('apply.requests')} error={err('dispute.requests')}>
              <textarea name="requests" rows={2} maxLength={1000} value={form.requests} onChange={(e) => set('requests', e.target.value)} />
            </Field>
          </fieldset>

          <MediatorChoice
            directory={directory.data}
            orgId={form.orgId}
            mediatorId={form.mediatorId}
            onChange={(orgId, mediatorId) => setForm((current) => ({ ...current, orgId, mediatorId }))}
            orgError={err('orgId')}
            mediatorError={err('mediatorId')}
          />

          <DeliveryConfirmation form={form} set={set} emailError={err('delivery.email')} confirmError={err('delivery.confirmed')} />

          <label className={err('consentOnlineMediation') ? 'declaration invalid' : 'declaration'}>
            <input type="checkbox" name="consentOnlineMediation" checked={form.consent} onChange={(e) => set('consent', e.target.checked)} />
            <span>{t('apply.consent')}</span>
          </label>
          {err('consentOnlineMediation') && (
            <p className="field-error" role="alert">
              {t('apply.needConfirm')}
            </p>
          )}
          <ErrorNotice error={directory.error ?? error} shownFields={SHOWN} />
          <button type="submit" className="button big" disabled={busy} data-testid="submit-application">
            {busy ? t('apply.submitting') : t('apply.submit')}
          </button>
        </form>
      </section>
    </div>
  );
}
