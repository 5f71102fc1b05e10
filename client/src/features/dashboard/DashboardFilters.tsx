import { useState, type FormEvent } from 'react';
import { DisputeTypeSelect } from '../../components/DisputeTypeSelect.tsx';
import type { ApiError } from '../../api/api-error.ts';
import { Field } from '../../components/Field.tsx';
import { fieldErrorText } from '../../components/field-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StatisticsQuery } from './dashboard-api.ts';

interface DashboardFiltersProps {
  query: StatisticsQuery;
  error: ApiError | undefined;
  onApply: (query: StatisticsQuery) => void;
}

/** Month range, dispute type and area; applied on submit, not on every keystroke. */
export function DashboardFilters({ query, error, onApply }: DashboardFiltersProps) {
  const { t } = useI18n();
  const [from, setFrom] = useState(query.from ?? '');
  const [to, setTo] = useState(query.to ?? '');
  const [disputeType, setDisputeType] = useState<StatisticsQuery['disputeType'] | ''>(query.disputeType ?? '');
  const [areaCode, setAreaCode] = useState(query.areaCode ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Empty controls mean "no filter"; the protocol schema judges the rest before anything is sent.
    onApply({ from: from || undefined, to: to || undefined, disputeType: disputeType || undefined, areaCode: areaCode.trim() || undefined });
  };
  const reset = () => {
    setFrom('');
    setTo('');
    setDisputeType('');
    setAreaCode('');
    onApply({});
  };

  return (
    <form className="card dashboard-filters form-grid" onSubmit={submit} data-testid="dashboard-filters">
      <Field label={t('dashboard.from')} error={fieldErrorText(error, 'from', t, 'dashboard.invalid.from')}>
        <input type="month" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />
      </Field>
      <Field label={t('dashboard.to')} error={fieldErrorText(error, 'to', t, 'dashboard.invalid.to')}>
        <input type="month" name="to" value={to} onChange={(e) => setTo(e.target.value)} />
      </Field>
      <Field label={t('dashboard.disputeType')}>
        <DisputeTypeSelect value={disputeType ?? ''} onChange={setDisputeType} emptyLabel={t('dashboard.allTypes')} />
      </Field>
      <Field label={t('dashboard.areaCode')} hint={t('dashboard.areaHint')} error={fieldErrorText(error, 'areaCode', t, 'dashboard.invalid.areaCode')}>
        <input name="areaCode" inputMode="numeric" value={areaCode} onChange={(e) => setAreaCode(e.target.value)} />
      </Field>
      <div className="actions">
        <button type="submit" className="button small">
          {t('dashboard.apply')}
        </button>
        <button type="button" className="button small secondary" onClick={reset}>
          {t('dashboard.reset')}
        </button>
      </div>
    </form>
  );
}
