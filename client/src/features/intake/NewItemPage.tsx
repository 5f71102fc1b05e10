import { LogItemRequestSchema } from '@protocol';
import { useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { validateRequest } from '../../api/validate.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { navigate } from '../../router/router.ts';
import { GridPicker } from './GridPicker.tsx';
import './intake.css';
import { intakeApi } from './intake-api.ts';
import '../cases/staff-pages.css';

const KINDS = ['hazard', 'opinion'] as const;
const SHOWN = ['kind', 'gridCode', 'title', 'description'] as const;

/** Logging a hazard (隐患) or a resident's request (民意诉求): matters that need no mediation. */
export function NewItemPage() {
  const { t } = useI18n();
  const grids = useApiData('grids', intakeApi.grids);
  const [form, setForm] = useState({ kind: 'hazard' as (typeof KINDS)[number], gridCode: '', title: '', description: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const issue = (path: string) => (error?.fieldIssue(path) ? t('report.required') : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      await intakeApi.logItem(validateRequest(LogItemRequestSchema, form));
      navigate('/grid');
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };

  return (
    <form className="card form intake-page" onSubmit={submit} noValidate aria-busy={busy}>
      <p>
        <Link href="/grid">{t('grid.back')}</Link>
      </p>
      <PageHeading>{t('item.newTitle')}</PageHeading>
      <p className="muted">{t('item.intro')}</p>
      <fieldset className="choice-group">
        <legend>{t('item.kind')}</legend>
        {KINDS.map((kind) => (
          <label key={kind} className="choice">
            <input type="radio" name="kind" value={kind} checked={form.kind === kind} onChange={() => setForm((f) => ({ ...f, kind }))} /> {t(`item.kind.${kind}`)}
          </label>
        ))}
      </fieldset>
      <Field label={t('grid.picker')} hint={t('grid.pickerHint')} error={issue('gridCode')}>
        <GridPicker nodes={grids.data ?? []} value={form.gridCode} onChange={(gridCode) => setForm((f) => ({ ...f, gridCode }))} />
      </Field>
      <Field label={t('item.itemTitle')} error={issue('title')}>
        <input name="title" value={form.title} onChange={(e) => setForm((f) => ({ ...f, title: e.target.value }))} maxLength={80} />
      </Field>
      <Field label={t('item.description')}>
        <textarea name="description" value={form.description} onChange={(e) => setForm((f) => ({ ...f, description: e.target.value }))} rows={4} maxLength={2000} />
      </Field>
      <ErrorNotice error={error ?? grids.error} shownFields={SHOWN} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('common.saving') : t('item.submit')}
        </button>
      </div>
    </form>
  );
}
