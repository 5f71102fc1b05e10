import { isIdLast4 } from '@protocol/id-last4.ts';
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import type { SessionKind } from '../../api/api-types.ts';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { forKind } from '../room/session-kind.ts';
import { StepHeader } from './StepHeader.tsx';

export type IdentityAnswer = { name: string; idLast4: string } | { confirmByMediator: true };


/** What to tell the resident about a refused check, kindly and with the way forward. */
function problemKey(error: ApiError, kind: SessionKind): MessageKey {
  if (error.code === 'invalid_input' && error.fieldIssue('idLast4')?.message === 'does not match') return forKind('identity.mismatch', kind);
  if (error.code === 'invalid_input' && error.fieldIssue('name')) return 'identity.invalidName';
  if (error.code === 'invalid_input') return 'identity.invalidLast4';
  if (error.code === 'forbidden') return forKind('identity.tooMany', kind);
  return 'identity.failed';
}

/** Step 3: name and the last four ID characters, checked against the case; or the host (mediator or judge) checks on video. */
export function IdentityStep({ kind, onSubmit }: { kind: SessionKind; onSubmit: (answer: IdentityAnswer) => Promise<ApiError | undefined> }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [idLast4, setIdLast4] = useState('');
  const [local, setLocal] = useState<{ name?: MessageKey; idLast4?: MessageKey }>({});
  const [problem, setProblem] = useState<MessageKey>();
  const [busy, setBusy] = useState(false);

  const send = async (answer: IdentityAnswer) => {
    setBusy(true);
    setProblem(undefined);
    const error = await onSubmit(answer);
    setBusy(false);
    if (error) setProblem(problemKey(error, kind));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const last4 = idLast4.trim().toUpperCase();
    const issues = { ...(name.trim() ? {} : { name: 'identity.invalidName' as const }), ...(isIdLast4(last4) ? {} : { idLast4: 'identity.invalidLast4' as const }) };
    setLocal(issues);
    if (Object.keys(issues).length > 0) return;
    await send({ name: name.trim(), idLast4: last4 });
  };

  return (
    <section className="card resident-card identity-step" data-testid="identity-step">
      <StepHeader title={t('identity.title')} step={3} total={3} kind={kind} />
      <p>{t('identity.intro')}</p>
      <form onSubmit={submit} noValidate>
        <Field label={t('identity.name')} error={local.name && t(local.name)}>
          <input name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} />
        </Field>
        <Field label={t('identity.idLast4')} hint={t('identity.idLast4Hint')} error={local.idLast4 && t(local.idLast4)}>
          <input name="idLast4" inputMode="text" autoComplete="off" value={idLast4} onChange={(e) => setIdLast4(e.target.value.toUpperCase())} maxLength={4} className="id-last4" />
        </Field>
        {problem && (
          <p className="notice error" role="alert" data-testid="identity-problem">
            {t(problem)}
          </p>
        )}
        <button type="submit" className="button big" disabled={busy}>
          {busy ? t('identity.checking') : t('identity.submit')}
        </button>
      </form>
      <p className="or">{t('identity.or')}</p>
      <p className="muted">{t(forKind('identity.byMediatorNote', kind))}</p>
      <button type="button" className="button big secondary" disabled={busy} onClick={() => void send({ confirmByMediator: true })}>
        {t(forKind('identity.byMediator', kind))}
      </button>
    </section>
  );
}
