import { useCallback } from 'react';
import type { StaffCaseView } from '../../api/api-types.ts';
import { casesApi } from '../../api/cases-api.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useStaffSession } from '../../api/use-staff-session.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { CaseHeader } from '../cases/CaseHeader.tsx';
import { VerificationBadge } from '../cases/VerificationBadge.tsx';
import { DecisionCard } from './DecisionCard.tsx';
import { HearingRecordForm } from './HearingRecordForm.tsx';
import { HearingScheduleCard } from './HearingScheduleCard.tsx';
import { ReassignCard } from './ReassignCard.tsx';
import { ReviewClockCard } from './ReviewClockCard.tsx';
import { SignedAgreementCard } from './SignedAgreementCard.tsx';
import './confirmation.css';
import '../cases/staff-pages.css';

/** /cases/:id/confirmation: the judge reviews the signed agreement, accepts, hears both parties and rules. */
export function ConfirmationReviewPage({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const account = useStaffSession()?.account;
  const caseData = useApiData(`confirmation-case:${caseId}`, () => casesApi.get(caseId));
  const verdict = useApiData(`confirmation-verify:${caseId}`, () => casesApi.verify(caseId));
  const { setData } = caseData;
  const { reload: reloadVerdict } = verdict;
  const onChanged = useCallback(
    (next: StaffCaseView) => {
      setData(next);
      reloadVerdict();
    },
    [setData, reloadVerdict],
  );
  const c = caseData.data;
  const mine = !!account && c?.confirmation?.judgeId === account.accountId;
  return (
    <div className="case-page confirmation-review">
      <p>
        <Link href="/confirmation/queue">← {t('confirmation.queueTitle')}</Link>
        {' · '}
        <Link href={`/cases/${encodeURIComponent(caseId)}`}>{t('confirmation.queueCase')}</Link>
      </p>
      <ErrorNotice error={caseData.error} />
      {!c && caseData.loading && <p>{t('common.loading')}</p>}
      {c && (
        <>
          <CaseHeader c={c} />
          {!mine && c.confirmation?.judgeName && <p className="notice warn">{t('confirmation.notMine', { judge: c.confirmation.judgeName })}</p>}
          {account?.role === 'admin' && <ReassignCard c={c} onChanged={onChanged} />}
          <ReviewClockCard c={c} mine={mine} onChanged={onChanged} />
          <SignedAgreementCard c={c} />
          <section className="card" aria-labelledby="log-check-title">
            <h2 id="log-check-title">{t('confirmation.logTitle')}</h2>
            <VerificationBadge verdict={verdict.data} failed={!!verdict.error} />
          </section>
          <HearingScheduleCard c={c} mine={mine} onChanged={onChanged} />
          <HearingRecordForm c={c} mine={mine} onChanged={onChanged} onRefresh={caseData.reload} />
          <DecisionCard c={c} mine={mine} onChanged={onChanged} />
        </>
      )}
    </div>
  );
}
