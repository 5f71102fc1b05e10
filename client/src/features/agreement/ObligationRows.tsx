import type { Participant } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { DraftControl, type ControlIssue } from './DraftControl.tsx';
import { controlId, emptyObligation, METHOD_SUGGESTIONS, principalParties, type ObligationRow } from './draft-form.ts';

interface ObligationRowsProps {
  rows: ObligationRow[];
  participants: Participant[];
  onChange: (rows: ObligationRow[]) => void;
  issuesAt: (path: string) => ControlIssue[];
  disabled?: boolean;
}

/** The obligations, one box per row: who performs for whom, what, how much, by when, how and where. */
export function ObligationRows({ rows, participants, onChange, issuesAt, disabled = false }: ObligationRowsProps) {
  const { t } = useI18n();
  const parties = principalParties(participants);
  const partyLabel = (p: Participant) => `${p.name}（${t(`party.${p.role}`)}）`;
  const update = (index: number, patch: Partial<ObligationRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const remove = (index: number) => onChange(rows.filter((_, i) => i !== index));
  const listIssues = issuesAt('obligations');

  return (
    <div className="obligations">
      {parties.length === 0 && <p className="notice warn">{t('agreement.obligation.noParties')}</p>}
      {rows.map((row, index) => {
        const at = (key: keyof ObligationRow) => `obligations.${index}.${key === 'amount' ? 'amountFen' : key}`;
        const control = (key: keyof ObligationRow) => ({
          id: controlId(at(key)),
          'aria-invalid': issuesAt(at(key)).some((i) => i.severity === 'error') || undefined,
          disabled,
        });
        return (
          <fieldset key={row.id} className="obligation" data-testid={`obligation-${index}`}>
            <legend>{t('agreement.obligation.n', { n: index + 1 })}</legend>
            <div className="obligation-grid">
              {(
                [
                  ['obligorId', 'agreement.obligation.obligor', 'common.choose'],
                  ['obligeeId', 'agreement.obligation.obligee', 'agreement.obligation.noObligee'],
                ] as const
              ).map(([key, label, empty]) => (
                <DraftControl key={key} id={controlId(at(key))} label={t(label)} issues={issuesAt(at(key))}>
                  <select name={key} value={row[key]} onChange={(e) => update(index, { [key]: e.target.value })} {...control(key)}>
                    <option value="">{t(empty)}</option>
                    {parties.map((p) => (
                      <option key={p.participantId} value={p.participantId}>
                        {partyLabel(p)}
                      </option>
                    ))}
                  </select>
                </DraftControl>
              ))}
              <DraftControl id={controlId(at('deadline'))} label={t('agreement.obligation.deadline')} issues={issuesAt(at('deadline'))}>
                <input name="deadline" type="date" value={row.deadline} onChange={(e) => update(index, { deadline: e.target.value })} {...control('deadline')} />
              </DraftControl>
              <DraftControl id={controlId(at('act'))} label={t('agreement.obligation.act')} hint={t('agreement.obligation.actHint')} issues={issuesAt(at('act'))} className="wide">
                <input name="act" value={row.act} maxLength={300} onChange={(e) => update(index, { act: e.target.value })} {...control('act')} />
              </DraftControl>
              <DraftControl id={controlId(at('amount'))} label={t('agreement.obligation.amount')} issues={issuesAt(at('amount'))}>
                <input name="amountYuan" inputMode="decimal" autoComplete="off" value={row.amount} onChange={(e) => update(index, { amount: e.target.value })} {...control('amount')} />
              </DraftControl>
              <DraftControl id={controlId(at('method'))} label={t('agreement.obligation.method')} issues={issuesAt(at('method'))}>
                <input name="method" list="agreement-methods" maxLength={60} value={row.method} onChange={(e) => update(index, { method: e.target.value })} {...control('method')} />
              </DraftControl>
              <DraftControl id={controlId(at('place'))} label={t('agreement.obligation.place')} issues={issuesAt(at('place'))} className="wide">
                <input name="place" maxLength={120} value={row.place} onChange={(e) => update(index, { place: e.target.value })} {...control('place')} />
              </DraftControl>
            </div>
            {!disabled && (
              <button type="button" className="button secondary small remove-obligation" onClick={() => remove(index)}>
                {t('agreement.obligation.remove', { n: index + 1 })}
              </button>
            )}
          </fieldset>
        );
      })}
      <datalist id="agreement-methods">
        {METHOD_SUGGESTIONS.map((method) => (
          <option key={method} value={method} />
        ))}
      </datalist>
      {listIssues.map((issue, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: issue messages, read-only and replaced as a whole on each check
        <p key={index} className={issue.severity === 'error' ? 'field-error' : 'field-warning'}>
          {issue.message}
        </p>
      ))}
      {!disabled && (
        <button type="button" id={controlId('obligations')} className="button secondary" onClick={() => onChange([...rows, emptyObligation(participants)])}>
          {t('agreement.obligation.add')}
        </button>
      )}
    </div>
  );
}
