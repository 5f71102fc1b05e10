import type { RoomSnapshot } from '@protocol';
import { casesApi } from '../../api/cases-api.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useStaffSession } from '../../api/use-staff-session.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { HearingRecordForm } from './HearingRecordForm.tsx';

/**
 * The hearing record beside the pictures, so the judge writes down each answer while asking.
 * Attendance is fetched again whenever the room admits or loses someone.
 */
export function HearingRecordInRoom({ snapshot }: { snapshot: RoomSnapshot }) {
  const account = useStaffSession()?.account;
  const admitted = snapshot.members
    .filter((m) => m.admission === 'admitted')
    .map((m) => m.key)
    .sort()
    .join(',');
  const caseData = useApiData(`hearing-room:${snapshot.caseId}:${admitted}`, () => casesApi.get(snapshot.caseId));
  const c = caseData.data;
  return (
    <>
      <ErrorNotice error={caseData.error} />
      {c && <HearingRecordForm c={c} mine={!!account && c.confirmation?.judgeId === account.accountId} onChanged={caseData.setData} onRefresh={caseData.reload} />}
    </>
  );
}
