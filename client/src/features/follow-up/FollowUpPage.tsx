import { useState, type FormEvent } from 'react';
import { useApiAction } from '../../api/use-api-action.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { RecordFollowUpForm } from './RecordFollowUpForm.tsx';
import { SurveyLinks } from './SurveyLinks.tsx';
import { followUpApi, type FollowUpCaseView } from './follow-up-api.ts';
import './follow-up.css';
import '../cases/staff-pages.css';

const METHODS = ['phone', 'visit', 'online'] as const;

function ScheduleForm({ caseId, onSaved }: { caseId: string; onSaved: (view: FollowUpCaseView) => void }) {
  const { t } = useI18n();
  const [dueDate, setDueDate] = useState('');
  const [method, setMethod] = useState<(typeof METHODS)[number]>('phone');
  const [note, setNote] = useState('');
  const action = useApiAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const view = await action.run(() => followUpApi.schedule(caseId, { dueDate, method, note: note.trim() || undefined }));
    if (view) onSaved(view);
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="schedule-title" data-testid="follow-up-schedule">
      <h2 id="schedule-title">{t('followUp.schedule')}</h2>
      <div className="form-grid">
        <Field label={t('followUp.dueDate')} error={action.error?.fieldIssue('dueDate')?.message}>
          <input type="date" name="dueDate" required value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </Field>
        <Field label={t('followUp.method')}>
          <select name="method" value={method} onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`method.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('followUp.note')}>
          <input name="note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
      </div>
      <ErrorNotice error={action.error} shownFields={['dueDate']} />
      <button type="submit" className="button" disabled={action.busy}>
        {t('followUp.scheduleSubmit')}
      </button>
    </form>
  );
}

/** /cases/:caseId/follow-up: the mediator's 回访 after an agreement: plan, record, and the parties' satisfaction survey links. */
export function FollowUpPage({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const data = useApiData(`follow-up:${caseId}`, () => followUpApi.view(caseId));
  const view = data.data;
  const effective = !!view?.agreementEffectiveAt;
  const pending = view?.followUps.find((f) => !f.recorded);
  const open = view && view.status !== 'closed';
  return (
    <section className="follow-up-page" aria-labelledby="follow-up-title">
      <div className="page-title">
        <PageHeading id="follow-up-title">{t('followUp.title')}</PageHeading>
        <Link href={`/cases/${encodeURIComponent(caseId)}`}>{view ? t('followUp.caseLine', { number: view.caseNumber, title: view.title }) : null}</Link>
      </div>
      <ErrorNotice error={data.error} />
      {data.loading && !view && <p>{t('common.loading')}</p>}
      {view && !effective && <p className="notice">{t('followUp.notYet')}</p>}
      {view && effective && !view.canManage && <p className="notice">{t('followUp.readOnly')}</p>}
      {view && effective && view.canManage && open && !pending && <ScheduleForm caseId={caseId} onSaved={data.setData} />}
      {view && effective && (
        <section className="card" aria-labelledby="follow-up-list-title">
          <h2 id="follow-up-list-title">{t('followUp.list')}</h2>
          {view.followUps.length === 0 && <p className="muted">{t('followUp.none')}</p>}
          <ul className="follow-up-list">
            {view.followUps.map((f) => (
              <li key={f.followUpId} data-follow-up-id={f.followUpId}>
                <p>
                  <strong>{f.dueDate}</strong> · {t(`method.${f.method}`)} {f.due && <span className="badge overdue">{t('followUp.due')}</span>}
                </p>
                {f.note && <p className="muted">{f.note}</p>}
                {f.recorded ? (
                  <p data-testid="follow-up-recorded">
                    <span className="badge">{t(`performance.${f.recorded.performance}`)}</span> {f.recorded.note}
                  </p>
                ) : (
                  view.canManage && open && <RecordFollowUpForm caseId={caseId} followUpId={f.followUpId} onSaved={data.setData} />
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {view && effective && <SurveyLinks caseId={caseId} view={view} />}
    </section>
  );
}
