// biome-ignore-all lint/suspicious/noArrayIndexKey: the agreement text is read-only; its sections, blocks and items are identified by their place in it
import type { ReactNode } from 'react';
import type { AgreementText } from './agreement-api.ts';
import { clauseKey } from './clause-key.ts';

interface AgreementTextViewProps {
  text: AgreementText;
  /** Extra content beside or under each section (comments, a comment button), by its clause key. */
  aside?: (clause: string, index: number) => ReactNode;
  /** Marks sections that have something beside them, so the layout gives them a second column. */
  hasAside?: (clause: string) => boolean;
}

/** The agreement as the parties will sign it: title, case number, sections of paragraphs and numbered items. */
export function AgreementTextView({ text, aside, hasAside }: AgreementTextViewProps) {
  return (
    <article className="agreement-text" lang="zh-CN">
      <h2 className="agreement-doc-title">{text.title}</h2>
      <p className="agreement-doc-number">{text.caseNumber}</p>
      {text.sections.map((section, index) => {
        const clause = clauseKey(section, index);
        return (
          <section key={`${index}-${clause}`} className={hasAside?.(clause) ? 'clause has-aside' : 'clause'} data-clause={clause}>
            <div className="clause-body">
              {section.heading && <h3>{section.heading}</h3>}
              {section.blocks.map((block, b) =>
                block.kind === 'numbered' ? (
                  <ol key={b}>
                    {block.items.map((item, i) => (
                      <li key={i}>{item}</li>
                    ))}
                  </ol>
                ) : (
                  <p key={b} className={block.flush ? 'flush' : undefined}>
                    {block.text}
                  </p>
                ),
              )}
            </div>
            {aside?.(clause, index)}
          </section>
        );
      })}
    </article>
  );
}
