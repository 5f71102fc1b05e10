import { DISPUTE_TYPES, type DisputeType } from '../api/api-types.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** A choice of dispute type, with a first empty option ("choose…" or "all types"). */
export function DisputeTypeSelect({ value, onChange, emptyLabel }: { value: DisputeType | ''; onChange: (value: DisputeType | '') => void; emptyLabel: string }) {
  const { t } = useI18n();
  return (
    <select name="disputeType" value={value} onChange={(e) => onChange(e.target.value as DisputeType | '')}>
      <option value="">{emptyLabel}</option>
      {DISPUTE_TYPES.map((type) => (
        <option key={type} value={type}>
          {t(`dispute.${type}`)}
        </option>
      ))}
    </select>
  );
}
