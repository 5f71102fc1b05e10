import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { codeIn, outbox, respondentLinkToken } from '../helpers/application.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { assertClientBuilt, signIn } from '../helpers/e2e.ts';
import { startTestServer, tempDataDir } from '../helpers/server.ts';
import { expectOk, World } from '../helpers/world.ts';

/*
 * Resident self-application in real Chromium, residents on 360 px phones: a resident applies (the
 * SMS code read from the demo sender's box), the organisation accepts (受理) on the case page, the
 * respondent answers from the link sent to them, and the applicant's status page shows each step.
 */

const PHONE = { width: 360, height: 740 };

let app: RunningApp;
let world: World;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  assertClientBuilt();
  dataDir = tempDataDir();
  app = await startTestServer({ DATA_DIR: dataDir });
  world = await World.create(app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const phonePage = async () => (await browser.newContext({ viewport: PHONE, locale: 'zh-CN' })).newPage();

interface Applicant {
  name: string;
  phone: string;
  respondent: string;
  respondentPhone: string;
  onBehalf?: { name: string; relationship: string };
  chooseMediator?: string;
  /** Consents to electronic service (default yes). */
  electronic?: boolean;
}

/** As the room's phone pages: nothing wider than the screen, large type, touch targets of 48 px and more. */
async function expectPhoneLayout(page: Page): Promise<void> {
  const layout = await page.evaluate(() => {
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    };
    const targets = [...document.querySelectorAll('main button, main a.button, main label.declaration, main label.choice')].filter(visible);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      fontSize: parseFloat(getComputedStyle(document.querySelector('main')!).fontSize),
      smallTargets: targets.filter((el) => el.getBoundingClientRect().height < 48).map((el) => el.textContent),
    };
  });
  expect(layout.scrollWidth).toBeLessThanOrEqual(PHONE.width);
  expect(layout.fontSize).toBeGreaterThanOrEqual(18);
  expect(layout.smallTargets).toEqual([]);
}

/** Fills and submits the form on a phone; returns the page (now on the status page) and the case number it shows. */
async function apply(a: Applicant): Promise<{ page: Page; caseNumber: string }> {
  const page = await phonePage();
  await page.goto(`${app.url}/apply`);
  await page.getByRole('heading', { name: '申请人民调解' }).waitFor();
  if (a.onBehalf) {
    await page.getByLabel('我代家人申请').check();
    await page.getByLabel('您的姓名（代为申请人）').fill(a.onBehalf.name);
    await page.getByLabel('您与当事人的关系').selectOption({ label: a.onBehalf.relationship });
  }
  await page.locator('input[name=applicantName]').fill(a.name);
  await page.getByLabel('身份证号码').fill('11010519491231002X');
  await page.getByLabel('送达地址（能收到文书的地址）').fill('高密市柏城镇幸福路8号');
  await page.getByLabel('手机号', { exact: true }).fill(a.phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  const demo = page.getByTestId('demo-sms');
  await demo.waitFor();
  await page.getByLabel('短信验证码').fill(codeIn(await demo.innerText()));
  await page.locator('input[name=respondentName]').fill(a.respondent);
  await page.getByLabel('对方手机号').fill(a.respondentPhone);
  await page.getByLabel('纠纷类型').selectOption({ label: '邻里纠纷' });
  await page.getByLabel('事实和理由').fill('楼上卫生间漏水，导致我家客厅天花板发霉脱落，多次协商未果。');
  await page.getByLabel('请求事项').fill('维修防水层，赔偿损失两千元。');
  await page.getByLabel('调解组织').selectOption({ label: '柏城镇人民调解委员会' });
  if (a.chooseMediator) await page.getByLabel('调解员（选填）').selectOption({ label: a.chooseMediator });
  // Not ticked for them: electronic service needs their own consent.
  expect(await page.getByLabel('同意以短信、电子邮件或本系统页面电子送达文书').isChecked()).toBe(false);
  if (a.electronic !== false) await page.getByLabel('同意以短信、电子邮件或本系统页面电子送达文书').check();
  await page.getByLabel('我已阅读并确认上述送达地址确认书').check();
  await page.getByLabel('我同意通过本系统在线进行调解').check();
  await expectPhoneLayout(page);
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.waitForURL('**/apply/status');
  const number = page.getByText(/^案号：/);
  await number.waitFor();
  return { page, caseNumber: (await number.innerText()).replace('案号：', '') };
}

/** Reloads the status page until the step shows the status. */
async function expectStep(page: Page, step: string, status: string): Promise<void> {
  const item = page.locator(`[data-step="${step}"]`);
  for (let i = 0; i < 20 && (await item.getAttribute('data-status')) !== status; i++) {
    await page.reload();
    await page.getByTestId('application-steps').waitFor();
  }
  expect(await item.getAttribute('data-status')).toBe(status);
}

async function caseIdOf(caseNumber: string): Promise<string> {
  const cases = (await expectOk(world.mediator.get('/cases'))).body as Array<{ caseId: string; caseNumber: string }>;
  return cases.find((c) => c.caseNumber === caseNumber)!.caseId;
}

/** The mediator takes the application up (受理) on the case page, which asks the respondent by SMS. */
async function acceptOnCasePage(caseId: string): Promise<Page> {
  const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signIn(staff, app.url, 'mediator');
  await staff.goto(`${app.url}/cases/${caseId}`);
  await staff.getByRole('heading', { name: '当事人在线申请' }).waitFor();
  await staff.getByRole('button', { name: '受理', exact: true }).click();
  await staff.locator('[data-testid=application-stage][data-stage=respondent_contacted]').waitFor();
  return staff;
}

async function respondentPage(caseNumber: string): Promise<Page> {
  const token = await respondentLinkToken(dataDir, caseNumber);
  const page = await phonePage();
  await page.goto(`${app.url}/apply/respond#${token}`);
  await page.getByRole('heading', { name: '是否同意人民调解' }).waitFor();
  await page.getByRole('button', { name: '同意调解', exact: true }).waitFor();
  await expectPhoneLayout(page);
  return page;
}

describe('a resident applies online', () => {
  it('applies, is accepted, the respondent agrees, and the case goes to the chosen mediator; the status page shows every step', async () => {
    const { page: status, caseNumber } = await apply({ name: '张建国', phone: '13900002001', respondent: '刘秀英', respondentPhone: '13700002001', chooseMediator: '李调解（邻里纠纷、婚姻家庭纠纷、民间借贷纠纷）' });
    await expectStep(status, 'submitted', 'done');
    await expectStep(status, 'accepted', 'current');
    await expectPhoneLayout(status);
    await status.getByText('您选择的调解员：李调解').waitFor();

    const caseId = await caseIdOf(caseNumber);
    const staff = await acceptOnCasePage(caseId);
    await expectStep(status, 'accepted', 'done');
    await expectStep(status, 'respondent_contacted', 'current');
    await status.getByText('已通过短信联系对方，等待对方答复。').waitFor();

    const respondent = await respondentPage(caseNumber);
    await respondent.getByText('刘秀英，您好：').waitFor();
    await respondent.getByText('张建国 向 柏城镇人民调解委员会 申请调解与您的纠纷', { exact: false }).waitFor();
    await respondent.getByRole('button', { name: '同意调解', exact: true }).click();
    await respondent.getByTestId('respond-result').waitFor();
    expect(await respondent.getByTestId('respond-result').innerText()).toContain('您已同意调解');
    // Opened again, the link shows the answer and offers no second one.
    await respondent.reload();
    await respondent.getByTestId('respond-result').waitFor();
    expect(await respondent.getByRole('button', { name: '不同意调解' }).count()).toBe(0);

    const c = (await expectOk(world.mediator.get(`/cases/${caseId}`))).body;
    expect(c.mediator).toMatchObject({ name: '李调解' });
    await expectStep(status, 'respondent_contacted', 'done');
    await expectStep(status, 'scheduled', 'current');
    await status.getByText('调解员：李调解').waitFor();

    // The mediator goes on as with any case: accepts it, schedules a session.
    await expectOk(world.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
    await expectOk(world.mediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 86_400_000).toISOString() }));
    await expectStep(status, 'scheduled', 'done');
    await expectStep(status, 'in_mediation', 'current');
    await status.getByText(/^调解时间：/).waitFor();

    await expectOk(world.mediator.post(`/cases/${caseId}/fail`, { reason: '双方对赔偿金额分歧过大' }));
    await expectOk(world.mediator.post(`/cases/${caseId}/close`, { reason: 'failed' }));
    await expectStep(status, 'closed', 'done');
    expect(await status.locator('[data-status="done"]').count()).toBe(6);
    // The status link sent by SMS opens on any phone, and leaves no token in the address bar.
    const link = outbox(dataDir).find((m) => m.link.includes('/apply/status#') && m.text.includes(caseNumber))!.link;
    const elsewhere = await phonePage();
    await elsewhere.goto(link);
    await elsewhere.getByTestId('application-steps').waitFor();
    expect(await elsewhere.locator('[data-status="done"]').count()).toBe(6);
    expect(new URL(elsewhere.url()).hash).toBe('');
    await elsewhere.context().close();

    // The case page's log holds each step of the application, chained.
    await staff.reload();
    for (const type of ['application.submitted', 'application.accepted', 'application.respondent_contacted', 'application.respondent_agreed']) {
      await staff.locator(`.timeline-list [data-type="${type}"]`).waitFor();
    }
    expect((await expectOk(world.mediator.get(`/cases/${caseId}/verify`))).body.valid).toBe(true);
    for (const page of [status, staff, respondent]) await page.context().close();
  });

  it('a family member applies for an elder; the respondent refuses and the case is closed with the record', async () => {
    const { page: status, caseNumber } = await apply({ name: '王秀兰', phone: '13900002002', respondent: '赵大成', respondentPhone: '13700002002', onBehalf: { name: '王小军', relationship: '孙子女、外孙子女' }, electronic: false });
    const caseId = await caseIdOf(caseNumber);
    const staff = await acceptOnCasePage(caseId);
    await staff.getByTestId('application-panel').getByText('由 王小军（孙子女、外孙子女）代为申请。').waitFor();
    await staff.getByTestId('application-panel').getByText('已确认送达地址确认书；不同意电子送达；同意在线调解。').waitFor();
    // The log names the helper too.
    await staff.locator('.timeline-list [data-type="application.submitted"] .event-detail').getByText('王小军').waitFor();

    const respondent = await respondentPage(caseNumber);
    await respondent.getByRole('button', { name: '不同意调解' }).click();
    await respondent.getByLabel('不同意的原因（选填）').fill('已经起诉到法院');
    await respondent.getByRole('button', { name: '确认不同意' }).click();
    await respondent.getByTestId('respond-result').waitFor();
    expect(await respondent.getByTestId('respond-result').innerText()).toContain('本案已结案');

    await expectStep(status, 'respondent_contacted', 'refused');
    await expectStep(status, 'closed', 'done');
    expect(await status.locator('[data-step="respondent_contacted"]').innerText()).toContain('对方不同意调解');
    await status.getByText('对方当事人不同意调解，本案已结案。', { exact: false }).waitFor();

    const c = (await expectOk(world.mediator.get(`/cases/${caseId}`))).body;
    expect(c).toMatchObject({ status: 'closed', closedReason: 'not_accepted', application: { stage: 'respondent_refused', refusalReason: '已经起诉到法院' } });
    await staff.reload();
    await staff.locator('[data-testid=application-stage][data-stage=respondent_refused]').waitFor();
    for (const page of [status, staff, respondent]) await page.context().close();
  });

  it('不予受理 with a reason: the applicant sees the reason and the case closed', async () => {
    const { page: status, caseNumber } = await apply({ name: '孙桂芝', phone: '13900002003', respondent: '钱多多', respondentPhone: '13700002003' });
    const caseId = await caseIdOf(caseNumber);
    const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(staff, app.url, 'mediator');
    await staff.goto(`${app.url}/cases/${caseId}`);
    await staff.getByText('不予受理', { exact: true }).click();
    await staff.getByRole('button', { name: '确认不予受理' }).click();
    // No reason: refused, nothing changed.
    await staff.getByRole('alert').first().waitFor();
    expect(await staff.locator('[data-testid=application-stage]').getAttribute('data-stage')).toBe('submitted');
    await staff.getByLabel('不予受理的理由（会告知申请人）').fill('该纠纷已由人民法院立案受理');
    await staff.getByRole('button', { name: '确认不予受理' }).click();
    await staff.locator('[data-testid=application-stage][data-stage=not_accepted]').waitFor();

    await expectStep(status, 'accepted', 'refused');
    await expectStep(status, 'closed', 'done');
    expect(await status.getByTestId('not-accepted-reason').innerText()).toContain('该纠纷已由人民法院立案受理');
    for (const page of [status, staff]) await page.context().close();
  });

  it('a mediator opts in to the directory on their profile page and residents can choose them; an admin takes them out again', async () => {
    const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(staff, app.url, 'mediator2', { password: 'another-password' });
    await staff.getByTestId('nav-profile').click();
    await staff.getByRole('heading', { name: '调解员公开资料' }).waitFor();
    await staff.getByLabel('在公开名录中展示我').check();
    await staff.getByLabel('擅长的纠纷类型').fill('物业纠纷、消费纠纷');
    await staff.getByRole('button', { name: '保存' }).click();
    await staff.getByText('已保存。').waitFor();

    const resident = await phonePage();
    await resident.goto(`${app.url}/mediators`);
    await resident.getByText('擅长：物业纠纷、消费纠纷').waitFor();
    await expectPhoneLayout(resident);
    await resident.getByRole('link', { name: '请孙调解调解' }).click();
    await resident.waitForURL('**/apply?org=chengguan&mediator=*');
    // The choices arrive with the directory.
    await resident.locator('select[name=mediatorId] option', { hasText: '孙调解' }).waitFor({ state: 'attached' });
    expect(await resident.getByLabel('调解组织').inputValue()).toBe('chengguan');
    expect(await resident.locator('select[name=mediatorId] option:checked').innerText()).toContain('孙调解');

    const admin = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(admin, app.url, 'admin');
    await admin.getByTestId('nav-profile').click();
    await admin.getByLabel('调解员', { exact: true }).selectOption({ label: '孙调解（chengguan）' });
    await admin.getByLabel('擅长的纠纷类型').and(admin.locator('[value="物业纠纷、消费纠纷"]')).waitFor();
    await admin.getByLabel('在公开名录中展示我').uncheck();
    await admin.getByRole('button', { name: '保存' }).click();
    await admin.getByText('已保存。').waitFor();
    await resident.goto(`${app.url}/mediators`);
    await resident.locator('.directory-org').first().waitFor();
    expect(await resident.getByText('擅长：物业纠纷、消费纠纷').count()).toBe(0);
    for (const page of [staff, resident, admin]) await page.context().close();
  });

  it('the case list flags applications waiting for the organisation or the respondent', async () => {
    const { page: status, caseNumber } = await apply({ name: '周淑芬', phone: '13900002004', respondent: '吴建军', respondentPhone: '13700002004' });
    const staff = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(staff, app.url, 'mediator');
    const row = staff.locator('tr', { hasText: caseNumber });
    expect(await row.getByTestId('application-badge').innerText()).toBe('在线申请·待受理');
    await expectOk(world.mediator.post(`/cases/${await caseIdOf(caseNumber)}/application/decision`, { accept: true }));
    await staff.reload();
    expect(await row.getByTestId('application-badge').innerText()).toBe('在线申请·待对方同意');
    for (const page of [status, staff]) await page.context().close();
  });
});
