import { useId, useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { residentAgreementApi, type AgreementInfo } from './agreement-api.ts';

interface ClauseCommentProps {
  clause: string;
  caseId: string;
  token: string;
  version: number;
  /** This resident's earlier comments on the clause. */
  mine: AgreementInfo['comments'];
  onSent: () => void;
  enabled: boolean;
}

/** Under each part of the draft: "对此条提出意见", a short text to the mediator, and what was said before. */
export function ClauseComment({ clause, caseId, token, version, mine, onSent, enabled }: ClauseCommentProps) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [empty, setEmpty] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setEmpty(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await residentAgreementApi.comment(token, caseId, { version, clause, text: text.trim() });
      setText('');
      setOpen(false);
      setSent(true);
      onSent();
    } catch (caught) {
      const failure = asApiError(caught);
      // The draft moved on meanwhile: show the new one; the text stays in the box to send again.
      if (failure.code === 'illegal_transition' || failure.code === 'conflict') onSent();
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="clause-comment">
      {mine.map((comment, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: comments only ever append, and a line holds no state
        <p key={`${comment.at}-${index}`} className="my-comment">
          {t('residentAgreement.myComment', { text: comment.text })}
        </p>
      ))}
      {sent && !open && (
        <p className="ok-text" role="status">
          {t('residentAgreement.commentSent')}
        </p>
      )}
      {enabled && !open && (
        <button type="button" className="button secondary small" onClick={() => {
            setOpen(true);
            setSent(false);
          }}>
          {t('residentAgreement.comment')}
        </button>
      )}
      {open && (
        <form onSubmit={submit} className="comment-form" noValidate>
          <label htmlFor={id}>{t('residentAgreement.commentLabel', { clause })}</label>
          <textarea id={id} rows={3} maxLength={1000} value={text} onChange={(e) => {
              setText(e.target.value);
              setEmpty(false);
            }} aria-invalid={empty || undefined} />
          {empty && <small className="field-error">{t('residentAgreement.commentEmpty')}</small>}
          <ErrorNotice error={error} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('residentAgreement.commentSend')}
            </button>
            <button type="button" className="button secondary" onClick={() => setOpen(false)} disabled={busy}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
