import type { ResidentCaseView, SessionKind } from '../../api/api-types.ts';
import { residentApi } from '../../api/resident-api.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { AgreementDownloads } from '../agreement/AgreementDownloads.tsx';
import { documentPaths, residentAgreementApi } from '../agreement/agreement-api.ts';
import { RoomOutcome } from './RoomOutcome.tsx';
import { forKind } from './session-kind.ts';

interface CaseAfterSession {
  view: ResidentCaseView;
  /** While the agreement awaits signatures: whether this resident has already given theirs. */
  signedByMe: boolean;
}

/** The case as it stands now the session is over (it may have changed in the session: an agreement sent or signed). */
async function caseAfterSession(token: string): Promise<CaseAfterSession> {
  const view = await residentApi.myCase(token);
  const me = view.me;
  if (view.status !== 'signing' || !me) return { view, signedByMe: false };
  const { agreement } = await residentAgreementApi.view(token, view.caseId);
  return { view, signedByMe: !!agreement?.signatures.some((s) => s.participantId === me.participantId) };
}

/** The resident's session-ended screen: thanks, and the next step their case really offers them. */
export function ResidentSessionEnded({ token, kind }: { token: string; kind: SessionKind | undefined }) {
  const { data } = useApiData(`resident-case-after-session:${token}`, () => caseAfterSession(token));
  // With an agreement to sign or keep, that is the next step, not a notice still to come.
  const agreementInHand = kind !== 'hearing' && !!data && (data.view.status === 'signing' || !!data.view.agreementEffectiveAt);
  return (
    <RoomOutcome outcome="ended" kind={kind} body={agreementInHand ? 'sessionEnd.body.resident' : undefined}>
      <NextStep data={data} kind={kind} />
    </RoomOutcome>
  );
}

function NextStep({ data, kind }: { data: CaseAfterSession | undefined; kind: SessionKind | undefined }) {
  const { t } = useI18n();
  const myCase = (
    <Link href="/join" className="button big secondary" data-testid="next-my-case">
      {t('sessionEnd.next.myCase')}
    </Link>
  );
  // Until the case is known (or if it cannot be fetched), the way back to it is always there.
  if (!data) return <div className="session-end-next">{myCase}</div>;
  const { view, signedByMe } = data;
  // Agents neither sign nor apply: only the parties do.
  const party = view.me !== undefined && view.me.role !== 'agent';

  if (view.status === 'signing') {
    return (
      <div className="session-end-next" data-testid="next-step">
        {party && !signedByMe ? (
          <>
            <p>{t('sessionEnd.next.sign')}</p>
            <Link href="/agreement" className="button big">
              {t('sessionEnd.next.signLink')}
            </Link>
          </>
        ) : (
          <>
            <p>{t('residentAgreement.waitingOthers')}</p>
            <Link href="/agreement" className="button big secondary">
              {t('residentAgreement.link.view')}
            </Link>
          </>
        )}
        {myCase}
      </div>
    );
  }

  if (view.agreementEffectiveAt) {
    const toApply = party && view.status === 'signed' && !view.confirmation?.appliedByMe;
    const following = !toApply && (view.confirmation?.appliedByMe || view.confirmation?.requestedAt);
    return (
      <div className="session-end-next" data-testid="next-step">
        <p>{t('sessionEnd.next.signed')}</p>
        <AgreementDownloads
          who="resident"
          big
          items={[{ path: documentPaths.agreement(view.caseId), fileName: `调解协议书-${view.caseNumber}.pdf`, label: 'sessionEnd.next.download', testId: 'download-agreement' }]}
        />
        {toApply && (
          <>
            <p>{t('sessionEnd.next.apply')}</p>
            <Link href="/confirmation" className="button big">
              {t('confirmation.link')}
            </Link>
          </>
        )}
        {following && (
          <Link href="/confirmation" className="button big secondary">
            {t('confirmation.linkView')}
          </Link>
        )}
        {myCase}
      </div>
    );
  }

  return (
    <div className="session-end-next" data-testid="next-step">
      <p>{t(forKind('sessionEnd.next.waiting', kind))}</p>
      {myCase}
    </div>
  );
}
