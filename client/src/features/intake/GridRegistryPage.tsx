import { AddGridNodeRequestSchema } from '@protocol';
import { useState, type FormEvent } from 'react';
import { useApiAction } from '../../api/use-api-action.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { validateRequest } from '../../api/validate.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { BindingSelect, GridNodeEditor, type Named } from './GridNodeEditor.tsx';
import { intakeApi } from './intake-api.ts';
import './intake.css';
import '../cases/staff-pages.css';

const LEVELS = ['town', 'community', 'grid'] as const;
const PARENT_LEVEL = { town: undefined, community: 'town', grid: 'community' } as const;

/** /admin/grids: the grid registry (town › community › grid), each node bound to an organisation and its guiding court. */
export function GridRegistryPage() {
  const { t } = useI18n();
  const registry = useApiData('grid-registry', async () => {
    const [nodes, orgs, courts] = await Promise.all([intakeApi.grids(), intakeApi.orgs(), intakeApi.courts()]);
    return { nodes: [...nodes].sort((a, b) => a.code.localeCompare(b.code)), orgs: orgs.map((o): Named => ({ id: o.orgId, name: o.name })), courts: courts.map((c): Named => ({ id: c.courtId, name: c.name })) };
  });
  const [form, setForm] = useState({ level: 'grid' as (typeof LEVELS)[number], parentCode: '', code: '', name: '', orgId: '', courtId: '' });
  const action = useApiAction();
  const data = registry.data;
  const parentLevel = PARENT_LEVEL[form.level];

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const added = await action.run(async () =>
      intakeApi.addGridNode(
        validateRequest(AddGridNodeRequestSchema, {
          level: form.level,
          code: form.code.trim(),
          name: form.name,
          ...(parentLevel ? { parentCode: form.parentCode } : {}),
          ...(form.orgId ? { orgId: form.orgId } : {}),
          ...(form.courtId ? { courtId: form.courtId } : {}),
        }),
      ),
    );
    if (added) {
      setForm((f) => ({ ...f, code: '', name: '' }));
      registry.reload();
    }
  };

  return (
    <section className="intake-page registry-page">
      <PageHeading>{t('registry.title')}</PageHeading>
      <p className="muted">{t('registry.intro')}</p>
      <ErrorNotice error={registry.error} />
      <ul className="plain-list" data-testid="grid-nodes">
        {(data?.nodes ?? []).map((node) => (
          <GridNodeEditor key={node.code} node={node} orgs={data!.orgs} courts={data!.courts} hasChildren={data!.nodes.some((n) => n.parentCode === node.code)} onChanged={registry.reload} />
        ))}
      </ul>

      <form className="card form" onSubmit={add} noValidate aria-busy={action.busy} aria-labelledby="registry-add">
        <h2 id="registry-add">{t('registry.add')}</h2>
        <Field label={t('registry.levelLabel')}>
          <select name="level" value={form.level} onChange={(e) => setForm((f) => ({ ...f, level: e.target.value as (typeof LEVELS)[number], parentCode: '' }))}>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`registry.level.${level}`)}
              </option>
            ))}
          </select>
        </Field>
        {parentLevel && (
          <Field label={t('registry.parent')}>
            <select name="parentCode" value={form.parentCode} onChange={(e) => setForm((f) => ({ ...f, parentCode: e.target.value, code: f.code || e.target.value }))}>
              <option value="">{t('common.choose')}</option>
              {(data?.nodes ?? [])
                .filter((n) => n.level === parentLevel)
                .map((n) => (
                  <option key={n.code} value={n.code}>
                    {n.path.join(' › ')}
                  </option>
                ))}
            </select>
          </Field>
        )}
        <Field label={t('registry.code')} hint={t('registry.codeHint')} error={action.error?.fieldIssue('code') ? t('registry.codeInvalid') : undefined}>
          <input name="code" value={form.code} onChange={(e) => setForm((f) => ({ ...f, code: e.target.value }))} inputMode="numeric" maxLength={15} />
        </Field>
        <Field label={t('registry.name')}>
          <input name="name" value={form.name} onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))} maxLength={40} />
        </Field>
        <BindingSelect label={t('registry.org')} name="orgId" list={data?.orgs ?? []} value={form.orgId} inheritable={form.level !== 'town'} onChange={(orgId) => setForm((f) => ({ ...f, orgId }))} />
        <BindingSelect label={t('registry.court')} name="courtId" list={data?.courts ?? []} value={form.courtId} inheritable={form.level !== 'town'} onChange={(courtId) => setForm((f) => ({ ...f, courtId }))} />
        <ErrorNotice error={action.error} shownFields={['code']} />
        <div className="actions">
          <button type="submit" className="button" disabled={action.busy}>
            {t('registry.addSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
