import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import type { ApiClient } from '../helpers/api-client.ts';
import { dispatchCast, gridReport, noticeOf, PASSWORD, type DispatchCast } from '../helpers/dispatch-world.ts';
import { signIn, withBrowserWorld } from '../helpers/e2e.ts';
import { waitUntil } from '../helpers/processes.ts';
import { signaturePng } from '../helpers/signature-png.ts';
import { expectOk, type World } from '../helpers/world.ts';

let app: RunningApp;
let browser: Browser;
let world: World;
let cast: DispatchCast;
const pageErrors: string[] = [];

withBrowserWorld((setup) => ({ app, world, browser } = setup));
beforeAll(async () => {
  cast = await dispatchCast(world);
});

/** One context per participant; `small=1` keeps the camera small for the room. */
async function staffPage(username: string, password = PASSWORD): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  await signIn(page, app.url, username, { password, query: 'small=1' });
  return page;
}

const casePage = async (page: Page, caseId: string) => {
  await page.goto(`${app.url}/cases/${caseId}`);
  await page.locator('.case-page h1').waitFor();
};

async function entersRoom(page: Page, caseId: string): Promise<void> {
  await page.getByTestId('enter-room').click();
  await page.waitForURL(`**/cases/${caseId}/room`);
  await page.getByTestId('in-room').waitFor();
}

/** The tiers card's declaration and take button (a grid worker's reads 由我自行调解). */
async function takes(page: Page, label: string): Promise<void> {
  await page.getByLabel('本人与当事人无利害关系，不存在应当回避的情形').check();
  await page.getByRole('button', { name: label }).click();
  await page.getByTestId('enter-room').waitFor();
}

async function escalates(page: Page, button: string, reason: string, tierAfter: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('原因').fill(reason);
  await dialog.getByRole('button', { name: '提级处理' }).click();
  await page.getByTestId('current-tier').getByText(tierAfter).waitFor();
}

const caseRow = (page: Page, title: string) => page.locator('tr', { hasText: title });

describe('dispatch and the three tiers, in real Chromium (#14)', () => {
  it('the centre dispatches a grid report to a mediator, who is told, accepts and opens the room; the reporter sees acceptance and outcome', async () => {
    const title = '宅基地边界纠纷';
    const caseId = await gridReport(cast, title);

    const centre = await staffPage('towncentre');
    await centre.getByTestId('nav-dispatch').click();
    await centre.getByRole('heading', { name: '派单 · 一窗分流', level: 1 }).waitFor();
    const row = centre.getByTestId('dispatch-row').filter({ hasText: title });
    await row.getByText('东村人民调解委员会').waitFor();
    await row.getByLabel('指派调解员').selectOption({ label: '周调解' });
    await row.getByRole('button', { name: '派单' }).click();
    await centre.getByTestId('dispatch-row').filter({ hasText: title }).getByText('已派给 周调解，等待接受').waitFor();

    // The mediator finds the assignment among their notices, follows it and accepts.
    const mediator = await staffPage('dongmed');
    await mediator.getByTestId('staff-notices').getByRole('link', { name: `“${title}”已派给 周调解` }).click();
    await mediator.waitForURL(`**/cases/${caseId}`);
    await mediator.getByLabel('本人与本案当事人无利害关系', { exact: false }).check();
    await mediator.getByRole('button', { name: '接受案件' }).click();
    await mediator.getByTestId('enter-room').waitFor();
    await expectOk(cast.villageMediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 3600_000).toISOString() }));
    await mediator.reload();
    await entersRoom(mediator, caseId);

    // The grid worker who reported it sees the acceptance on their list, then the outcome.
    const grid = await staffPage('donggrid');
    await grid.getByTestId('staff-notices').getByText('已由 周调解 受理调解').waitFor();
    // Accepted and already in session: the list names the mediator now running it.
    await caseRow(grid, title).getByText('周调解').waitFor();
    await mediator.goto(`${app.url}/cases/${caseId}`);
    await expectOk(cast.villageMediator.post(`/cases/${caseId}/fail`, { reason: '双方均不让步' }));
    await noticeOf(cast.villageGrid, caseId, 'case_outcome');
    await grid.reload();
    await caseRow(grid, title).getByText('调解不成').waitFor();
    await grid.getByTestId('staff-notices').getByText('调解不成，原因：双方均不让步').waitFor();
    for (const page of [centre, mediator, grid]) await page.context().close();
  });

  it('a mediator takes an unassigned case of their organisation from its page', async () => {
    const caseId = await gridReport(cast, '承包地界纠纷');
    const mediator = await staffPage('dongmed');
    await casePage(mediator, caseId);
    await takes(mediator, '接受此案件');
    const state = (await app.services.cases.get(caseId))!;
    expect(state.status).toBe('accepted');
    expect(state.mediator).toMatchObject({ accountId: cast.villageMediatorId, acceptedAt: expect.any(String) });
    await mediator.context().close();
  });

  it('a grid worker mediates a simple case themselves: the room and an agreement as the first tier', async () => {
    const title = '邻里占道纠纷';
    const caseId = await gridReport(cast, title);
    const grid = await staffPage('donggrid');
    await casePage(grid, caseId);
    await takes(grid, '由我自行调解');
    await grid.getByTestId('current-tier').getByText('网格调解').waitFor();
    await expectOk(cast.villageGrid.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 3600_000).toISOString() }));
    await grid.reload();
    await entersRoom(grid, caseId);

    await signedByGridWorker(cast.villageGrid, caseId);
    await casePage(grid, caseId);
    await grid.locator('.case-page').getByText('协议已签署').first().waitFor();
    const state = (await app.services.cases.get(caseId))!;
    expect(state).toMatchObject({ status: 'signed', tier: 'grid', mediator: { accountId: cast.villageGridId } });
    expect(state.agreement?.countersignature?.mediatorName).toBe('吴网格');
    await grid.context().close();
  });

  it('escalates grid worker → mediator → judge with reasons, each tier told; the judge lists it, answers a request for guidance and joins the room as a guide', async () => {
    const title = '相邻排水纠纷';
    const caseId = await gridReport(cast, title);
    const grid = await staffPage('donggrid');
    await casePage(grid, caseId);
    await takes(grid, '由我自行调解');
    await escalates(grid, '提级至人民调解', '双方对赔偿金额分歧大', '人民调解');
    await grid.getByTestId('tier-history').getByText('网格调解 → 人民调解，原因：双方对赔偿金额分歧大').waitFor();

    const mediator = await staffPage('dongmed');
    await mediator.getByTestId('staff-notices').getByText('已提级至调解员，原因：双方对赔偿金额分歧大').waitFor();
    await casePage(mediator, caseId);
    await mediator.getByLabel('本人与本案当事人无利害关系', { exact: false }).check();
    await mediator.getByRole('button', { name: '接受案件' }).click();
    await escalates(mediator, '提级至法官指导', '涉及相邻关系的法律适用', '法官指导');

    // The guiding court's judge is told and finds it in the guided cases (not the confirmation queue).
    await noticeOf(world.judge, caseId, 'case_escalated');
    const judge = await staffPage('judge', 'mediation-demo');
    await judge.getByTestId('nav-guided').click();
    await judge.getByRole('heading', { name: '指导案件', level: 1 }).waitFor();
    await judge.getByTestId('guided-row').filter({ hasText: title }).waitFor();

    // The mediator asks for guidance; the judge answers from the case page; the mediator reads it.
    await mediator.getByLabel('需要指导的问题').fill('排水管道共有部分的维修费用如何分担？');
    await mediator.getByRole('button', { name: '请求指导法官指导' }).click();
    await mediator.getByTestId('guidance-item').getByText('等待法官答复').waitFor();
    await noticeOf(world.judge, caseId, 'guidance_requested');
    await judge.reload();
    await judge.getByTestId('guided-row').filter({ hasText: title }).getByText('1 个待答复').waitFor();
    await judge.getByTestId('guided-row').filter({ hasText: title }).getByRole('link', { name: title }).click();
    await judge.getByLabel('答复').fill('按各自受益比例分担，可参照物业服务合同。');
    await judge.getByRole('button', { name: '提交答复' }).click();
    await judge.getByTestId('guidance-answer').getByText('按各自受益比例分担').waitFor();
    await noticeOf(cast.villageMediator, caseId, 'guidance_answered');
    await mediator.reload();
    await mediator.getByTestId('guidance-answer').getByText('赵法官 答复：').waitFor();

    // The guiding judge may also join the mediation in the room, as a guide.
    await expectOk(cast.villageMediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 3600_000).toISOString() }));
    await mediator.reload();
    await entersRoom(mediator, caseId);
    await casePage(judge, caseId);
    await entersRoom(judge, caseId);

    const types = (await app.services.cases.load(caseId)).events.map((e) => e.type);
    expect(types.filter((t) => t === 'case.escalated' || t.startsWith('guidance.'))).toEqual(['case.escalated', 'case.escalated', 'guidance.requested', 'guidance.answered']);
    expect((await app.services.cases.verify(caseId)).valid).toBe(true);
    for (const page of [grid, mediator, judge]) await page.context().close();
  });

  it('the centre transfers a case to another organisation with a reason; the new one sees it, the old one no longer; the reporter follows it', async () => {
    const title = '跨村水渠纠纷';
    const caseId = await gridReport(cast, title);
    const centre = await staffPage('towncentre');
    await casePage(centre, caseId);
    await centre.getByRole('button', { name: '转办至其他组织' }).click();
    const dialog = centre.getByRole('dialog');
    await dialog.getByLabel('转至调解组织').selectOption({ label: '城关街道人民调解委员会' });
    await dialog.getByLabel('原因').fill('水渠位于城关街道辖区');
    await dialog.getByRole('button', { name: '确认转办' }).click();
    await centre.getByTestId('tier-history').getByText('dongcun → chengguan，原因：水渠位于城关街道辖区').waitFor();

    const other = await staffPage('mediator2', 'another-password');
    await caseRow(other, title).getByText('待受理').waitFor();
    expect((await cast.villageMediator.get(`/cases/${caseId}`)).status).toBe(404);
    const grid = await staffPage('donggrid');
    await grid.getByTestId('staff-notices').getByText('已转办，原因：水渠位于城关街道辖区').waitFor();
    await caseRow(grid, title).waitFor();
    for (const page of [centre, other, grid]) await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});

/** Parties, a draft, both signatures and the grid worker's countersignature, through the API: the agreement takes effect. */
async function signedByGridWorker(gridWorker: ApiClient, caseId: string): Promise<void> {
  const a = await world.withResident(gridWorker, caseId, { role: 'applicant', name: '张建国', sex: 'male', ethnicity: '汉族', idNumber: '11010519491231002X', address: '高密市小庄镇东村8号', phone: '13812345678' });
  const r = await world.withResident(gridWorker, caseId, { role: 'respondent', name: '刘秀英', sex: 'female', ethnicity: '汉族', idNumber: '110101199003070011', address: '高密市小庄镇东村9号' });
  await expectOk(
    gridWorker.call('PUT', `/cases/${caseId}/agreement/draft`, {
      baseVersion: 0,
      draft: {
        templateId: 'debt',
        fields: { facts: '被申请人在公共通道堆放杂物，影响申请人通行。', responsibilities: '被申请人应清理杂物。' },
        obligations: [{ id: 'o1', obligorId: r.participantId, obligeeId: a.participantId, act: '清理通道杂物', amountFen: 10_000, deadline: '2027-03-31', method: '现金' }],
      },
    }),
  );
  const sent = await expectOk(gridWorker.post(`/cases/${caseId}/agreement/send`));
  const hash = sent.body.agreement.frozen.documentHash;
  await expectOk(world.api.as(a.residentToken).post(`/cases/${caseId}/agreement/sign`, { documentHash: hash, name: '张建国', idLast4: '002X', method: 'handwritten', signaturePng: signaturePng(), agreed: true }));
  await expectOk(world.api.as(r.residentToken).post(`/cases/${caseId}/agreement/sign`, { documentHash: hash, name: '刘秀英', idLast4: '0011', method: 'handwritten', signaturePng: signaturePng({ seed: 2 }), agreed: true }));
  await expectOk(gridWorker.post(`/cases/${caseId}/agreement/countersign`, { documentHash: hash, signaturePng: signaturePng({ seed: 3 }) }));
  await waitUntil(async () => (await app.services.cases.get(caseId))?.status === 'signed' || undefined, { what: 'the agreement to take effect' });
}
