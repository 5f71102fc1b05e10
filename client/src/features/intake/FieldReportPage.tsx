import { FieldReportRequestSchema } from '@protocol';
import { useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import type { DisputeType, StaffCaseView } from '../../api/api-types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { validateRequest } from '../../api/validate.ts';
import { DisputeTypeSelect } from '../../components/DisputeTypeSelect.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { GridPicker } from './GridPicker.tsx';
import './intake.css';
import { intakeApi } from './intake-api.ts';
import '../cases/staff-pages.css';

const SHOWN = ['gridCode', 'disputeType', 'title', 'description', 'parties.0.name', 'parties.0.phone', 'parties.1.name', 'externalRef'] as const;

/** A grid worker's report of a dispute, from a phone: the grid from the registry, the parties met, photos of the scene. */
export function FieldReportPage() {
  const { t } = useI18n();
  const grids = useApiData('grids', intakeApi.grids);
  const [form, setForm] = useState({ gridCode: '', disputeType: '' as DisputeType | '', title: '', description: '', applicant: '', applicantPhone: '', respondent: '', externalRef: '' });
  const [photos, setPhotos] = useState<File[]>([]);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [filed, setFiled] = useState<{ c: StaffCaseView; failures: string[] }>();
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: event.target.value }));
  const issue = (path: string) => (error?.fieldIssue(path) ? t('report.required') : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setBusy(t('report.submitting'));
    try {
      const request = validateRequest(FieldReportRequestSchema, {
        gridCode: form.gridCode,
        disputeType: form.disputeType || undefined,
        title: form.title,
        description: form.description,
        ...(form.externalRef.trim() ? { externalRef: form.externalRef.trim() } : {}),
        parties: [
          { role: 'applicant', name: form.applicant, ...(form.applicantPhone.trim() ? { phone: form.applicantPhone.trim() } : {}) },
          ...(form.respondent.trim() ? [{ role: 'respondent', name: form.respondent }] : []),
        ],
      });
      let c = await intakeApi.fileReport(request);
      // The case exists now; a photo that fails is reported, not a reason to file twice.
      const failures: string[] = [];
      for (const [i, photo] of photos.entries()) {
        setBusy(t('report.uploading', { done: i, total: photos.length }));
        try {
          c = await intakeApi.addPhoto(c.caseId, photo);
        } catch (caught) {
          failures.push(t('report.photoFailed', { name: photo.name, message: t(`error.${asApiError(caught).code}`) }));
        }
      }
      setFiled({ c, failures });
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(undefined);
    }
  };

  if (filed) {
    return (
      <section className="card intake-page" data-testid="report-filed">
        <PageHeading>{t('report.title')}</PageHeading>
        <p className="notice" role="status">
          {t('report.filed', { caseNumber: filed.c.caseNumber })} {t('report.photosAdded', { count: filed.c.photos?.length ?? 0 })}
        </p>
        {filed.failures.map((failure) => (
          <p key={failure} className="notice error" role="alert">
            {failure}
          </p>
        ))}
        <p className="actions">
          <Link className="button" href={`/cases/${encodeURIComponent(filed.c.caseId)}`}>
            {t('report.openCase')}
          </Link>
          <Link href="/grid">{t('grid.back')}</Link>
        </p>
      </section>
    );
  }

  return (
    <form className="card form intake-page" onSubmit={submit} noValidate aria-busy={!!busy}>
      <p>
        <Link href="/grid">{t('grid.back')}</Link>
      </p>
      <PageHeading>{t('report.title')}</PageHeading>
      <p className="muted">{t('report.intro')}</p>
      <Field label={t('grid.picker')} hint={t('grid.pickerHint')} error={issue('gridCode')}>
        <GridPicker nodes={grids.data ?? []} value={form.gridCode} onChange={(gridCode) => setForm((f) => ({ ...f, gridCode }))} />
      </Field>
      <Field label={t('report.disputeType')} error={issue('disputeType')}>
        <DisputeTypeSelect value={form.disputeType} onChange={(disputeType) => setForm((f) => ({ ...f, disputeType }))} emptyLabel={t('report.disputeTypeEmpty')} />
      </Field>
      <Field label={t('report.caseTitle')} hint={t('report.caseTitleHint')} error={issue('title')}>
        <input name="title" value={form.title} onChange={set('title')} maxLength={80} />
      </Field>
      <Field label={t('report.description')} error={issue('description')}>
        <textarea name="description" value={form.description} onChange={set('description')} rows={4} maxLength={2000} />
      </Field>
      <Field label={t('report.applicant')} error={issue('parties.0.name')}>
        <input name="applicant" value={form.applicant} onChange={set('applicant')} maxLength={60} autoComplete="off" />
      </Field>
      <Field label={t('report.applicantPhone')} error={error?.fieldIssue('parties.0.phone') ? t('error.invalid_input') : undefined}>
        <input name="applicantPhone" value={form.applicantPhone} onChange={set('applicantPhone')} inputMode="tel" maxLength={20} autoComplete="off" />
      </Field>
      <Field label={t('report.respondent')} error={issue('parties.1.name')}>
        <input name="respondent" value={form.respondent} onChange={set('respondent')} maxLength={60} autoComplete="off" />
      </Field>
      <Field label={<>{t('case.externalRef')} <span className="muted">{t('common.optional')}</span></>} error={error?.fieldIssue('externalRef') ? t('caseForm.invalid.externalRef') : undefined}>
        <input name="externalRef" value={form.externalRef} onChange={set('externalRef')} maxLength={40} autoComplete="off" />
      </Field>
      <Field label={t('report.photos')} hint={t('report.photosHint')}>
        <input name="photos" type="file" accept="image/*" multiple onChange={(e) => setPhotos([...(e.target.files ?? [])])} />
      </Field>
      <ErrorNotice error={error ?? grids.error} shownFields={SHOWN} />
      <div className="actions">
        <button type="submit" className="button" disabled={!!busy}>
          {busy ?? t('report.submit')}
        </button>
      </div>
    </form>
  );
}
