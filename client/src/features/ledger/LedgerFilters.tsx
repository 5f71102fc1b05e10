import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import { CASE_STATUSES, type DisputeType } from '../../api/api-types.ts';
import { DisputeTypeSelect } from '../../components/DisputeTypeSelect.tsx';
import { Field } from '../../components/Field.tsx';
import { fieldErrorText } from '../../components/field-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { LedgerSearch } from './ledger-api.ts';

const CHANNELS = ['resident_application', 'grid_report', 'court_referral', 'hotline', 'police', 'petition', 'enterprise'] as const;

interface LedgerFiltersProps {
  query: LedgerSearch;
  mediators: Array<{ mediatorId: string; name: string }>;
  error: ApiError | undefined;
  onApply: (query: LedgerSearch) => void;
}

/** Every filter of the ledger; applied on submit. Empty controls mean "no filter". */
export function LedgerFilters({ query, mediators, error, onApply }: LedgerFiltersProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<LedgerSearch>(query);
  const set = (key: keyof LedgerSearch) => (value: string) => setDraft((current) => ({ ...current, [key]: value || undefined }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A new filter starts from its first page.
    const { page: _page, ...filter } = draft;
    onApply({ ...filter, q: filter.q?.trim() || undefined, areaCode: filter.areaCode?.trim() || undefined, grid: filter.grid?.trim() || undefined });
  };
  const reset = () => {
    setDraft({});
    onApply({});
  };

  return (
    <form className="card ledger-filters form-grid" onSubmit={submit} data-testid="ledger-filters">
      <Field label={t('ledger.q')}>
        <input name="q" type="search" value={draft.q ?? ''} onChange={(e) => set('q')(e.target.value)} />
      </Field>
      <Field label={t('ledger.channel')}>
        <select name="channel" value={draft.channel ?? ''} onChange={(e) => set('channel')(e.target.value)}>
          <option value="">{t('ledger.allChannels')}</option>
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {t(`channel.${channel}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('ledger.disputeType')}>
        <DisputeTypeSelect value={(draft.disputeType ?? '') as DisputeType | ''} onChange={set('disputeType')} emptyLabel={t('ledger.allTypes')} />
      </Field>
      <Field label={t('ledger.status')}>
        <select name="status" value={draft.status ?? ''} onChange={(e) => set('status')(e.target.value)}>
          <option value="">{t('ledger.allStatuses')}</option>
          {CASE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('ledger.areaCode')} hint={t('ledger.areaHint')} error={fieldErrorText(error, 'areaCode', t, 'ledger.invalid.areaCode')}>
        <input name="areaCode" inputMode="numeric" value={draft.areaCode ?? ''} onChange={(e) => set('areaCode')(e.target.value)} />
      </Field>
      <Field label={t('ledger.grid')}>
        <input name="grid" value={draft.grid ?? ''} onChange={(e) => set('grid')(e.target.value)} />
      </Field>
      <Field label={t('ledger.mediator')}>
        <select name="mediatorId" value={draft.mediatorId ?? ''} onChange={(e) => set('mediatorId')(e.target.value)}>
          <option value="">{t('ledger.allMediators')}</option>
          {mediators.map((m) => (
            <option key={m.mediatorId} value={m.mediatorId}>
              {m.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('ledger.from')}>
        <input name="from" type="date" value={draft.from ?? ''} onChange={(e) => set('from')(e.target.value)} />
      </Field>
      <Field label={t('ledger.to')} error={fieldErrorText(error, 'to', t, 'ledger.invalid.to')}>
        <input name="to" type="date" value={draft.to ?? ''} onChange={(e) => set('to')(e.target.value)} />
      </Field>
      <Field label={t('ledger.followUp')}>
        <select name="followUp" value={draft.followUp ?? ''} onChange={(e) => set('followUp')(e.target.value)}>
          <option value="">{t('ledger.followUpAny')}</option>
          <option value="pending">{t('ledger.followUpPending')}</option>
          <option value="due">{t('ledger.followUpDue')}</option>
        </select>
      </Field>
      <label className="inline-field ledger-mine">
        <input type="checkbox" name="mine" checked={draft.mine === 'true'} onChange={(e) => set('mine')(e.target.checked ? 'true' : '')} />
        {t('ledger.mine')}
      </label>
      <div className="actions">
        <button type="submit" className="button small">
          {t('ledger.apply')}
        </button>
        <button type="button" className="button small secondary" onClick={reset}>
          {t('ledger.reset')}
        </button>
      </div>
    </form>
  );
}
