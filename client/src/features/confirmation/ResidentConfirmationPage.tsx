import { ApiError } from '../../api/api-error.ts';
import { residentApi, residentSession } from '../../api/resident-api.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { usePolling } from '../agreement/use-polling.ts';
import { joinFailureOf } from '../join/join-failure.ts';
import { ResidentFailure } from '../join/ResidentFailure.tsx';
import { applicationDeadline } from './confirmation-api.ts';
import { formatDate } from './format-date.ts';
import { ResidentApplyForm } from './ResidentApplyForm.tsx';
import { ResidentConfirmationStatus } from './ResidentConfirmationStatus.tsx';
import './confirmation.css';

const POLL_MS = 4000;
const NO_SESSION = new ApiError(401, 'unauthenticated', 'no resident session');

/** /confirmation: a party applies for judicial confirmation of the signed agreement and later fetches the ruling. */
export function ResidentConfirmationPage() {
  const { t, language } = useI18n();
  const data = useApiData('resident-confirmation', async () => {
    const session = residentSession.get();
    if (!session) throw NO_SESSION;
    return { view: await residentApi.myCase(session.token), token: session.token };
  });
  const current = data.data;
  // Until the ruling is out, the other party's application and the court's steps arrive by polling.
  usePolling(data.reload, POLL_MS, !!current && !current.view.confirmation?.outcome);

  if (!current) {
    return (
      <div className="resident-page">
        {data.error ? (
          <ResidentFailure failure={data.error === NO_SESSION ? 'noLink' : joinFailureOf(data.error)} onRetry={data.reload} />
        ) : (
          <p className="resident-loading">{t('confirmation.loading')}</p>
        )}
      </div>
    );
  }
  const { view, token } = current;
  const effectiveAt = view.agreementEffectiveAt;
  const mayApply = view.status === 'signed' && !view.confirmation?.appliedByMe && !!effectiveAt;
  return (
    <div className="resident-page resident-confirmation">
      <p className="resident-back">
        <Link href="/join">{t('confirmation.back')}</Link>
      </p>
      {data.error?.code === 'network' && <ErrorNotice error={data.error} />}
      <section className="card resident-card">
        <h1 className="resident-title">{t('confirmation.title')}</h1>
        <p className="muted">{view.title}</p>
        <p>{t('confirmation.what')}</p>
        <p>{t('confirmation.joint')}</p>
        {effectiveAt && !view.confirmation?.requestedAt && (
          <p className="notice warn" data-testid="confirmation-deadline">
            {t('confirmation.deadline', { date: formatDate(applicationDeadline(effectiveAt), language) })}
          </p>
        )}
        {!effectiveAt && <p className="notice warn">{t('confirmation.notSigned')}</p>}
        <ResidentConfirmationStatus view={view} />
        {mayApply && <ResidentApplyForm token={token} caseId={view.caseId} onApplied={data.reload} />}
      </section>
    </div>
  );
}
