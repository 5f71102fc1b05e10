import { useI18n } from '../../i18n/i18n.tsx';

/** One yes/no question as two big radio buttons (phones first). */
export function YesNoQuestion({ name, label, value, onChange }: { name: string; label: string; value: boolean | undefined; onChange: (value: boolean) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="confirmation-question" data-testid={`question-${name}`}>
      <legend>{label}</legend>
      <label className="choice">
        <input type="radio" name={name} checked={value === true} onChange={() => onChange(true)} /> {t('confirmation.yes')}
      </label>
      <label className="choice">
        <input type="radio" name={name} checked={value === false} onChange={() => onChange(false)} /> {t('confirmation.no')}
      </label>
    </fieldset>
  );
}
