import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import type { CaseEvent } from '../../server/domain/case-events.ts';
import { ApiClient } from '../helpers/api-client.ts';
import { assertClientBuilt, submitSignIn } from '../helpers/e2e.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';

const CASE_TITLE = '装修噪音扰民纠纷';
const ID_NUMBER = '11010519491231002X';

let app: RunningApp;
let browser: Browser;
let mediator: Page;
/** Uncaught errors in any page: a screen that throws fails the run even if the text we wait for shows. */
const pageErrors: string[] = [];

// The flow below is one story told in order: each step starts where the one before left off.
let caseId: string;
let inviteLink: string;
let resident: Page;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 640, height: 480 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

function participantCard(page: Page, name: string) {
  return page.locator('li.participant', { hasText: name });
}

beforeAll(async () => {
  assertClientBuilt();
  app = await startTestServer();
  browser = await launchBrowser();
  mediator = await newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('case screens in real Chromium: a mediator runs a case, a resident opens the invitation', () => {
  it('the mediator signs in with the demo account and lands on the case list', async () => {
    await mediator.goto(`${app.url}/cases`);
    // Not signed in: sent to the sign-in page.
    await mediator.waitForURL('**/login');
    await submitSignIn(mediator, 'mediator');
    await mediator.getByRole('heading', { name: '案件列表' }).waitFor();
    expect(await mediator.getByTestId('signed-in-user').textContent()).toBe('李调解（调解员）');
    // The seeded demo case is listed with its Chinese status.
    await mediator.locator('tr', { hasText: '楼上漏水致楼下天花板受损纠纷' }).getByText('已排期').waitFor();
  });

  it('opens a new case; a refused form shows the problem next to the field', async () => {
    await mediator.getByRole('link', { name: '新建案件' }).click();
    await mediator.waitForURL('**/cases/new');
    await mediator.getByRole('button', { name: '提交立案' }).click();
    await mediator.getByText('案件名称需 2 至 80 个字').waitFor();

    await mediator.locator('select[name=disputeType]').selectOption('neighbour');
    await mediator.locator('input[name=title]').fill(CASE_TITLE);
    await mediator.locator('textarea[name=summary]').fill('申请人称楼上住户长期在夜间装修，噪音影响休息，协商未果。');
    await mediator.locator('input[name=areaCode]').fill('370785001');
    await mediator.locator('input[name=grid]').fill('柏城镇第三网格');
    await mediator.getByRole('button', { name: '提交立案' }).click();
    await mediator.waitForURL(/\/cases\/(?!new)[\w-]+$/);
    caseId = new URL(mediator.url()).pathname.split('/').pop()!;
    await mediator.getByRole('heading', { name: CASE_TITLE }).waitFor();
    await mediator.locator('.case-header').getByText('待受理').waitFor();
    expect(await mediator.getByTestId('case-mediator').textContent()).toBe('李调解（待接受）');
  });

  it('accepts the case only with the no-conflict declaration ticked', async () => {
    await mediator.getByRole('button', { name: '接受案件' }).click();
    await mediator.getByText('请先勾选上面的声明。').waitFor();
    await mediator.getByLabel('本人与本案当事人无利害关系，不存在应当回避的情形').check();
    await mediator.getByRole('button', { name: '接受案件' }).click();
    await mediator.locator('.case-header').getByText('已受理').waitFor();
    await mediator.locator('.acceptance').waitFor({ state: 'detached' });
    expect(await mediator.getByTestId('case-mediator').textContent()).toBe('李调解');
  });

  it('adds an applicant: the server’s refusal of the phone shows at the field; the saved ID and phone show masked', async () => {
    const form = mediator.locator('form.add-participant');
    await form.locator('input[name=name]').fill('张建国');
    await form.locator('select[name=sex]').selectOption('male');
    await form.locator('input[name=ethnicity]').fill('汉族');
    await form.locator('input[name=idNumber]').fill(ID_NUMBER);
    await form.locator('input[name=phone]').fill('12345');
    await form.getByRole('button', { name: '添加' }).click();
    // Passes the shared schema, so this refusal comes from the server (isValidMobile).
    await form.getByText('请填写 11 位手机号').waitFor();

    await form.locator('input[name=phone]').fill('13812345678');
    await form.getByRole('button', { name: '添加' }).click();
    const card = participantCard(mediator, '张建国');
    await card.getByText('110105********002X').waitFor();
    await card.getByText('138****5678').waitFor();
    await card.getByText('申请人').waitFor();
    // The full number was sent once and is nowhere on the page now.
    expect(await mediator.content()).not.toContain(ID_NUMBER);
  });

  it('creates an invitation link: the link and a QR code that renders', async () => {
    const card = participantCard(mediator, '张建国');
    await card.getByRole('button', { name: '生成邀请链接' }).click();
    const qr = card.locator('img.qr');
    await qr.waitFor();
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    inviteLink = await card.locator('input.invitation-url').inputValue();
    expect(inviteLink).toMatch(/\/join#[\w.-]{20,}$/);
  });

  it('shows the case log with short hashes and the green verification badge', async () => {
    await mediator.getByText('链路完整 · 5 条记录已验证').waitFor();
    const items = mediator.locator('.timeline-list > li');
    expect(await items.locator('.event-title').allTextContents()).toEqual(['立案登记', '指派调解员', '调解员接受案件，声明无利害关系', '添加参与人', '生成邀请链接']);
    expect(await items.nth(3).locator('.event-detail').textContent()).toBe('申请人 张建国');
    expect(await items.nth(0).locator('.actor').textContent()).toBe('李调解（调解员）');

    const api = await new ApiClient(app.url).login('mediator');
    const events = (await api.get<CaseEvent[]>(`/cases/${caseId}/events`)).body;
    expect(await items.locator('.hash code').allTextContents()).toEqual(events.map((event) => event.hash.slice(0, 8)));
  });

  it('a resident opens the link on their phone and sees their case; the token leaves the address bar', async () => {
    resident = await newPage();
    await resident.goto(inviteLink);
    await resident.getByRole('heading', { name: CASE_TITLE }).waitFor();
    expect(await resident.getByTestId('resident-mediator').textContent()).toBe('调解员：李调解');
    expect(await resident.getByTestId('resident-role').textContent()).toBe('您的身份：申请人 张建国');
    expect(new URL(resident.url()).hash).toBe('');
    expect(new URL(resident.url()).pathname).toBe('/join');
  });

  it('the same link opened on another device is refused with a plain explanation', async () => {
    const other = await newPage();
    await other.goto(inviteLink);
    await other.getByText('这个链接已经在另一台手机上打开过').waitFor();
    await other.getByText('请联系调解员，请他给您发一个新链接').waitFor();
    expect(new URL(other.url()).hash).toBe('');
    await other.context().close();
  });

  it('the mediator revokes the link: the resident, reloading, sees it withdrawn and the token no longer works', async () => {
    const card = participantCard(mediator, '张建国');
    await card.getByRole('button', { name: '撤销链接' }).click();
    await card.getByText('链接已撤销').waitFor();
    await mediator.getByText('链路完整 · 6 条记录已验证').waitFor();
    expect(await mediator.locator('.timeline-list > li').last().locator('.event-title').textContent()).toBe('撤销邀请链接');

    await resident.reload();
    await resident.getByText('这个链接已经被调解员收回').waitFor();
    const status = await resident.evaluate(async () => {
      const session = JSON.parse(sessionStorage.getItem('mediation-room.resident-session') ?? '{}') as { token?: string };
      const response = await fetch('/api/resident/case', { headers: { authorization: `Bearer ${session.token}` } });
      return response.status;
    });
    expect(status).toBe(401);
  });

  it('switches to English, and the case list filters by status', async () => {
    await mediator.getByRole('button', { name: 'English' }).click();
    await mediator.getByRole('heading', { name: 'Case log' }).waitFor();
    await mediator.getByText('Chain intact · 6 records verified').waitFor();

    await mediator.getByRole('link', { name: 'Cases', exact: true }).click();
    await mediator.locator('tr', { hasText: CASE_TITLE }).getByText('Accepted').waitFor();
    await mediator.locator('select[name=status]').selectOption('intake');
    await mediator.getByText('No cases match.').waitFor();
    expect(new URL(mediator.url()).search).toBe('?status=intake');
  });

  it('renews a dead access token once behind the scenes; signing out returns to the sign-in page', async () => {
    const KEY = 'mediation-room.staff-session';
    const stored = () => mediator.evaluate((key) => JSON.parse(sessionStorage.getItem(key) ?? 'null') as { accessToken: string; refreshToken: string } | null, KEY);
    const before = (await stored())!;
    // As if the 15 minutes had passed: the server refuses the access token, the refresh token still works.
    await mediator.evaluate((key) => {
      const session = JSON.parse(sessionStorage.getItem(key)!);
      sessionStorage.setItem(key, JSON.stringify({ ...session, accessToken: 'expired.access.token' }));
    }, KEY);
    await mediator.reload();
    await mediator.getByText('No cases match.').waitFor();
    const after = (await stored())!;
    expect(after.accessToken).not.toBe('expired.access.token');
    expect(after.refreshToken).not.toBe(before.refreshToken);

    await mediator.getByRole('button', { name: 'Sign out' }).click();
    await mediator.waitForURL('**/login');
    expect(await stored()).toBeNull();
    // The refresh token was revoked on the server too.
    const refresh = await new ApiClient(app.url).post('/auth/refresh', { refreshToken: after.refreshToken });
    expect(refresh.status).toBe(401);
    expect(pageErrors).toEqual([]);
  });
});
