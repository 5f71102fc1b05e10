import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import type { PrecheckIssue } from './agreement-api.ts';
import { controlId } from './draft-form.ts';

interface PrecheckListProps {
  caseId: string;
  issues: PrecheckIssue[];
  /** The saved version the check speaks of; undefined before the first save. */
  version: number | undefined;
  /** The form differs from the saved version. */
  stale: boolean;
  /** Entries link to their control (off where the page shows no form). */
  linkable: boolean;
}

/** Moves to the control an entry is about; the parties' details live on the case page instead. */
function goTo(path: string): void {
  const element = document.getElementById(controlId(path));
  if (!element) return;
  element.scrollIntoView({ block: 'center', behavior: 'smooth' });
  element.focus({ preventScroll: true });
}

/** The legal pre-check of the saved draft: errors (red) block sending, warnings (amber) are shown. */
export function PrecheckList({ caseId, issues, version, stale, linkable }: PrecheckListProps) {
  const { t } = useI18n();
  const errors = issues.filter((i) => i.severity === 'error');
  const sorted = [...errors, ...issues.filter((i) => i.severity === 'warning')];
  return (
    <section className="precheck" aria-labelledby="precheck-title" data-testid="precheck">
      <div className="agreement-panel-head">
        <h2 id="precheck-title">{t('agreement.precheck.title')}</h2>
        {version !== undefined && <span className="muted small-text">{t('agreement.precheck.basis', { version })}</span>}
      </div>
      {version === undefined ? (
        <p className="muted">{t('agreement.precheck.none')}</p>
      ) : (
        <>
          {errors.length === 0 && (
            <p className="precheck-ok" data-testid="precheck-ok">
              ✓ {t('agreement.precheck.ok')}
            </p>
          )}
          {sorted.length > 0 && (
            <ul className="precheck-list">
              {sorted.map((issue, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: issue messages, read-only and replaced as a whole on each check
                <li key={`${issue.path}-${index}`} className={`precheck-item ${issue.severity}`}>
                  <span className="precheck-tag">{t(issue.severity === 'error' ? 'agreement.precheck.error' : 'agreement.precheck.warning')}</span>
                  <span className="precheck-message">{issue.message}</span>
                  {issue.path.startsWith('parties') ? (
                    <Link href={`/cases/${encodeURIComponent(caseId)}`} className="precheck-go">
                      {t('agreement.precheck.toCase')}
                    </Link>
                  ) : (
                    linkable &&
                    issue.path !== 'template' && (
                      <button type="button" className="precheck-go linkish" onClick={() => goTo(issue.path)}>
                        {t('agreement.precheck.goTo')}
                      </button>
                    )
                  )}
                </li>
              ))}
            </ul>
          )}
          {stale && <p className="muted small-text">{t('agreement.precheck.stale')}</p>}
        </>
      )}
    </section>
  );
}
