import type { PublicDirectory } from '@protocol';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';

interface MediatorChoiceProps {
  directory: PublicDirectory | undefined;
  orgId: string;
  mediatorId: string;
  onChange: (orgId: string, mediatorId: string) => void;
  orgError?: string | undefined;
  mediatorError?: string | undefined;
}

/** The organisation, and optionally a mediator of it, from the public directory (free of charge). */
export function MediatorChoice({ directory, orgId, mediatorId, onChange, orgError, mediatorError }: MediatorChoiceProps) {
  const { t } = useI18n();
  const org = directory?.orgs.find((o) => o.orgId === orgId);
  return (
    <fieldset className="apply-section">
      <legend>{t('apply.orgTitle')}</legend>
      <p className="notice">{t('apply.free')}</p>
      <Field label={t('apply.org')} error={orgError}>
        <select name="orgId" value={orgId} onChange={(e) => onChange(e.target.value, '')}>
          <option value="">{t('apply.chooseOrg')}</option>
          {directory?.orgs.map((o) => (
            <option key={o.orgId} value={o.orgId}>
              {o.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('apply.mediator')} error={mediatorError}>
        <select name="mediatorId" value={mediatorId} onChange={(e) => onChange(orgId, e.target.value)} disabled={!org}>
          <option value="">{t('apply.anyMediator')}</option>
          {org?.mediators.map((m) => (
            <option key={m.accountId} value={m.accountId}>
              {m.name}（{m.speciality}）
            </option>
          ))}
        </select>
      </Field>
      <p>
        <Link href="/mediators">{t('apply.directoryLink')}</Link>
      </p>
    </fieldset>
  );
}
