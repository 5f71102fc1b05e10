import { AddParticipantRequestSchema } from '@protocol';
import { useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import type { StaffCaseView } from '../../api/api-types.ts';
import { casesApi } from '../../api/cases-api.ts';
import { validateRequest } from '../../api/validate.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { fieldErrorText } from '../../components/field-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';

const EMPTY = {
  role: 'applicant',
  personKind: 'natural',
  name: '',
  sex: '',
  ethnicity: '',
  idNumber: '',
  phone: '',
  address: '',
  representing: '',
  legalRepresentative: '',
};

/** Adds a party or an agent. ID number, mobile and address go to the server once and come back masked. */
export function AddParticipantForm({ c, onAdded }: { c: StaffCaseView; onAdded: (next: StaffCaseView) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const set = (name: keyof typeof EMPTY) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: event.target.value }));
  const err = (path: string, wording?: Parameters<typeof fieldErrorText>[3]) => fieldErrorText(error, path, t, wording);
  const parties = c.participants.filter((p) => p.role !== 'agent');
  const isAgent = form.role === 'agent';
  const isOrganization = form.personKind === 'organization';
  const optional = <span className="muted">{t('common.optional')}</span>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const blankToUndefined = (value: string) => (value.trim() ? value : undefined);
    try {
      const request = validateRequest(AddParticipantRequestSchema, {
        role: form.role,
        personKind: form.personKind,
        name: form.name,
        representing: isAgent ? blankToUndefined(form.representing) : undefined,
        sex: isOrganization ? undefined : blankToUndefined(form.sex),
        ethnicity: isOrganization ? undefined : blankToUndefined(form.ethnicity),
        idNumber: isOrganization ? undefined : blankToUndefined(form.idNumber),
        phone: blankToUndefined(form.phone),
        address: blankToUndefined(form.address),
        legalRepresentative: isOrganization ? blankToUndefined(form.legalRepresentative) : undefined,
      });
      const { case: next } = await casesApi.addParticipant(c.caseId, request);
      setForm(EMPTY);
      onAdded(next);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-participant stack" onSubmit={submit} noValidate aria-busy={busy}>
      <div className="form-grid">
        <Field label={t('participantForm.role')} error={err('role')}>
          <select name="role" value={form.role} onChange={set('role')}>
            <option value="applicant">{t('party.applicant')}</option>
            <option value="respondent">{t('party.respondent')}</option>
            <option value="agent">{t('party.agent')}</option>
          </select>
        </Field>
        <Field label={t('participantForm.personKind')} error={err('personKind')}>
          <select name="personKind" value={form.personKind} onChange={set('personKind')}>
            <option value="natural">{t('personKind.natural')}</option>
            <option value="organization">{t('personKind.organization')}</option>
          </select>
        </Field>
      </div>
      {isAgent && (
        <Field label={t('participantForm.representing')} error={err('representing', 'participantForm.invalid.representing')}>
          <select name="representing" value={form.representing} onChange={set('representing')}>
            <option value="">{t('common.choose')}</option>
            {parties.map((p) => (
              <option key={p.participantId} value={p.participantId}>
                {t(`party.${p.role}`)} {p.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label={t('participantForm.name')} error={err('name', 'participantForm.invalid.name')}>
        <input name="name" value={form.name} onChange={set('name')} maxLength={60} autoComplete="off" />
      </Field>
      {isOrganization ? (
        <Field label={<>{t('participantForm.legalRepresentative')} {optional}</>} error={err('legalRepresentative')}>
          <input name="legalRepresentative" value={form.legalRepresentative} onChange={set('legalRepresentative')} maxLength={60} autoComplete="off" />
        </Field>
      ) : (
        <>
          <div className="form-grid">
            <Field label={<>{t('participantForm.sex')} {optional}</>} error={err('sex')}>
              <select name="sex" value={form.sex} onChange={set('sex')}>
                <option value="">{t('common.choose')}</option>
                <option value="male">{t('sex.male')}</option>
                <option value="female">{t('sex.female')}</option>
              </select>
            </Field>
            <Field label={<>{t('participantForm.ethnicity')} {optional}</>} error={err('ethnicity', 'participantForm.invalid.ethnicity')}>
              <input name="ethnicity" value={form.ethnicity} onChange={set('ethnicity')} maxLength={20} autoComplete="off" />
            </Field>
          </div>
          <Field label={<>{t('participantForm.idNumber')} {optional}</>} error={err('idNumber', 'participantForm.invalid.idNumber')}>
            <input name="idNumber" value={form.idNumber} onChange={set('idNumber')} maxLength={18} autoComplete="off" spellCheck={false} className="mono" />
          </Field>
        </>
      )}
      <Field label={<>{t('participantForm.phone')} {optional}</>} error={err('phone', 'participantForm.invalid.phone')}>
        <input name="phone" type="tel" inputMode="numeric" value={form.phone} onChange={set('phone')} maxLength={11} autoComplete="off" className="mono" />
      </Field>
      <Field label={<>{t('participantForm.address')} {optional}</>} error={err('address', 'participantForm.invalid.address')}>
        <input name="address" value={form.address} onChange={set('address')} maxLength={200} autoComplete="off" />
      </Field>
      <p className="muted">{t('participantForm.piiNote')}</p>
      <ErrorNotice error={error} shownFields={Object.keys(EMPTY)} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('common.saving') : t('participantForm.submit')}
        </button>
      </div>
    </form>
  );
}
