import { useState, type FormEvent } from 'react';
import { useApiAction } from '../../api/use-api-action.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { intakeApi, type ItemResolution, type ItemState } from './intake-api.ts';

const RESOLUTIONS: ItemResolution[] = ['resolved', 'referred', 'no_action'];

/** One lighter item: what and where, and for an open one a small form to close it with an outcome. */
export function ItemCard({ item, onChanged }: { item: ItemState; onChanged: (item: ItemState) => void }) {
  const { t, language } = useI18n();
  const [closing, setClosing] = useState(false);
  const [resolution, setResolution] = useState<ItemResolution>('resolved');
  const [outcome, setOutcome] = useState('');
  const action = useApiAction();

  const close = async (event: FormEvent) => {
    event.preventDefault();
    const closed = await action.run(() => intakeApi.closeItem(item.itemId, resolution, outcome));
    if (closed) {
      setClosing(false);
      onChanged(closed);
    }
  };

  return (
    <li className="card item-card" data-item-id={item.itemId} data-status={item.status}>
      <p>
        <span className="badge">{t(`item.kind.${item.kind}`)}</span> <strong>{item.title}</strong> <span className="badge">{t(`item.status.${item.status}`)}</span>
      </p>
      <p className="muted">
        {item.gridPath} · {t('item.loggedAt', { time: formatTime(item.loggedAt, language) })}
      </p>
      {item.description && <p>{item.description}</p>}
      {item.closed && <p data-testid="item-outcome">{t('item.closedWith', { resolution: t(`item.resolution.${item.closed.resolution}`), outcome: item.closed.outcome })}</p>}
      {item.status === 'open' && !closing && (
        <button type="button" className="button secondary" onClick={() => setClosing(true)}>
          {t('item.close')}
        </button>
      )}
      {closing && (
        <form className="form" onSubmit={close} noValidate aria-busy={action.busy} aria-label={t('item.closeTitle', { title: item.title })}>
          <Field label={t('item.resolution')}>
            <select name="resolution" value={resolution} onChange={(e) => setResolution(e.target.value as ItemResolution)}>
              {RESOLUTIONS.map((r) => (
                <option key={r} value={r}>
                  {t(`item.resolution.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('item.outcome')} hint={t('item.outcomeHint')} error={action.error?.fieldIssue('outcome') ? t('report.required') : undefined}>
            <textarea name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)} rows={3} maxLength={1000} />
          </Field>
          <ErrorNotice error={action.error} shownFields={['outcome']} />
          <div className="actions">
            <button type="submit" className="button" disabled={action.busy}>
              {t('item.confirmClose')}
            </button>
            <button type="button" className="link" onClick={() => setClosing(false)}>
              {t('item.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
