import type { ApiClient } from './api-client.ts';
import { waitUntil } from './processes.ts';
import { caseBody, expectOk, type World } from './world.ts';

export const TOWN = 'xiaozhuang-centre';
export const VILLAGE = 'dongcun';
export const PASSWORD = 'dispatch-password';

/**
 * The cast of dispatch (#14): a town's 矛调中心 with a village committee under it; the centre's
 * window; the village's mediator and grid worker; a judge of another court (for refusals). The
 * demo judge's court (gaomi-court, 370785) guides the village's area.
 */
export interface DispatchCast {
  centre: ApiClient;
  villageMediator: ApiClient;
  villageGrid: ApiClient;
  strangerJudge: ApiClient;
  villageMediatorId: string;
  villageGridId: string;
}

export async function dispatchCast(world: World, suffix = ''): Promise<DispatchCast> {
  const { admin } = world;
  const town = `${TOWN}${suffix}`;
  const village = `${VILLAGE}${suffix}`;
  await expectOk(admin.post('/orgs', { orgId: town, name: '小庄镇矛盾纠纷调处化解中心', areaCodes: ['370785003'] }));
  await expectOk(admin.post('/orgs', { orgId: village, name: '东村人民调解委员会', areaCodes: ['370785003001'], parentOrgId: town }));
  await expectOk(admin.post('/courts', { courtId: `far-court${suffix}`, name: '远方人民法院', areaCodes: ['110105'] }));
  const account = async (username: string, displayName: string, role: string, extra: Record<string, string>) => {
    const res = await expectOk(admin.post('/accounts', { username: `${username}${suffix}`, password: PASSWORD, displayName, role, ...extra }));
    return res.body.accountId as string;
  };
  await account('towncentre', '镇中心窗口', 'centre_staff', { orgId: town });
  const villageMediatorId = await account('dongmed', '周调解', 'mediator', { orgId: village });
  const villageGridId = await account('donggrid', '吴网格', 'grid_worker', { orgId: village });
  await account('farjudge', '钱法官', 'judge', { courtId: `far-court${suffix}` });
  const login = (username: string) => world.api.login(`${username}${suffix}`, PASSWORD);
  return { centre: await login('towncentre'), villageMediator: await login('dongmed'), villageGrid: await login('donggrid'), strangerJudge: await login('farjudge'), villageMediatorId, villageGridId };
}

/** A grid report by the village's grid worker: unassigned, at intake, first tier. */
export async function gridReport(cast: DispatchCast, title = '宅基地边界纠纷'): Promise<string> {
  const res = await expectOk(cast.villageGrid.post('/cases', caseBody({ channel: 'grid_report', disputeType: 'land', title, areaCode: '370785003001', grid: '东村第二网格' })));
  return res.body.caseId as string;
}

/** Waits until a staff member has a notice of `kind` about `caseId` (notices are delivered after the change commits). */
export function noticeOf(client: ApiClient, caseId: string, kind: string): Promise<{ kind: string; text: string; path: string }> {
  return waitUntil(
    async () => ((await client.get('/notices')).body as Array<{ caseId: string; kind: string; text: string; path: string }>).find((n) => n.caseId === caseId && n.kind === kind),
    { what: `a ${kind} notice` },
  );
}
