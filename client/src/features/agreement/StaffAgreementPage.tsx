import { useCallback } from 'react';
import type { StaffCaseView } from '../../api/api-types.ts';
import { casesApi } from '../../api/cases-api.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useStaffSession } from '../../api/use-staff-session.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { StatusBadge } from '../cases/StatusBadge.tsx';
import { documentPaths, staffAgreementApi, type AgreementView } from './agreement-api.ts';
import { AgreementDownloads } from './AgreementDownloads.tsx';
import { AgreementPreview } from './AgreementPreview.tsx';
import { DraftingBoard } from './DraftingBoard.tsx';
import { PrecheckList } from './PrecheckList.tsx';
import { SigningBoard } from './SigningBoard.tsx';
import { usePolling } from './use-polling.ts';
import './agreement.css';
import { PageHeading } from '../../components/PageHeading.tsx';
import '../cases/staff-pages.css';

/** Where the agreement can be drafted or changed: the server starts drafting from these (agreement-service saveDraft). */
const DRAFTABLE: readonly StaffCaseView['status'][] = ['accepted', 'scheduled', 'in_session', 'drafting'];
/** Often enough that a party's signature shows within seconds; light enough for a phone-sized server. */
const POLL_MS = 3000;

/** The assigned mediator, after accepting the case, drafts, sends and countersigns; everyone else reads. */
function isCaseMediator(accountId: string | undefined, c: StaffCaseView): boolean {
  return !!accountId && c.mediator?.accountId === accountId && !!c.mediator.acceptedAt;
}

/** /cases/:id/agreement: drafting, the pre-check, sending, the parties' signatures, countersigning, downloads. */
export function StaffAgreementPage({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const account = useStaffSession()?.account;
  const caseData = useApiData(`case:${caseId}`, () => casesApi.get(caseId));
  const viewData = useApiData(`agreement:${caseId}`, () => staffAgreementApi.view(caseId));
  const templates = useApiData('templates', () => staffAgreementApi.templates());
  const { reload: reloadCase } = caseData;
  const { reload: reloadView, setData: setView } = viewData;

  usePolling(() => {
    reloadCase();
    reloadView();
  }, POLL_MS);

  // Every command answers with the new view; the case (status, log) is read again behind it.
  const onViewChanged = useCallback(
    (next: AgreementView) => {
      setView(next);
      reloadCase();
    },
    [setView, reloadCase],
  );

  const c = caseData.data;
  const view = viewData.data;
  const mediator = !!c && isCaseMediator(account?.accountId, c);
  const agreement = view?.agreement ?? null;
  const templateList = templates.data;
  const loading = !c || !view || !templateList;

  return (
    <div className="agreement-workspace">
      <p>
        <Link href={`/cases/${encodeURIComponent(caseId)}`}>{t('agreement.back')}</Link>
      </p>
      <ErrorNotice error={caseData.error ?? viewData.error ?? templates.error} />
      {loading && !caseData.error && !viewData.error && <p>{t('common.loading')}</p>}
      {!loading && (
        <>
          <header className="card agreement-header">
            <p className="case-number">{c.caseNumber}</p>
            <PageHeading>
              {t('agreement.title')} · {c.title}
            </PageHeading>
            <p className="agreement-header-facts">
              <StatusBadge status={c.status} />
              {agreement && <span className="badge">{t('agreement.version', { version: agreement.version })}</span>}
            </p>
            {!mediator && <p className="notice">{t('agreement.readOnly')}</p>}
          </header>
          {agreement?.frozen ? (
            <SigningBoard c={c} view={view} isMediator={mediator} onViewChanged={onViewChanged} />
          ) : mediator && DRAFTABLE.includes(c.status) ? (
            <DraftingBoard c={c} view={view} templates={templateList} onViewChanged={onViewChanged} />
          ) : (
            <div className="agreement-layout">
              <div className="agreement-main">
                {agreement ? (
                  <section className="card">
                    <PrecheckList caseId={c.caseId} issues={view.issues} version={agreement.version} stale={false} linkable={false} />
                  </section>
                ) : (
                  <p className="card muted">{mediator ? t('agreement.cannotDraft') : t('agreement.none')}</p>
                )}
                {c.failureReason && (
                  <section className="card">
                    <h2>{t('agreement.downloads')}</h2>
                    <AgreementDownloads
                      who="staff"
                      items={[{ path: documentPaths.failureNotice(c.caseId), fileName: `调解不成告知书-${c.caseNumber}.pdf`, label: 'agreement.download.failureNotice', testId: 'download-failure-notice' }]}
                    />
                  </section>
                )}
              </div>
              {agreement && (
                // biome-ignore lint/a11y/useSemanticElements lint/a11y/noNoninteractiveTabindex: the sticky side panel scrolls on its own, so it is a named region that takes focus for keyboard scrolling (axe: scrollable-region-focusable)
                <div className="agreement-side" role="region" aria-label={t('agreement.sidePanel')} tabIndex={0}>
                  <AgreementPreview
                    title={t('agreement.preview.title')}
                    basis={t('agreement.preview.basis', { version: agreement.version })}
                    text={view.text}
                    comments={agreement.comments}
                    participants={c.participants}
                    version={agreement.version}
                    empty={t('agreement.preview.empty')}
                  />
                </div>
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
