import type { AccountView } from '@protocol';
import { useState } from 'react';
import type { StaffCaseView, Tier } from '../../api/api-types.ts';
import { casesApi } from '../../api/cases-api.ts';
import { useApiAction } from '../../api/use-api-action.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { dispatchApi } from './dispatch-api.ts';
import { canTransfer, nextTier, takeOffer } from './tier-permissions.ts';
import './dispatch.css';

type Dialog = { kind: 'escalate'; to: Tier } | { kind: 'transfer' } | undefined;

/**
 * 分级调解 on the case page (#14): take the case (a grid worker: mediate it themselves), escalate it
 * to the next tier with a reason, or transfer it to another organisation; with the record of both.
 */
export function TiersCard({ c, account, onChanged }: { c: StaffCaseView; account: AccountView; onChanged: (next: StaffCaseView) => void }) {
  const { t } = useI18n();
  const action = useApiAction();
  const [declared, setDeclared] = useState(false);
  const [dialog, setDialog] = useState<Dialog>();
  const offer = takeOffer(account, c);
  const next = nextTier(account, c);
  const transfer = canTransfer(account, c);
  if (!offer && !next && !transfer && c.escalations.length === 0 && !c.transfers?.length) return null;

  const done = (result: StaffCaseView | undefined) => {
    if (!result) return;
    setDialog(undefined);
    onChanged(result);
  };

  return (
    <section className="card tiers-card" aria-labelledby="tiers-title" data-testid="tiers-card">
      <h2 id="tiers-title">{t('tiers.title')}</h2>
      <p data-testid="current-tier">{t('tiers.current', { tier: t(`tier.${c.tier}`) })}</p>
      {offer && (
        <div className="stack">
          <p className="muted">{t(offer === 'take' ? 'tiers.takeHint' : 'tiers.selfMediateHint')}</p>
          <label className="declaration">
            <input type="checkbox" name="takeDeclaration" checked={declared} onChange={(e) => setDeclared(e.target.checked)} />
            <span>{t('tiers.declaration')}</span>
          </label>
          <button type="button" className="button" disabled={!declared || action.busy} data-testid="take-case" onClick={() => void action.run(() => dispatchApi.take(c.caseId)).then(done)}>
            {t(offer === 'take' ? 'tiers.take' : 'tiers.selfMediate')}
          </button>
        </div>
      )}
      <div className="tiers-actions">
        {next && (
          <button type="button" className="button secondary" data-testid="escalate" onClick={() => setDialog({ kind: 'escalate', to: next })}>
            {t('tiers.escalateTo', { tier: t(`tier.${next}`) })}
          </button>
        )}
        {transfer && (
          <button type="button" className="button secondary" data-testid="transfer" onClick={() => setDialog({ kind: 'transfer' })}>
            {t('tiers.transfer')}
          </button>
        )}
      </div>
      {!dialog && <ErrorNotice error={action.error} />}
      <TierHistory c={c} />
      {dialog?.kind === 'escalate' && (
        <EscalateDialog c={c} to={dialog.to} busy={action.busy} error={action.error} onCancel={() => setDialog(undefined)} onConfirm={(reason, mediatorId) => void action.run(() => dispatchApi.escalate(c.caseId, dialog.to, reason, mediatorId)).then(done)} />
      )}
      {dialog?.kind === 'transfer' && (
        <TransferDialog c={c} busy={action.busy} error={action.error} onCancel={() => setDialog(undefined)} onConfirm={(orgId, reason) => void action.run(() => dispatchApi.transfer(c.caseId, orgId, reason)).then(done)} />
      )}
    </section>
  );
}

function TierHistory({ c }: { c: StaffCaseView }) {
  const { t } = useI18n();
  if (c.escalations.length === 0 && !c.transfers?.length) return null;
  return (
    <ul className="tier-history" data-testid="tier-history">
      {c.escalations.map((e) => (
        <li key={`e-${e.at}`}>{t('eventDetail.escalated', { from: t(`tier.${e.from}`), to: t(`tier.${e.to}`), reason: e.reason })}</li>
      ))}
      {(c.transfers ?? []).map((x) => (
        <li key={`t-${x.at}`}>{t('eventDetail.transferred', { from: x.fromOrgId, to: x.toOrgId, reason: x.reason })}</li>
      ))}
    </ul>
  );
}

interface DialogProps<A extends unknown[]> {
  c: StaffCaseView;
  busy: boolean;
  error: ReturnType<typeof useApiAction>['error'];
  onCancel: () => void;
  onConfirm: (...args: A) => void;
}

function EscalateDialog({ c, to, busy, error, onCancel, onConfirm }: DialogProps<[string, string | undefined]> & { to: Tier }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [mediatorId, setMediatorId] = useState('');
  const mediators = useApiData(`mediators:${c.orgId}:${to}`, async () => (to === 'mediator' ? dispatchApi.mediators(c.orgId) : []));
  return (
    <ConfirmDialog title={t('tiers.escalateTo', { tier: t(`tier.${to}`) })} confirmLabel={t('tiers.escalate')} busy={busy} onCancel={onCancel} onConfirm={() => reason.trim() && onConfirm(reason.trim(), mediatorId || undefined)}>
      <p className="muted">{t(to === 'judge' ? 'tiers.escalateHint.judge' : 'tiers.escalateHint.mediator')}</p>
      {to === 'mediator' && (
        <Field label={t('tiers.chooseMediator')}>
          <select name="escalateMediator" value={mediatorId} onChange={(e) => setMediatorId(e.target.value)}>
            <option value="">{t('tiers.anyMediator')}</option>
            {(mediators.data ?? []).map((m) => (
              <option key={m.accountId} value={m.accountId}>
                {m.displayName}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label={t('tiers.reason')}>
        <textarea name="escalateReason" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} required />
      </Field>
      <ErrorNotice error={error} />
    </ConfirmDialog>
  );
}

function TransferDialog({ c, busy, error, onCancel, onConfirm }: DialogProps<[string, string]>) {
  const { t } = useI18n();
  const [orgId, setOrgId] = useState('');
  const [reason, setReason] = useState('');
  const orgs = useApiData('orgs', () => casesApi.orgs());
  return (
    <ConfirmDialog title={t('tiers.transfer')} confirmLabel={t('tiers.transferConfirm')} busy={busy} onCancel={onCancel} onConfirm={() => orgId && reason.trim() && onConfirm(orgId, reason.trim())}>
      <Field label={t('tiers.transferTo')}>
        <select name="transferOrg" value={orgId} onChange={(e) => setOrgId(e.target.value)} required>
          <option value="">{t('common.choose')}</option>
          {(orgs.data ?? [])
            .filter((org) => org.orgId !== c.orgId)
            .map((org) => (
              <option key={org.orgId} value={org.orgId}>
                {org.name}
              </option>
            ))}
        </select>
      </Field>
      <Field label={t('tiers.reason')}>
        <textarea name="transferReason" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} required />
      </Field>
      <ErrorNotice error={error} />
    </ConfirmDialog>
  );
}
