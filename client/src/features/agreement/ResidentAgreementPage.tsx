import { useCallback } from 'react';
import { ApiError } from '../../api/api-error.ts';
import { residentApi, residentSession } from '../../api/resident-api.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { joinFailureOf } from '../join/join-failure.ts';
import { ResidentFailure } from '../join/ResidentFailure.tsx';
import { residentAgreementApi, type AgreementView } from './agreement-api.ts';
import { ResidentAgreementView } from './ResidentAgreementView.tsx';
import { usePolling } from './use-polling.ts';
import { AssistanceBanner } from '../intake/AssistanceBanner.tsx';
import './agreement.css';

/** A little slower than the staff page: phones on mobile data, and nothing here changes by the second. */
const POLL_MS = 4000;

/** Without a resident session there is nobody to show the agreement to. */
const NO_SESSION = new ApiError(401, 'unauthenticated', 'no resident session');

/** /agreement: the resident reads the draft, signs the frozen agreement, downloads the signed copy. */
export function ResidentAgreementPage() {
  const { t } = useI18n();
  const data = useApiData('resident-agreement', async () => {
    const session = residentSession.get();
    if (!session) throw NO_SESSION;
    const caseView = await residentApi.myCase(session.token);
    const view = await residentAgreementApi.view(session.token, caseView.caseId);
    return { caseView, view, token: session.token };
  });
  const { reload, setData } = data;
  usePolling(reload, POLL_MS, !!data.data);

  const current = data.data;
  const onChanged = useCallback((view: AgreementView) => current && setData({ ...current, view }), [current, setData]);

  // Held apart (a caucus began, or the session went live) takes the draft off the screen at once.
  if (!current || data.error?.reason === 'held_apart') {
    return (
      <div className="resident-page">
        {data.error ? (
          <ResidentFailure failure={data.error === NO_SESSION ? 'noLink' : joinFailureOf(data.error)} onRetry={reload} />
        ) : (
          <p className="resident-loading">{t('residentAgreement.loading')}</p>
        )}
      </div>
    );
  }
  return (
    <div className="resident-page resident-agreement">
      <p className="resident-back">
        <Link href="/join">{t('residentAgreement.back')}</Link>
      </p>
      <AssistanceBanner />
      {/* A failed refresh keeps what is shown; the next one usually works. */}
      {data.error?.code === 'network' && <ErrorNotice error={data.error} />}
      <ResidentAgreementView caseView={current.caseView} view={current.view} token={current.token} onChanged={onChanged} reload={reload} />
    </div>
  );
}
