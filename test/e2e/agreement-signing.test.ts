import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import type { CaseEvent } from '../../server/domain/case-events.ts';
import { repoRoot } from '../../server/media/worker-binary.mjs';
import { ApiClient, tokenOfLink } from '../helpers/api-client.ts';
import { assertClientBuilt, signIn } from '../helpers/e2e.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';
import { caseBody, expectOk } from '../helpers/world.ts';

/*
 * The mediation agreement told in order, in real Chromium: the mediator drafts it on a desktop,
 * both parties read and sign it on their own phones (one draws a signature with the mouse, the
 * other taps to confirm (点按确认) with a touch), the mediator countersigns, and the sealed PDF is
 * checked with poppler. Then, on a second case: reopening after one signature voids it, and the
 * party is told. Three browser contexts in all.
 */

const ARTIFACTS = path.join(repoRoot, 'test', 'artifacts');
const DESK = { width: 1440, height: 900 };
const PHONE = { width: 360, height: 740 };
const APPLICANT = { role: 'applicant', name: '张建国', sex: 'male', ethnicity: '汉族', idNumber: '11010519491231002X', address: '高密市柏城镇幸福路8号', phone: '13812345678' };
const RESPONDENT = { role: 'respondent', name: '刘秀英', sex: 'female', ethnicity: '汉族', idNumber: '110101199003070011', address: '高密市柏城镇幸福路8号楼上' };
/** Sixty days ahead: the pre-check refuses a deadline in the past. */
const DEADLINE = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);

let app: RunningApp;
let browser: Browser;
let api: ApiClient;
let mediator: Page;
let applicant: Page;
let respondent: Page;
const pageErrors: string[] = [];

interface SignableCase {
  caseId: string;
  applicantLink: string;
  respondentLink: string;
  applicantId: string;
  respondentId: string;
}
let main: SignableCase;
let documentHash: string;

async function newPage(options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

/** As agreement-api.test.ts: opened and accepted by the demo mediator, both parties with full identities and invitation links. */
async function signableCase(title: string): Promise<SignableCase> {
  const opened = await expectOk(api.post('/cases', caseBody({ disputeType: 'neighbour', title })));
  const caseId = opened.body.caseId as string;
  await expectOk(api.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
  const add = async (person: Record<string, unknown>) => {
    const added = await expectOk(api.post(`/cases/${caseId}/participants`, person));
    const invitation = await expectOk(api.post(`/cases/${caseId}/invitations`, { participantId: added.body.participantId }));
    return { participantId: added.body.participantId as string, link: `${app.url}/join#${tokenOfLink(invitation.body.url)}` };
  };
  const a = await add(APPLICANT);
  const r = await add(RESPONDENT);
  return { caseId, applicantLink: a.link, respondentLink: r.link, applicantId: a.participantId, respondentId: r.participantId };
}

/** Draws strokes with real mouse events (pointer events in the page), each a list of points in 0..1 of the box. */
async function draw(page: Page, padTestId: string, strokes: Array<Array<[number, number]>>): Promise<void> {
  const canvas = page.locator(`[data-testid=${padTestId}] canvas`);
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  for (const [first, ...rest] of strokes) {
    await page.mouse.move(...at(first!));
    await page.mouse.down();
    for (const point of rest) await page.mouse.move(...at(point), { steps: 5 });
    await page.mouse.up();
  }
}

/** Something like 张建国 written quickly: enough ink for the server's check, made of ordinary strokes. */
const NAME_STROKES: Array<Array<[number, number]>> = [
  [[0.1, 0.35], [0.22, 0.33], [0.2, 0.5], [0.1, 0.52], [0.2, 0.7], [0.14, 0.78]],
  [[0.28, 0.25], [0.3, 0.8]],
  [[0.38, 0.4], [0.5, 0.38], [0.46, 0.55], [0.56, 0.6], [0.44, 0.75], [0.6, 0.78]],
  [[0.66, 0.3], [0.86, 0.3], [0.86, 0.8], [0.66, 0.8], [0.66, 0.3]],
  [[0.7, 0.5], [0.82, 0.5]],
];

/** From the resident's case card (the token is in this tab's session) to the agreement. */
async function openAgreementFromCard(page: Page, linkName: string): Promise<void> {
  await page.goto(`${app.url}/join`);
  await page.getByRole('link', { name: linkName }).click();
  await page.waitForURL('**/agreement');
}

/** Step 1 of signing: the steps below stay closed until the end of the text has been on screen. */
async function readToTheEnd(page: Page): Promise<void> {
  await page.getByTestId('sign-locked').waitFor();
  expect(await page.getByTestId('signing-form').count()).toBe(0);
  await page.getByTestId('agreement-end').scrollIntoViewIfNeeded();
  await page.getByTestId('signing-form').waitFor();
}

async function fillIdentity(page: Page, name: string, last4: string): Promise<void> {
  await page.getByLabel('您的姓名').fill(name);
  await page.getByLabel('身份证号最后四位').fill(last4);
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

beforeAll(async () => {
  assertClientBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startTestServer();
  api = await new ApiClient(app.url).login('mediator');
  browser = await launchBrowser();
  mediator = await newPage({ viewport: DESK });
  applicant = await newPage({ viewport: PHONE });
  // A phone with a touch screen and a 3x display: the tap-to-confirm mark is left with a real touch.
  respondent = await newPage({ viewport: PHONE, hasTouch: true, deviceScaleFactor: 3 });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the mediation agreement in real Chromium: drafted, sent, signed on two phones, countersigned, sealed', () => {
  it('both parties open their invitation links on their own phones', async () => {
    main = await signableCase('楼上漏水致楼下天花板受损纠纷');
    await applicant.goto(main.applicantLink);
    await applicant.getByTestId('resident-role').getByText('申请人 张建国').waitFor();
    await respondent.goto(main.respondentLink);
    await respondent.getByTestId('resident-role').getByText('被申请人 刘秀英').waitFor();
  });

  it('the mediator starts from the case page; the template suggested for the dispute type is prefilled with its defaults', async () => {
    await signIn(mediator, app.url, 'mediator');
    await mediator.goto(`${app.url}/cases/${main.caseId}`);
    await mediator.getByTestId('open-agreement').getByText('起草调解协议').click();
    await mediator.waitForURL(`**/cases/${main.caseId}/agreement`);
    await mediator.getByRole('heading', { name: '起草协议' }).waitFor();
    expect(await mediator.locator('select[name=templateId]').inputValue()).toBe('neighbour');
    await mediator.getByText('按纠纷类型（邻里纠纷）推荐').waitFor();
    expect(await mediator.locator('textarea[name=field-extraTerms]').inputValue()).toBe('双方今后应本着互谅互让、团结互助的原则处理相邻关系。');
    // The first obligation row starts with the respondent owing the applicant.
    const row = mediator.getByTestId('obligation-0');
    expect(await row.locator('select[name=obligorId]').inputValue()).toBe(main.respondentId);
    expect(await row.locator('select[name=obligeeId]').inputValue()).toBe(main.applicantId);
    await mediator.getByText('保存草稿后显示检查结果。').waitFor();
  });

  it('an incomplete draft saves; the pre-check marks what is missing, points at the field, and sending stays disabled', async () => {
    await mediator.locator('textarea[name=field-facts]').fill('被申请人家卫生间防水层老化渗水，致申请人客厅天花板受损。');
    const row = mediator.getByTestId('obligation-0');
    await row.locator('input[name=act]').fill('支付天花板修复费用');
    await row.locator('input[name=deadline]').fill(DEADLINE);
    await row.locator('input[name=method]').fill('银行转账');
    await mediator.getByRole('button', { name: '保存草稿' }).click();
    await mediator.getByTestId('draft-notice').getByText('已保存为第 1 版。').waitFor();

    const precheck = mediator.getByTestId('precheck');
    const missingResponsibilities = precheck.locator('li.precheck-item.error', { hasText: '请填写“各方当事人的责任”。' });
    const missingAmount = precheck.locator('li.precheck-item.error', { hasText: '第1项义务涉及给付金钱，须写明金额。' });
    await missingResponsibilities.waitFor();
    await missingAmount.waitFor();
    expect(await mediator.getByRole('button', { name: '送签' }).isDisabled()).toBe(true);
    // The same finding shows at the field, and the list entry takes the mediator there.
    await mediator.locator('.draft-control.invalid', { has: mediator.locator('input[name=amountYuan]') }).getByText('须写明金额').waitFor();
    await missingAmount.getByRole('button', { name: '去修改' }).click();
    await expect.poll(() => mediator.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('amountYuan');
    // The saved text is previewed as the parties will read it.
    await mediator.getByTestId('agreement-preview').getByText('刘秀英于').first().waitFor();
  });

  it('a party reads the draft on the phone and comments on a clause; the comment shows beside that clause for the mediator', async () => {
    await openAgreementFromCard(applicant, '查看调解协议');
    const draft = applicant.getByTestId('agreement-draft');
    await draft.getByText('调解员正在起草协议').waitFor();
    const clause = draft.locator('section.clause[data-clause="履行方式、时限"]');
    await clause.getByRole('button', { name: '对此条提出意见' }).click();
    await clause.locator('textarea').fill('希望写明转账到我的银行账户。');
    await clause.getByRole('button', { name: '发送给调解员' }).click();
    await clause.getByText('已发送给调解员。').waitFor();
    await clause.getByText('您的意见：希望写明转账到我的银行账户。').waitFor();

    const beside = mediator.locator('section.clause.has-aside[data-clause="履行方式、时限"] .clause-comments');
    await beside.getByText('希望写明转账到我的银行账户。').waitFor();
    await beside.getByText('张建国（申请人）', { exact: false }).waitFor();
  });

  it('the completed draft passes the pre-check; the mediator sends it and the text is frozen with its hash', async () => {
    await mediator.locator('textarea[name=field-responsibilities]').fill('被申请人对渗水负有维修责任，应赔偿申请人天花板修复费用。');
    const row = mediator.getByTestId('obligation-0');
    // A third decimal is refused at the field before anything is sent.
    await row.locator('input[name=amountYuan]').fill('5000.105');
    await mediator.getByRole('button', { name: '保存草稿' }).click();
    await mediator.locator('.draft-control.invalid', { has: mediator.locator('input[name=amountYuan]') }).getByText('最多两位小数', { exact: false }).waitFor();
    // ¥5,000.10 is one of the two-decimal amounts a float check refused.
    await row.locator('input[name=amountYuan]').fill('5,000.10');
    await row.locator('input[name=place]').fill('申请人指定的银行账户');
    await mediator.getByRole('button', { name: '保存草稿' }).click();
    await mediator.getByTestId('draft-notice').getByText('已保存为第 2 版。').waitFor();
    await mediator.getByTestId('precheck-ok').waitFor();
    await mediator.getByTestId('agreement-preview').getByText('人民币5000.10元（大写：伍仟元壹角）', { exact: false }).waitFor();
    expect(await mediator.getByRole('button', { name: '送签' }).isEnabled()).toBe(true);
    await mediator.evaluate(() => window.scrollTo(0, 0));
    await mediator.screenshot({ path: path.join(ARTIFACTS, 'agreement-drafting-1440.png') });

    await mediator.getByRole('button', { name: '送签' }).click();
    const dialog = mediator.getByRole('dialog');
    await dialog.getByText('第 2 版的协议文本将被锁定').waitFor();
    await dialog.getByRole('button', { name: '确认送签' }).click();
    documentHash = (await mediator.getByTestId('document-hash').textContent())!.trim();
    expect(documentHash).toMatch(/^[0-9a-f]{64}$/);
    await mediator.getByTestId('signature-张建国').getByText('待签署').waitFor();
    await mediator.getByTestId('signature-刘秀英').getByText('待签署').waitFor();
  });

  it('the applicant reads to the end, confirms name and ID digits, draws a signature, agrees and signs', async () => {
    // Already on the agreement page: it turns into the signing flow by itself once sent.
    await applicant.getByRole('heading', { name: '第一步：请从头到尾阅读协议' }).waitFor();
    await applicant.evaluate(() => window.scrollTo(0, 0));
    await applicant.screenshot({ path: path.join(ARTIFACTS, 'agreement-reading-360.png') });
    await readToTheEnd(applicant);
    await fillIdentity(applicant, '张建国', '002x');
    expect(await applicant.getByLabel('身份证号最后四位').inputValue()).toBe('002X');
    await draw(applicant, 'resident-signature-pad', NAME_STROKES);
    await applicant.getByText('✓ 已留下签名').waitFor();
    await applicant.getByLabel('我已阅读并同意本协议全部内容').check();
    await applicant.getByTestId('resident-signature-pad').scrollIntoViewIfNeeded();
    await applicant.screenshot({ path: path.join(ARTIFACTS, 'agreement-signing-360.png') });
    await applicant.screenshot({ path: path.join(ARTIFACTS, 'agreement-signing-360-full.png'), fullPage: true });
    await applicant.getByRole('button', { name: '签署协议' }).click();
    await applicant.getByTestId('resident-signed').getByText('您已签署本协议').waitFor();
    await applicant.getByText('还有当事人没有签署').waitFor();
    await mediator.getByTestId('signature-张建国').getByText('手写签名', { exact: false }).waitFor();
  });

  it('the respondent comes from the case card, is refused with wrong ID digits, then signs by tapping to confirm with a touch', async () => {
    await openAgreementFromCard(respondent, '签署调解协议');
    await readToTheEnd(respondent);
    await fillIdentity(respondent, '刘秀英', '1234');
    await respondent.getByRole('button', { name: '点按确认' }).click();
    await respondent.getByText('会留下一个“点按确认”标记（圆圈加对勾）', { exact: false }).waitFor();
    // A drawn mark, not a biometric: nothing on the page calls it a fingerprint.
    expect(await respondent.locator('body').innerText()).not.toMatch(/指印|指纹/);
    const canvas = respondent.locator('[data-testid=resident-signature-pad] canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await respondent.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await respondent.getByText('✓ 已留下签名').waitFor();
    await respondent.screenshot({ path: path.join(ARTIFACTS, 'agreement-tap-confirm-360.png') });
    await respondent.getByLabel('我已阅读并同意本协议全部内容').check();
    await respondent.getByRole('button', { name: '签署协议' }).click();
    await respondent.getByTestId('sign-problem').getByText('姓名或身份证号后四位与本案登记的不一致').waitFor();

    await respondent.getByLabel('身份证号最后四位').fill('0011');
    await respondent.getByRole('button', { name: '签署协议' }).click();
    await respondent.getByTestId('resident-signed').getByText('您已签署本协议').waitFor();
    await respondent.getByText('各方都已签署，等待调解员签署盖章。').waitFor();
    await respondent.screenshot({ path: path.join(ARTIFACTS, 'agreement-signed-360.png') });
  });

  it('the mediator countersigns with a drawn signature; the agreement takes effect and both sides can download it', async () => {
    await mediator.getByTestId('signature-刘秀英').getByText('点按确认', { exact: false }).waitFor();
    await mediator.getByTestId('countersign').waitFor();
    await draw(mediator, 'mediator-signature-pad', NAME_STROKES);
    await mediator.getByRole('button', { name: '调解员签署并盖章' }).click();
    await mediator.getByTestId('agreement-effective').waitFor();
    await mediator.getByTestId('signature-mediator').getByText('已签署并盖章', { exact: false }).waitFor();
    await mediator.screenshot({ path: path.join(ARTIFACTS, 'agreement-effective-1440.png') });

    const [download] = await Promise.all([mediator.waitForEvent('download'), mediator.getByTestId('download-agreement').click()]);
    const file = path.join(ARTIFACTS, 'agreement-final.pdf');
    await download.saveAs(file);

    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toMatch(/Signature is Valid/);
    const text = pdfText(file);
    for (const expected of ['张建国', '刘秀英', '被申请人家卫生间防水层老化渗水', '支付天花板修复费用', '人民币5000.10元（大写：伍仟元壹角）', '当事人签署', '点按确认', '柏城镇人民调解委员会']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/指印|指纹/);

    // The party's page shows the agreement in effect, with their own copy to download.
    await applicant.getByText('协议已生效', { exact: false }).waitFor();
    const [copy] = await Promise.all([applicant.waitForEvent('download'), applicant.getByRole('button', { name: '下载协议（PDF）' }).click()]);
    expect((await fs.promises.readFile((await copy.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('the case log holds every step: sent, two party signatures, the countersignature, taking effect, deliveries', async () => {
    const events = (await expectOk(api.get<CaseEvent[]>(`/cases/${main.caseId}/events`))).body;
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'agreement.sent_for_signature')).toHaveLength(1);
    expect(types.filter((t) => t === 'agreement.signed_by_party')).toHaveLength(2);
    expect(types).toEqual(expect.arrayContaining(['agreement.comment_added', 'agreement.countersigned', 'agreement.signed', 'document.delivered']));
    const signatures = events.filter((e) => e.type === 'agreement.signed_by_party').map((e) => e.data as { method: string; documentHash: string });
    expect(signatures.map((s) => s.method).sort()).toEqual(['fingerprint', 'handwritten']);
    expect(signatures.every((s) => s.documentHash === documentHash)).toBe(true);
    // One receipt for the mediator's copy, one for the applicant's.
    expect(types.filter((t) => t === 'document.delivered')).toHaveLength(2);
    expect(pageErrors).toEqual([]);
  });
});

describe('reopening voids the signatures given so far', () => {
  it('after the first party signed, the mediator reopens with a reason; the party’s page says the signature is void', async () => {
    const second = await signableCase('楼道堆放杂物纠纷');
    await expectOk(
      api.call('PUT', `/cases/${second.caseId}/agreement/draft`, {
        baseVersion: 0,
        draft: {
          templateId: 'neighbour',
          fields: { facts: '被申请人在楼道长期堆放杂物，影响申请人通行。', responsibilities: '被申请人应清理楼道杂物。' },
          obligations: [{ id: 'o1', obligorId: second.respondentId, obligeeId: second.applicantId, act: '清理楼道内堆放的杂物', deadline: DEADLINE }],
        },
      }),
    );
    await expectOk(api.post(`/cases/${second.caseId}/agreement/send`));

    await applicant.goto(second.applicantLink);
    await applicant.getByTestId('resident-role').waitFor();
    await applicant.getByRole('link', { name: '签署调解协议' }).click();
    await applicant.waitForURL('**/agreement');
    await readToTheEnd(applicant);
    await fillIdentity(applicant, '张建国', '002X');
    await draw(applicant, 'resident-signature-pad', NAME_STROKES);
    await applicant.getByLabel('我已阅读并同意本协议全部内容').check();
    await applicant.getByRole('button', { name: '签署协议' }).click();
    await applicant.getByTestId('resident-signed').waitFor();

    await mediator.goto(`${app.url}/cases/${second.caseId}/agreement`);
    await mediator.getByTestId('signature-张建国').getByText('已签署', { exact: false }).waitFor();
    await mediator.getByRole('button', { name: '退回修改' }).click();
    const dialog = mediator.getByRole('dialog');
    await dialog.getByText('各方已作出的签名全部作废').waitFor();
    await dialog.getByLabel('退回原因').fill('被申请人要求延长履行期限');
    await dialog.getByRole('button', { name: '确认退回，签名作废' }).click();
    await mediator.getByRole('heading', { name: '起草协议' }).waitFor();

    const notice = applicant.getByTestId('signature-void');
    await notice.getByText('协议已修改，您之前的签名已作废，请重新阅读并签署').waitFor();
    await applicant.getByTestId('agreement-draft').waitFor();
    await applicant.screenshot({ path: path.join(ARTIFACTS, 'agreement-void-360.png') });

    // Sent again: the notice stays until they sign the new version.
    await expectOk(api.post(`/cases/${second.caseId}/agreement/send`));
    await applicant.getByTestId('sign-locked').waitFor();
    await notice.waitFor();
    expect((await app.services.cases.get(second.caseId))!.agreement!.signatures).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
