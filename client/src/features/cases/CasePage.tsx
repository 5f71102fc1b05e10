import { useCallback } from 'react';
import type { StaffCaseView } from '../../api/api-types.ts';
import { casesApi } from '../../api/cases-api.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useStaffSession } from '../../api/use-staff-session.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { AgreementEntryCard } from '../agreement/AgreementEntryCard.tsx';
import { ConfirmationEntryCard } from '../confirmation/ConfirmationEntryCard.tsx';
import { ApplicationPanel } from '../apply/ApplicationPanel.tsx';
import { AcceptancePanel } from './AcceptancePanel.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { awaitsMyAcceptance, canEnterRoom, canManage } from './case-permissions.ts';
import { ParticipantsPanel } from './ParticipantsPanel.tsx';
import { RoomEntryCard } from './RoomEntryCard.tsx';
import { MediationOutcomeCard } from './MediationOutcomeCard.tsx';
import { SessionsPanel } from './SessionsPanel.tsx';
import './staff-pages.css';
import { AssistPanel } from '../intake/AssistPanel.tsx';
import { PhotosPanel } from '../intake/PhotosPanel.tsx';
import { GuidancePanel } from '../dispatch/GuidancePanel.tsx';
import { TiersCard } from '../dispatch/TiersCard.tsx';
import { LinkedHistoryCard } from '../warning/LinkedHistoryCard.tsx';

export function CasePage({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const account = useStaffSession()?.account;
  const caseData = useApiData(`case:${caseId}`, () => casesApi.get(caseId));
  // The log and its verdict are fetched together so the badge always speaks of the records shown.
  const log = useApiData(`log:${caseId}`, async () => {
    const [events, verdict] = await Promise.all([casesApi.events(caseId), casesApi.verify(caseId)]);
    return { events, verdict };
  });
  const { setData: setCase, reload: reloadCase } = caseData;
  const { reload: reloadLog } = log;

  // Every change appends to the log, so the log is read again after each one.
  const onCaseChanged = useCallback(
    (next: StaffCaseView) => {
      setCase(next);
      reloadLog();
    },
    [setCase, reloadLog],
  );
  const onCaseStale = useCallback(() => {
    reloadCase();
    reloadLog();
  }, [reloadCase, reloadLog]);

  const c = caseData.data;
  return (
    <div className="case-page">
      <p>
        <Link href="/cases">{t('case.backToList')}</Link>
      </p>
      <ErrorNotice error={caseData.error} />
      {!c && caseData.loading && <p>{t('common.loading')}</p>}
      {c && account && (
        <>
          <CaseHeader c={c} />
          {c.application && <ApplicationPanel c={c} account={account} onChanged={onCaseChanged} />}
          {awaitsMyAcceptance(account, c) && <AcceptancePanel c={c} onChanged={onCaseChanged} />}
          <TiersCard c={c} account={account} onChanged={onCaseChanged} />
          <GuidancePanel c={c} account={account} onChanged={onCaseChanged} />
          {canEnterRoom(account, c) && <RoomEntryCard c={c} account={account} />}
          <AgreementEntryCard c={c} account={account} />
          <ConfirmationEntryCard c={c} account={account} />
          <MediationOutcomeCard c={c} account={account} onChanged={onCaseChanged} />
          <ParticipantsPanel c={c} manage={canManage(account, c)} onCaseChanged={onCaseChanged} onCaseStale={onCaseStale} />
          <SessionsPanel c={c} manage={canManage(account, c)} onChanged={onCaseChanged} />
          <PhotosPanel c={c} />
          {c.warning && <LinkedHistoryCard c={c} />}
          <AssistPanel c={c} account={account} onChanged={onCaseChanged} />
          <CaseTimeline events={log.data?.events} verdict={log.data?.verdict} error={log.error} />
        </>
      )}
    </div>
  );
}
