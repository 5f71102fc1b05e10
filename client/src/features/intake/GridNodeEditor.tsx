import { useState, type FormEvent } from 'react';
import { useApiAction } from '../../api/use-api-action.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { intakeApi, type ResolvedGridNode } from './intake-api.ts';

export interface Named {
  id: string;
  name: string;
}

/** One node of the registry, with its bindings (own or inherited) and, on request, a form to rename or rebind it. */
export function GridNodeEditor({ node, orgs, courts, hasChildren, onChanged }: { node: ResolvedGridNode; orgs: Named[]; courts: Named[]; hasChildren: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState({ name: node.name, orgId: node.orgId ?? '', courtId: node.courtId ?? '' });
  const action = useApiAction();
  const nameOf = (list: Named[], id: string | undefined) => list.find((x) => x.id === id)?.name ?? id ?? '—';
  const binding = (own: string | undefined, effective: string | undefined, list: Named[]) => (own ? nameOf(list, own) : t('registry.inherited', { name: nameOf(list, effective) }));
  // A town keeps its bindings; lower nodes may clear theirs to inherit again.
  const inheritable = node.level !== 'town';

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await action.run(() =>
      intakeApi.updateGridNode(node.code, {
        name: form.name,
        orgId: form.orgId || (inheritable ? null : undefined),
        courtId: form.courtId || (inheritable ? null : undefined),
      }),
    );
    if (saved) {
      setEditing(false);
      onChanged();
    }
  };
  const remove = async () => {
    const removed = await action.run(async () => {
      await intakeApi.removeGridNode(node.code);
      return true;
    });
    if (removed) onChanged();
  };

  return (
    <li className={`card grid-node level-${node.level}`} data-code={node.code}>
      <p>
        <strong>{node.name}</strong> <span className="badge">{t(`registry.level.${node.level}`)}</span> <span className="muted">{node.code}</span>
      </p>
      <p className="muted">
        {t('registry.bindings', { org: binding(node.orgId, node.effectiveOrgId, orgs), court: binding(node.courtId, node.effectiveCourtId, courts) })}
      </p>
      {!editing && (
        <p className="actions">
          <button type="button" className="button secondary" onClick={() => setEditing(true)} aria-label={t('registry.editNamed', { name: node.path.join(' › ') })}>
            {t('registry.edit')}
          </button>
          {!hasChildren && (
            <button type="button" className="link" disabled={action.busy} onClick={() => void remove()} aria-label={t('registry.removeNamed', { name: node.path.join(' › ') })}>
              {t('registry.remove')}
            </button>
          )}
        </p>
      )}
      {editing && (
        <form className="form" onSubmit={save} noValidate aria-busy={action.busy} aria-label={t('registry.editNamed', { name: node.path.join(' › ') })}>
          <Field label={t('registry.name')}>
            <input name="name" value={form.name} onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))} maxLength={40} />
          </Field>
          <BindingSelect label={t('registry.org')} name="orgId" list={orgs} value={form.orgId} inheritable={inheritable} onChange={(orgId) => setForm((f) => ({ ...f, orgId }))} />
          <BindingSelect label={t('registry.court')} name="courtId" list={courts} value={form.courtId} inheritable={inheritable} onChange={(courtId) => setForm((f) => ({ ...f, courtId }))} />
          <div className="actions">
            <button type="submit" className="button" disabled={action.busy}>
              {t('registry.save')}
            </button>
            <button type="button" className="link" onClick={() => setEditing(false)}>
              {t('item.cancel')}
            </button>
          </div>
        </form>
      )}
      <ErrorNotice error={action.error} />
    </li>
  );
}

export function BindingSelect({ label, name, list, value, inheritable, onChange }: { label: string; name: string; list: Named[]; value: string; inheritable: boolean; onChange: (value: string) => void }) {
  const { t } = useI18n();
  return (
    <Field label={label}>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{inheritable ? t('registry.inherit') : t('common.choose')}</option>
        {list.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
