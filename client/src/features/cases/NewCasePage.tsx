import { CreateCaseRequestSchema, IntakeChannelSchema, type AccountView } from '@protocol';
import { useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import type { DisputeType, IntakeChannel } from '../../api/api-types.ts';
import { casesApi } from '../../api/cases-api.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useStaffSession } from '../../api/use-staff-session.ts';
import { validateRequest } from '../../api/validate.ts';
import { DisputeTypeSelect } from '../../components/DisputeTypeSelect.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { fieldErrorText } from '../../components/field-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { navigate } from '../../router/router.ts';
import './staff-pages.css';

/** Which channels each role may open a case through (the server refuses the others). */
function channelsFor(role: AccountView['role']): IntakeChannel[] {
  const all = IntakeChannelSchema.options;
  if (role === 'judge') return ['court_referral'];
  if (role === 'admin') return all;
  return all.filter((channel) => channel !== 'court_referral');
}

function defaultChannel(role: AccountView['role']): IntakeChannel {
  if (role === 'judge') return 'court_referral';
  if (role === 'grid_worker') return 'grid_report';
  return 'resident_application';
}

const FORM_FIELDS = ['channel', 'disputeType', 'title', 'summary', 'areaCode', 'grid', 'orgId', 'externalRef'] as const;

export function NewCasePage() {
  const account = useStaffSession()?.account;
  if (!account) return null;
  return <NewCaseForm account={account} />;
}

function NewCaseForm({ account }: { account: AccountView }) {
  const { t } = useI18n();
  // Staff of an organisation open cases for it; judges and admins choose one.
  const choosesOrg = account.role === 'admin' || account.role === 'judge';
  const orgs = useApiData(`orgs:${choosesOrg}`, async () => (choosesOrg ? casesApi.orgs() : []));
  const [form, setForm] = useState({
    channel: defaultChannel(account.role) as string,
    disputeType: '',
    title: '',
    summary: '',
    areaCode: '',
    grid: '',
    orgId: '',
    externalRef: '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: event.target.value }));
  const err = (path: string, wording: Parameters<typeof fieldErrorText>[3]) => fieldErrorText(error, path, t, wording);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      const request = validateRequest(CreateCaseRequestSchema, {
        ...form,
        grid: form.grid.trim() || undefined,
        externalRef: form.externalRef.trim() || undefined,
        orgId: choosesOrg ? form.orgId || undefined : undefined,
      });
      const created = await casesApi.create(request);
      navigate(`/cases/${encodeURIComponent(created.caseId)}`);
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} noValidate aria-busy={busy}>
      <p>
        <Link href="/cases">{t('case.backToList')}</Link>
      </p>
      <h1>{t('caseForm.title')}</h1>
      {account.role === 'mediator' && <p className="muted">{t('caseForm.mediatorNote')}</p>}
      <div className="form-grid">
        <Field label={t('caseForm.channel')} error={err('channel', 'caseForm.invalid.channel')}>
          <select name="channel" value={form.channel} onChange={set('channel')}>
            {channelsFor(account.role).map((channel) => (
              <option key={channel} value={channel}>
                {t(`channel.${channel}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('caseForm.disputeType')} error={err('disputeType', 'caseForm.invalid.disputeType')}>
          <DisputeTypeSelect value={form.disputeType as DisputeType | ''} onChange={(value) => setForm((f) => ({ ...f, disputeType: value }))} emptyLabel={t('common.choose')} />
        </Field>
      </div>
      <Field label={t('caseForm.caseTitle')} hint={t('caseForm.caseTitleHint')} error={err('title', 'caseForm.invalid.title')}>
        <input name="title" value={form.title} onChange={set('title')} maxLength={80} />
      </Field>
      <Field label={t('caseForm.summary')} hint={t('caseForm.summaryHint')} error={err('summary', 'caseForm.invalid.summary')}>
        <textarea name="summary" value={form.summary} onChange={set('summary')} rows={5} maxLength={4000} />
      </Field>
      <div className="form-grid">
        <Field label={t('caseForm.areaCode')} hint={t('caseForm.areaCodeHint')} error={err('areaCode', 'caseForm.invalid.areaCode')}>
          <input name="areaCode" value={form.areaCode} onChange={set('areaCode')} inputMode="numeric" maxLength={12} />
        </Field>
        <Field label={<>{t('caseForm.grid')} <span className="muted">{t('common.optional')}</span></>} error={err('grid', 'caseForm.invalid.grid')}>
          <input name="grid" value={form.grid} onChange={set('grid')} maxLength={40} />
        </Field>
      </div>
      <Field label={<>{t('case.externalRef')} <span className="muted">{t('common.optional')}</span></>} error={err('externalRef', 'caseForm.invalid.externalRef')}>
        <input name="externalRef" value={form.externalRef} onChange={set('externalRef')} maxLength={40} />
      </Field>
      {choosesOrg && (
        <Field label={t('caseForm.org')} error={err('orgId', 'caseForm.invalid.orgId')}>
          <select name="orgId" value={form.orgId} onChange={set('orgId')}>
            <option value="">{t('common.choose')}</option>
            {(orgs.data ?? []).map((org) => (
              <option key={org.orgId} value={org.orgId}>
                {org.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <ErrorNotice error={error ?? orgs.error} shownFields={FORM_FIELDS} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('common.saving') : t('caseForm.submit')}
        </button>
      </div>
    </form>
  );
}
