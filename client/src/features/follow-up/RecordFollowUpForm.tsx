import { useId, useState, type FormEvent } from 'react';
import { useApiAction } from '../../api/use-api-action.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { followUpApi, type FollowUpCaseView } from './follow-up-api.ts';

const PERFORMANCE = ['performed', 'partly', 'not_performed'] as const;

/** What the follow-up found: performed, partly or not, and (unless performed) what is missing. */
export function RecordFollowUpForm({ caseId, followUpId, onSaved }: { caseId: string; followUpId: string; onSaved: (view: FollowUpCaseView) => void }) {
  const { t } = useI18n();
  const legendId = useId();
  const [performance, setPerformance] = useState<(typeof PERFORMANCE)[number]>();
  const [note, setNote] = useState('');
  const action = useApiAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!performance) return;
    const view = await action.run(() => followUpApi.record(caseId, followUpId, { performance, note: note.trim() || undefined }));
    if (view) onSaved(view);
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="follow-up-record">
      <fieldset className="radio-row" aria-labelledby={legendId}>
        <legend id={legendId}>{t('followUp.performance')}</legend>
        {PERFORMANCE.map((p) => (
          <label key={p}>
            <input type="radio" name={`performance-${followUpId}`} value={p} checked={performance === p} onChange={() => setPerformance(p)} required />
            {t(`performance.${p}`)}
          </label>
        ))}
      </fieldset>
      <Field label={t('followUp.recordNote')} hint={t('followUp.recordNoteHint')}>
        <textarea name="recordNote" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <ErrorNotice error={action.error} />
      <button type="submit" className="button small" disabled={action.busy || !performance}>
        {t('followUp.recordSubmit')}
      </button>
    </form>
  );
}
