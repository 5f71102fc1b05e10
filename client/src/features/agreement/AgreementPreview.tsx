import type { ReactNode } from 'react';
import type { Participant } from '../../api/api-types.ts';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { AgreementInfo, AgreementText } from './agreement-api.ts';
import { AgreementTextView } from './AgreementTextView.tsx';
import { clauseKey } from './clause-key.ts';

type Comment = AgreementInfo['comments'][number];

interface AgreementPreviewProps {
  title: string;
  /** A line under the title: which version this is. */
  basis?: ReactNode;
  text: AgreementText | null;
  comments: Comment[];
  participants: Participant[];
  /** The agreement's current version, to mark comments made on older ones. */
  version: number;
  empty: string;
}

/** The agreement's text for staff, each party's comments beside the clause they are about. */
export function AgreementPreview({ title, basis, text, comments, participants, version, empty }: AgreementPreviewProps) {
  const { t, language } = useI18n();
  const byClause = new Map<string, Comment[]>();
  for (const comment of comments) byClause.set(comment.clause, [...(byClause.get(comment.clause) ?? []), comment]);
  const clauses = new Set(text?.sections.map((s, i) => clauseKey(s, i)) ?? []);
  // Comments on a heading the current template no longer has are still shown, at the end.
  const elsewhere = comments.filter((c) => !clauses.has(c.clause));

  const renderComments = (list: Comment[]) => (
    <ul className="comment-list">
      {list.map((comment, index) => {
        const author = participants.find((p) => p.participantId === comment.participantId);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: comments only ever append, and a line holds no state
          <li key={`${comment.at}-${index}`} className={comment.version === version ? 'comment' : 'comment old'}>
            <p className="comment-text">{comment.text}</p>
            <p className="comment-meta">
              {t('agreement.comment.meta', { name: author?.name ?? '—', role: author ? t(`party.${author.role}`) : '', time: formatTime(comment.at, language) })}
              {comment.version !== version && <> · {t('agreement.comment.oldVersion', { version: comment.version })}</>}
            </p>
          </li>
        );
      })}
    </ul>
  );

  return (
    <section className="card agreement-preview" aria-labelledby="agreement-preview-title" data-testid="agreement-preview">
      <div className="agreement-panel-head">
        <h2 id="agreement-preview-title">{title}</h2>
        {basis && <span className="muted small-text">{basis}</span>}
      </div>
      {!text ? (
        <p className="muted">{empty}</p>
      ) : (
        <AgreementTextView
          text={text}
          hasAside={(clause) => byClause.has(clause)}
          aside={(clause) => {
            const list = byClause.get(clause);
            return list ? (
              <aside className="clause-comments" aria-label={t('agreement.comments')}>
                <p className="clause-comments-title">{t('agreement.comments')}</p>
                {renderComments(list)}
              </aside>
            ) : null;
          }}
        />
      )}
      {elsewhere.length > 0 && (
        <aside className="clause-comments elsewhere">
          <p className="clause-comments-title">{t('agreement.comments')}</p>
          {renderComments(elsewhere)}
        </aside>
      )}
    </section>
  );
}
