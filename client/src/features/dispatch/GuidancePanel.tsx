import type { AccountView } from '@protocol';
import { useState, type FormEvent } from 'react';
import type { StaffCaseView } from '../../api/api-types.ts';
import { useApiAction } from '../../api/use-api-action.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { dispatchApi } from './dispatch-api.ts';
import { canAnswerGuidance, canAskGuidance } from './tier-permissions.ts';
import './dispatch.css';

type Request = NonNullable<StaffCaseView['guidance']>[number];

/** 法官指导 (#14): the mediator's questions to the guiding court and the judges' answers, both in the case log. */
export function GuidancePanel({ c, account, onChanged }: { c: StaffCaseView; account: AccountView; onChanged: (next: StaffCaseView) => void }) {
  const { t } = useI18n();
  const ask = canAskGuidance(account, c);
  const requests = c.guidance ?? [];
  if (!ask && requests.length === 0) return null;
  return (
    <section className="card guidance-card" aria-labelledby="guidance-title" data-testid="guidance-panel">
      <h2 id="guidance-title">{t('guidance.title')}</h2>
      {requests.length === 0 && <p className="muted">{t('guidance.empty')}</p>}
      <ul className="guidance-list">
        {requests.map((request) => (
          <GuidanceItem key={request.requestId} c={c} request={request} account={account} onChanged={onChanged} />
        ))}
      </ul>
      {ask && <AskForm c={c} onChanged={onChanged} />}
    </section>
  );
}

function GuidanceItem({ c, request, account, onChanged }: { c: StaffCaseView; request: Request; account: AccountView; onChanged: (next: StaffCaseView) => void }) {
  const { t, language } = useI18n();
  const [answer, setAnswer] = useState('');
  const action = useApiAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!answer.trim()) return;
    const next = await action.run(() => dispatchApi.answerGuidance(c.caseId, request.requestId, answer.trim()));
    if (next) onChanged(next);
  };
  return (
    <li data-testid="guidance-item">
      <p>
        <strong>{t('guidance.askedBy', { name: request.askedBy.name })}</strong> {request.question} <span className="muted">{formatTime(request.at, language)}</span>
      </p>
      {request.answer ? (
        <p data-testid="guidance-answer">
          <strong>{t('guidance.answeredBy', { name: request.answer.judgeName })}</strong> {request.answer.text}
        </p>
      ) : canAnswerGuidance(account, c, request.courtId) ? (
        <form onSubmit={(e) => void submit(e)} className="stack" noValidate>
          <Field label={t('guidance.answer')}>
            <textarea name="guidanceAnswer" rows={3} maxLength={1000} value={answer} onChange={(e) => setAnswer(e.target.value)} required />
          </Field>
          <button type="submit" className="button" disabled={action.busy || !answer.trim()}>
            {t('guidance.answerSubmit')}
          </button>
          <ErrorNotice error={action.error} />
        </form>
      ) : (
        <p className="muted">{t('guidance.waiting')}</p>
      )}
    </li>
  );
}

function AskForm({ c, onChanged }: { c: StaffCaseView; onChanged: (next: StaffCaseView) => void }) {
  const { t } = useI18n();
  const [question, setQuestion] = useState('');
  const action = useApiAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!question.trim()) return;
    const result = await action.run(() => dispatchApi.askGuidance(c.caseId, question.trim()));
    if (result) {
      setQuestion('');
      onChanged(result.case);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="stack" noValidate>
      <Field label={t('guidance.question')}>
        <textarea name="guidanceQuestion" rows={3} maxLength={1000} value={question} onChange={(e) => setQuestion(e.target.value)} required />
      </Field>
      <button type="submit" className="button secondary" disabled={action.busy || !question.trim()} data-testid="ask-guidance">
        {t('guidance.ask')}
      </button>
      <ErrorNotice error={action.error} />
    </form>
  );
}
