import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { LedgerResponseSchema, type LedgerResponse } from '../../server/protocol/ledger.ts';
import type { ApiClient } from '../helpers/api-client.ts';
import { startTestServer } from '../helpers/server.ts';
import { signedCaseIn, type Signed } from '../helpers/signed-case.ts';
import { caseBody, expectOk, World } from '../helpers/world.ts';

let app: RunningApp;
let world: World;
let signed: Signed;
let failedId: string;
let hotlineId: string;
let gridCaseId: string;

async function ledgerOf(client: ApiClient, query = ''): Promise<LedgerResponse> {
  return LedgerResponseSchema.parse((await expectOk(client.get(`/ledger${query}`))).body);
}
const numbers = (ledger: LedgerResponse) => ledger.rows.map((r) => r.caseId);

/**
 * Organisation baicheng: the demo case (accepted), a signed debt case, a failed family case in
 * 370785003, a hotline case at intake opened by the grid worker (no mediator). Organisation
 * chengguan: one case of its own mediator.
 */
beforeAll(async () => {
  app = await startTestServer();
  world = await World.create(app);
  signed = await signedCaseIn(world);
  const family = await expectOk(world.mediator.post('/cases', caseBody({ disputeType: 'family', title: '赡养纠纷', areaCode: '370785003' })));
  failedId = family.body.caseId;
  await expectOk(world.mediator.post(`/cases/${failedId}/accept`, { noConflictDeclared: true }));
  await expectOk(world.mediator.post(`/cases/${failedId}/fail`, { reason: '双方分歧过大' }));
  const hotline = await expectOk(world.gridWorker.post('/cases', caseBody({ channel: 'hotline', disputeType: 'neighbour', title: '噪音扰民', grid: 'G-07' })));
  hotlineId = hotline.body.caseId;
  gridCaseId = hotlineId;
  await world.otherOrgCase();
});
afterAll(async () => {
  await app?.close();
});

describe('the ledger (台账)', () => {
  it('lists the caller’s readable cases with area names, filtered on the server', async () => {
    const all = await ledgerOf(world.mediator);
    expect(all.total).toBe(4);
    expect(all.rows.every((r) => r.orgName === '柏城镇人民调解委员会')).toBe(true);
    // No grid registry here: the area is named by the organisation serving it.
    expect(all.rows.find((r) => r.caseId === failedId)).toMatchObject({ areaCode: '370785003', areaName: '柏城镇人民调解委员会', status: 'failed', canManage: true });
    expect(all.rows.find((r) => r.caseId === hotlineId)).toMatchObject({ channel: 'hotline', grid: 'G-07', canManage: false });

    expect(numbers(await ledgerOf(world.mediator, '?status=failed'))).toEqual([failedId]);
    expect(numbers(await ledgerOf(world.mediator, '?channel=hotline'))).toEqual([hotlineId]);
    expect(numbers(await ledgerOf(world.mediator, '?disputeType=family'))).toEqual([failedId]);
    expect(numbers(await ledgerOf(world.mediator, '?areaCode=370785003'))).toEqual([failedId]);
    expect(numbers(await ledgerOf(world.mediator, '?grid=G-07'))).toEqual([hotlineId]);
    expect(numbers(await ledgerOf(world.mediator, `?q=${encodeURIComponent('赡养')}`))).toEqual([failedId]);
    expect((await ledgerOf(world.mediator, '?from=2000-01-01&to=2000-12-31')).total).toBe(0);
    // "My cases": the mediator's own three; the grid worker mediates none.
    expect((await ledgerOf(world.mediator, '?mine=true')).total).toBe(3);
    expect((await ledgerOf(world.mediator, '?mine=true&status=signed')).rows.map((r) => r.caseId)).toEqual([signed.caseId]);
    expect((await ledgerOf(world.gridWorker, '?mine=1')).total).toBe(0);
    const mediatorId = await world.accountId('mediator');
    expect((await ledgerOf(world.gridWorker, `?mediatorId=${mediatorId}`)).total).toBe(3);
    expect((await ledgerOf(world.gridWorker)).mediatorOptions).toEqual([{ mediatorId, name: '李调解' }]);
  });

  it('pages on the server', async () => {
    const first = await ledgerOf(world.mediator, '?pageSize=3');
    const second = await ledgerOf(world.mediator, '?pageSize=3&page=2');
    expect([first.rows.length, second.rows.length, first.total, second.total]).toEqual([3, 1, 4, 4]);
    expect(new Set([...numbers(first), ...numbers(second)]).size).toBe(4);
  });

  it('shows each organisation its own cases, judges their court’s, and admins all', async () => {
    expect((await ledgerOf(world.otherMediator)).total).toBe(1);
    expect((await ledgerOf(world.judge)).total).toBe(0);
    expect((await ledgerOf(world.admin)).total).toBe(5);
  });

  it('gives per-mediator figures over the filtered cases', async () => {
    const { mediators } = await ledgerOf(world.mediator);
    expect(mediators).toHaveLength(1);
    expect(mediators[0]).toMatchObject({ name: '李调解', cases: 3, successful: 1, failed: 1, successRate: 0.5, followUpsDue: 0, followUpsDone: 0, surveysAnswered: 0, satisfactionRate: null });
    expect(mediators[0]!.averageDays).toBeGreaterThanOrEqual(0);
    expect((await ledgerOf(world.mediator, '?status=failed')).mediators[0]).toMatchObject({ cases: 1, successRate: 0 });
  });

  it('refuses bad filters and strangers with typed errors', async () => {
    for (const query of ['?status=open', '?areaCode=abc', '?pageSize=1000', '?from=2026-02-30', '?from=2026-05-01&to=2026-04-01', '?mine=maybe', '?colour=red']) {
      const res = await world.mediator.get(`/ledger${query}`);
      expect([query, res.status, res.body.error.code]).toEqual([query, 400, 'invalid_input']);
    }
    expect((await world.api.get('/ledger')).status).toBe(401);
    expect((await signed.applicant.get('/ledger')).status).toBe(403);
  });

  it('exports the filtered rows as an xlsx workbook with Chinese headers', async () => {
    const res = await fetch(`${app.url}/api/ledger/export.xlsx?mine=true&status=failed`, { headers: { authorization: `Bearer ${world.mediator.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('调解台账.xlsx'));
    const sheet = await readSheet(Buffer.from(await res.arrayBuffer()));
    expect(sheet[0]).toEqual(['案号', '案件名称', '来源渠道', '纠纷类型', '所属区域', '区划代码', '网格', '调解组织', '调解员', '案件状态', '受理日期', '协议生效日期', '结案原因', '结案说明', '回访日期', '履行情况', '满意评价']);
    expect(sheet).toHaveLength(2);
    expect(sheet[1]!.slice(1, 6)).toEqual(['赡养纠纷', '群众申请', '婚姻家庭纠纷', '柏城镇人民调解委员会', '370785003']);
    expect(sheet[1]![8]).toBe('李调解');
    expect(sheet[1]![9]).toBe('调解不成');

    const everything = await readSheet(Buffer.from(await (await fetch(`${app.url}/api/ledger/export.xlsx`, { headers: { authorization: `Bearer ${world.mediator.token}` } })).arrayBuffer()));
    expect(everything).toHaveLength(5);
    expect((await fetch(`${app.url}/api/ledger/export.xlsx?status=nope`, { headers: { authorization: `Bearer ${world.mediator.token}` } })).status).toBe(400);
    expect((await fetch(`${app.url}/api/ledger/export.xlsx`)).status).toBe(401);
  });

  it('closes or withdraws a case with a written reason, by its manager only', async () => {
    const url = `/ledger/cases/${failedId}/close`;
    expect((await world.mediator.post(url, { reason: 'completed' })).status).toBe(400);
    expect((await world.mediator.post(url, { reason: 'completed', note: ' ' })).status).toBe(400);
    expect((await world.gridWorker.post(url, { reason: 'completed', note: '调解不成，已告知诉讼途径' })).status).toBe(403);
    expect((await world.otherMediator.post(url, { reason: 'completed', note: '调解不成，已告知诉讼途径' })).status).toBe(404);
    const closed = await expectOk(world.mediator.post(url, { reason: 'failed', note: '调解不成，已告知诉讼途径' }));
    expect(closed.body).toEqual({ caseId: failedId, status: 'closed', closedReason: 'failed', closedNote: '调解不成，已告知诉讼途径' });
    expect((await ledgerOf(world.mediator, '?status=closed')).rows).toEqual([expect.objectContaining({ caseId: failedId, closedReason: 'failed', closedNote: '调解不成，已告知诉讼途径' })]);
    const events = (await expectOk(world.mediator.get(`/cases/${failedId}/events`))).body as Array<{ type: string; data: unknown }>;
    expect(events.at(-1)).toMatchObject({ type: 'case.closed', data: { reason: 'failed', note: '调解不成，已告知诉讼途径' } });

    // Withdrawing before any outcome; the grid worker opened it, an admin manages it.
    const withdrawn = await expectOk(world.admin.post(`/ledger/cases/${gridCaseId}/close`, { reason: 'withdrawn', note: '双方已自行和解' }));
    expect(withdrawn.body.status).toBe('closed');
    expect(await world.mediator.post(url, { reason: 'failed', note: '再次结案' })).toMatchObject({ status: 409, body: { error: { code: 'illegal_transition' } } });
  });
});
