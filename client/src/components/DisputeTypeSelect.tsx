import type { SelectHTMLAttributes } from 'react';
import { DISPUTE_TYPES, type DisputeType } from '../api/api-types.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface DisputeTypeSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  value: DisputeType | '';
  onChange: (value: DisputeType | '') => void;
  emptyLabel: string;
}

/**
 * A choice of dispute type, with a first empty option ("choose…" or "all types"). Other attributes
 * (the id and aria-* a surrounding Field gives its control) reach the select, so its label names it.
 */
export function DisputeTypeSelect({ value, onChange, emptyLabel, ...attributes }: DisputeTypeSelectProps) {
  const { t } = useI18n();
  return (
    <select name="disputeType" {...attributes} value={value} onChange={(e) => onChange(e.target.value as DisputeType | '')}>
      <option value="">{emptyLabel}</option>
      {DISPUTE_TYPES.map((type) => (
        <option key={type} value={type}>
          {t(`dispute.${type}`)}
        </option>
      ))}
    </select>
  );
}
