import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { signIn, withBrowserWorld } from '../helpers/e2e.ts';
import { PHONE } from '../helpers/page-walk.ts';
import { signaturePng } from '../helpers/signature-png.ts';
import { caseBody, expectOk, type World } from '../helpers/world.ts';

/*
 * The grid worker's journey on a 360 px phone (issue #14 items 1 and 7): a field report with a
 * photo and a grid picked from the registry, which the organisation then finds at intake; a
 * lighter item logged and closed with an outcome; and assisted join (帮办), the grid worker's
 * phone taking a resident through the door and signing, with the assistance on the case log and
 * the agreement's PDF audit page.
 */

let app: RunningApp;
let browser: Browser;
let world: World;

withBrowserWorld((setup) => ({ app, world, browser } = setup));

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', permissions: ['camera', 'microphone'] });
  return context.newPage();
}

/** Nothing on the page is wider than the phone: no sideways scrolling for a grid worker in the street. */
async function expectFitsThePhone(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

describe('a grid worker on a phone', () => {
  it('files a field report with a photo and a grid from the registry; the organisation finds it at intake', async () => {
    const grid = await phone();
    await signIn(grid, app.url, 'grid');
    await grid.getByTestId('nav-grid').click();
    await grid.getByRole('heading', { name: '网格工作台' }).waitFor();
    await grid.getByRole('link', { name: '上报纠纷' }).click();
    await grid.getByRole('heading', { name: '上报纠纷' }).waitFor();
    await expectFitsThePhone(grid);

    // The grid comes from the registry, shown by its names, town › community › grid.
    const picker = grid.getByLabel('所在网格');
    await expect.poll(() => picker.locator('option').allTextContents()).toContain('柏城镇 › 东关社区 › 第3网格');
    await picker.selectOption({ label: '柏城镇 › 东关社区 › 第3网格' });
    await grid.getByLabel('纠纷类型').selectOption('neighbour');
    await grid.getByLabel('标题').fill('楼道堆物引发邻里争吵');
    await grid.getByLabel('简要情况').fill('二单元三楼住户在楼道堆放纸箱，对门住户多次交涉未果，双方争吵。');
    await grid.getByLabel('申请人（反映问题的一方）姓名').fill('孙桂兰');
    await grid.getByLabel('申请人手机号（选填）').fill('13912345678');
    await grid.getByLabel('被申请人姓名（选填）').fill('周大海');
    const png = Buffer.from(signaturePng({ seed: 7 }), 'base64');
    await grid.getByLabel('现场照片（选填，可多张）').setInputFiles({ name: '楼道现场.png', mimeType: 'image/png', buffer: png });
    await grid.getByRole('button', { name: '提交上报' }).click();
    const filed = grid.getByTestId('report-filed');
    await filed.getByText('已附现场照片 1 张').waitFor();
    await expectFitsThePhone(grid);

    // On record: the case at intake for the grid's organisation and court, the photo by its SHA-256.
    const mine = (await expectOk(world.gridWorker.get('/field-reports/mine'))).body as Array<{ caseId: string; title: string }>;
    const caseId = mine.find((c) => c.title === '楼道堆物引发邻里争吵')!.caseId;
    const state = (await app.services.cases.get(caseId))!;
    expect(state).toMatchObject({ status: 'intake', channel: 'grid_report', areaCode: '370785001001003', grid: '柏城镇 › 东关社区 › 第3网格', orgId: 'baicheng', courtId: 'gaomi-court' });
    expect(state.photos).toMatchObject([{ name: '楼道现场.png', mime: 'image/png', sha256: createHash('sha256').update(png).digest('hex') }]);
    expect(await app.services.cases.verify(caseId)).toMatchObject({ valid: true });

    // The organisation's mediator finds it in the list, waiting to be taken, with its photo.
    const mediator = await phone();
    await signIn(mediator, app.url, 'mediator');
    const row = mediator.locator(`[data-case-id="${caseId}"]`);
    await row.getByText('待受理').waitFor();
    await row.getByRole('link', { name: '楼道堆物引发邻里争吵' }).click();
    await mediator.getByTestId('case-photos').getByText(/楼道现场\.png/).waitFor();
    await mediator.context().close();

    // The grid worker's own list shows it too.
    await grid.getByRole('link', { name: '返回网格工作台' }).click();
    await grid.getByTestId('my-reports').getByRole('link', { name: '楼道堆物引发邻里争吵' }).waitFor();
    await grid.context().close();
  });

  it('logs a lighter item (民意诉求) and closes it with an outcome', async () => {
    const grid = await phone();
    await signIn(grid, app.url, 'grid');
    await grid.goto(`${app.url}/grid`);
    await grid.getByRole('link', { name: '登记隐患或诉求' }).click();
    await grid.getByRole('heading', { name: '登记隐患或民意诉求' }).waitFor();
    await grid.getByLabel('民意诉求').check();
    const picker = grid.getByLabel('所在网格');
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
    await picker.selectOption({ label: '柏城镇 › 西关社区 › 第1网格' });
    await grid.getByLabel('事项标题').fill('居民要求加装路灯');
    await grid.getByLabel('具体情况（选填）').fill('西关小区北门至菜市场一段夜间无照明');
    await expectFitsThePhone(grid);
    await grid.getByRole('button', { name: '登记', exact: true }).click();

    await grid.getByRole('heading', { name: '网格工作台' }).waitFor();
    const card = grid.getByTestId('items').locator('li', { hasText: '居民要求加装路灯' });
    await card.getByText('处理中').waitFor();
    await card.getByRole('button', { name: '办结' }).click();
    await card.getByLabel('处理结果').selectOption('referred');
    await card.getByLabel('办理情况').fill('已转交镇城建办，列入本月路灯安装计划');
    await card.getByRole('button', { name: '确认办结' }).click();
    await card.getByTestId('item-outcome').getByText('已转交有关部门：已转交镇城建办，列入本月路灯安装计划').waitFor();
    await card.getByText('已办结').waitFor();
    await expectFitsThePhone(grid);

    const items = (await expectOk(world.gridWorker.get('/items'))).body as Array<{ itemId: string; title: string; status: string }>;
    const item = items.find((i) => i.title === '居民要求加装路灯')!;
    expect(item.status).toBe('closed');
    expect((await expectOk(world.gridWorker.get(`/items/${item.itemId}/verify`))).body).toMatchObject({ valid: true, length: 2 });
    await grid.context().close();
  });

  it('helps a resident without a phone through the door and signing (帮办), on record in the log and on the PDF audit page', async () => {
    const opened = await expectOk(world.mediator.post('/cases', caseBody({ title: '民间借贷纠纷（帮办）' })));
    const caseId = opened.body.caseId as string;
    await expectOk(world.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
    const add = (person: Record<string, unknown>) => expectOk(world.mediator.post(`/cases/${caseId}/participants`, person)).then((res) => res.body.participantId as string);
    const applicantId = await add({ role: 'applicant', name: '张建国', sex: 'male', ethnicity: '汉族', idNumber: '11010519491231002X', address: '高密市柏城镇幸福路8号' });
    const respondentId = await add({ role: 'respondent', name: '刘秀英', sex: 'female', ethnicity: '汉族', idNumber: '110101199003070011', address: '高密市柏城镇幸福路9号' });
    await expectOk(world.mediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 60_000).toISOString() }));
    await expectOk(
      world.mediator.call('PUT', `/cases/${caseId}/agreement/draft`, {
        baseVersion: 0,
        draft: {
          templateId: 'debt',
          fields: { facts: '被申请人向申请人借款三万元，约定2026年6月归还，至今未还。', responsibilities: '被申请人应归还借款。' },
          obligations: [{ id: 'o1', obligorId: respondentId, obligeeId: applicantId, act: '归还借款', amountFen: 3_000_000, deadline: '2027-03-31', method: '银行转账' }],
        },
      }),
    );
    const hash = (await expectOk(world.mediator.post(`/cases/${caseId}/agreement/send`))).body.agreement.frozen.documentHash as string;

    // The grid worker starts 帮办 for the applicant from the case page; the door opens on this phone.
    const grid = await phone();
    await signIn(grid, app.url, 'grid');
    await grid.goto(`${app.url}/cases/${caseId}`);
    await grid.getByRole('button', { name: '为张建国帮办' }).click();
    await grid.getByRole('dialog').getByRole('button', { name: '开始帮办' }).click();
    await grid.waitForURL('**/join');
    await grid.getByTestId('assistance-banner').getByText('由网格员王网格协助（帮办）').waitFor();
    await expectFitsThePhone(grid);

    // The door, as residentThroughTheDoor takes it, saying who assists at the declaration and identity check.
    await grid.getByTestId('enter-room').click();
    await grid.getByRole('heading', { name: '检查摄像头和麦克风' }).waitFor();
    await grid.getByRole('button', { name: '下一步' }).click();
    await grid.getByTestId('assistance-banner').getByText('由网格员王网格协助（帮办）').waitFor();
    await grid.getByLabel('我已阅读并知晓上述警示').check();
    await grid.getByLabel('我承诺遵守').check();
    await grid.getByLabel('不同意对本次调解录音录像', { exact: true }).check();
    await grid.getByRole('button', { name: '确认并继续' }).click();
    await grid.getByLabel('姓名').fill('张建国');
    await grid.getByTestId('assistance-banner').waitFor();
    await expectFitsThePhone(grid);
    await grid.getByLabel('身份证号码最后四位').fill('002X');
    await grid.getByRole('button', { name: '核对身份', exact: true }).click();
    await grid.getByRole('heading', { name: '请稍候，调解员将邀请您进入' }).waitFor();
    const gridId = await world.accountId('grid');
    const assisted = { kind: 'resident', participantId: applicantId, name: '张建国', assistedBy: { accountId: gridId, name: '王网格', role: 'grid_worker' } };
    await expect.poll(async () => (await app.services.cases.load(caseId)).events.filter((e) => e.type === 'room.identity_checked').map((e) => e.actor)).toEqual([assisted]);
    expect((await app.services.cases.load(caseId)).events.find((e) => e.type === 'room.declaration_accepted')?.actor).toEqual(assisted);

    // Then signing, on the same phone, with the party confirming in person.
    await grid.goto(`${app.url}/join`);
    await grid.getByRole('link', { name: '签署调解协议' }).click();
    await grid.waitForURL('**/agreement');
    await grid.getByTestId('assistance-banner').waitFor();
    await grid.getByTestId('agreement-end').scrollIntoViewIfNeeded();
    await grid.getByTestId('signing-form').waitFor();
    await grid.getByLabel('您的姓名').fill('张建国');
    await grid.getByLabel('身份证号最后四位').fill('002X');
    await grid.getByRole('button', { name: '点按确认' }).click();
    const canvas = grid.locator('[data-testid=resident-signature-pad] canvas');
    await canvas.scrollIntoViewIfNeeded();
    await canvas.click();
    await grid.getByLabel('我已阅读并同意本协议全部内容').check();
    await grid.getByRole('button', { name: '签署协议' }).click();
    await grid.getByTestId('resident-signed').getByText('您已签署本协议').waitFor();
    await expectFitsThePhone(grid);

    // The respondent signs on their own phone (through the API here), the mediator last.
    const rLink = await expectOk(world.mediator.post(`/cases/${caseId}/invitations`, { participantId: respondentId }));
    const rToken = (await expectOk(world.api.post('/invitations/redeem', { token: rLink.body.url.split('#')[1], deviceId: 'respondent-device-000001' }))).body.residentToken as string;
    await expectOk(world.api.as(rToken).post(`/cases/${caseId}/agreement/sign`, { documentHash: hash, name: '刘秀英', idLast4: '0011', method: 'handwritten', signaturePng: signaturePng({ seed: 2 }), agreed: true }));
    await expectOk(world.mediator.post(`/cases/${caseId}/agreement/countersign`, { documentHash: hash, signaturePng: signaturePng({ seed: 3 }) }));

    const events = (await app.services.cases.load(caseId)).events;
    expect(events.find((e) => e.type === 'agreement.signed_by_party' && e.data.participantId === applicantId)?.actor).toEqual(assisted);
    expect(await app.services.cases.verify(caseId)).toMatchObject({ valid: true });

    // The case log on the staff page says who assisted; the grid worker ends the assistance there.
    await grid.goto(`${app.url}/cases/${caseId}`);
    await grid.locator('[data-type="agreement.signed_by_party"]').first().getByText('由网格员王网格协助（帮办）').waitFor();
    await grid.locator('[data-type="assistance.started"]').getByText('王网格 为 张建国 帮办').waitFor();
    await grid.getByTestId('assistance-ongoing').getByRole('button', { name: '结束帮办' }).click();
    await grid.getByTestId('assistance-ongoing').waitFor({ state: 'detached' });
    expect((await app.services.cases.get(caseId))!.assistances).toMatchObject([{ participantId: applicantId, endedAt: expect.any(String) }]);
    await grid.context().close();

    // And the agreement's audit page prints it.
    const res = await fetch(`${app.url}/api/cases/${caseId}/agreement.pdf`, { headers: { authorization: `Bearer ${world.mediator.token}` } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assisted-e2e-'));
    fs.writeFileSync(path.join(dir, 'a.pdf'), Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    fs.rmSync(dir, { recursive: true, force: true });
    const audit = text.slice(text.indexOf('签署记录'));
    expect(audit).toContain('开始帮办');
    expect(audit).toContain('由网格员王网格协助（帮办）');
  });
});

describe('the grid registry page', () => {
  it('lets an admin add a grid under a community, rebind it to another organisation and remove it, each change on the registry’s chain', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const admin = await context.newPage();
    await signIn(admin, app.url, 'admin');
    await admin.getByTestId('nav-grid-registry').click();
    await admin.getByRole('heading', { name: '网格登记管理' }).waitFor();
    const before = await app.services.gridRegistry.verify();

    const form = admin.locator('form', { has: admin.getByRole('heading', { name: '新增节点' }) });
    await form.getByLabel('上级').selectOption({ label: '柏城镇 › 西关社区' });
    await form.getByLabel('代码').fill('37078500100');
    await form.getByLabel('名称').fill('第9网格');
    await form.getByRole('button', { name: '新增' }).click();
    // A code that does not extend the parent's is refused by the server, and nothing is added.
    await form.getByText('请填写以上级代码开头的 6 至 15 位数字').waitFor();
    await form.getByLabel('代码').fill('370785001002009');
    await form.getByRole('button', { name: '新增' }).click();
    const node = admin.locator('[data-code="370785001002009"]');
    await node.getByText('调解组织：柏城镇人民调解委员会（沿用上级）；指导法院：高密市人民法院（沿用上级）').waitFor();

    await node.getByRole('button', { name: '修改 柏城镇 › 西关社区 › 第9网格' }).click();
    await node.getByLabel('调解组织').selectOption({ label: '城关街道人民调解委员会' });
    await node.getByRole('button', { name: '保存' }).click();
    await node.getByText('调解组织：城关街道人民调解委员会；指导法院：高密市人民法院（沿用上级）').waitFor();
    expect(await app.services.gridRegistry.resolve('370785001002009')).toMatchObject({ effectiveOrgId: 'chengguan', path: ['柏城镇', '西关社区', '第9网格'] });

    await node.getByRole('button', { name: '删除 柏城镇 › 西关社区 › 第9网格' }).click();
    await node.waitFor({ state: 'detached' });
    expect(await app.services.gridRegistry.resolve('370785001002009')).toBeUndefined();
    expect(await app.services.gridRegistry.verify()).toMatchObject({ valid: true, length: (before as { length: number }).length + 3 });
    await context.close();
  });
});
