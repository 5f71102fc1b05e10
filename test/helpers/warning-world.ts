import type { ApiClient } from './api-client.ts';
import type { DispatchCast } from './dispatch-world.ts';
import { waitUntil } from './processes.ts';
import { caseBody, expectOk } from './world.ts';

/** The parties of the repeated property dispute (#15): what must never appear in clear outside the case log. */
export const OWNER = { name: '张秀英', idNumber: '320682198003151233', phone: '13600001111' };
export const MANAGER = { name: '刘建国', phone: '13700002222' };
export const PII = [OWNER.name, OWNER.idNumber, OWNER.phone, MANAGER.name, MANAGER.phone, OWNER.phone.slice(-4), OWNER.idNumber.slice(-4)];

export const VILLAGE_AREA = '370785003001';

/** One report of the dispute, through `channel`, opened by `client` for the village, with its parties. */
export async function reportDispute(
  client: ApiClient,
  channel: string,
  externalRef: string,
  summary = '业主反映物业公司多次停水停电，双方多次争执。',
  where: { orgId: string; areaCode: string } = { orgId: 'dongcun', areaCode: VILLAGE_AREA },
): Promise<string> {
  const opened = await expectOk(client.post('/cases', caseBody({ channel, externalRef, disputeType: 'property_management', title: '物业服务纠纷', summary, ...where })));
  const caseId = opened.body.caseId as string;
  await expectOk(client.post(`/cases/${caseId}/participants`, { role: 'applicant', ...OWNER }));
  await expectOk(client.post(`/cases/${caseId}/participants`, { role: 'respondent', ...MANAGER }));
  return caseId;
}

export interface WarningView {
  warningId: string;
  level: string;
  sightings: number;
  channels: string[];
  cases: Array<{ caseId: string; caseNumber: string; channel: string; externalRef?: string }>;
  matches: Array<{ caseId: string; withCaseId: string; reasons: string[] }>;
  workOrderId?: string;
}

/** Waits until the warning holding `caseId` reaches `level` (the matching runs after the change commits). */
export function warningAt(client: ApiClient, caseId: string, level: string, sightings?: number): Promise<WarningView> {
  return waitUntil(
    async () =>
      ((await expectOk(client.get('/warnings'))).body as WarningView[]).find(
        (w) => w.level === level && w.cases.some((c) => c.caseId === caseId) && (sightings === undefined || w.sightings === sightings) && (level !== 'orange' || !!w.workOrderId),
      ),
    { what: `a ${level} warning`, timeoutMs: 10_000 },
  );
}

export type { DispatchCast };
