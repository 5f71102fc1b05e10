import fs from 'node:fs';
import path from 'node:path';
import type { ApiClient } from './api-client.ts';
import { waitUntil } from './processes.ts';
import { expectOk } from './world.ts';

/** The 6-digit code in an SMS text. */
export function codeIn(text: string): string {
  const code = /验证码是 (\d{6})/.exec(text)?.[1];
  if (!code) throw new Error(`no code in ${JSON.stringify(text)}`);
  return code;
}

/** Asks for an SMS code through the public API and reads it from the demo message (demo installations show it). */
export async function requestCode(api: ApiClient, phone: string): Promise<string> {
  const res = await expectOk(api.post('/applications/sms-code', { phone }));
  return codeIn(res.body.demoMessage);
}

let phoneCounter = 0;
/** A fresh mobile number per call, so each application has its own code, resend gap and daily count. */
export function nextPhone(): string {
  phoneCounter += 1;
  return `1390000${String(1000 + phoneCounter).slice(-4)}`;
}

/** A complete application of a resident for themselves; `overrides` replaces top-level parts. */
export function applicationBody(phone: string, smsCode: string, overrides: Record<string, unknown> = {}) {
  return {
    phone,
    smsCode,
    applicant: { name: '张建国', idNumber: '11010519491231002X', address: '高密市柏城镇幸福路8号' },
    respondent: { name: '刘秀英', phone: '13700001111' },
    dispute: { disputeType: 'neighbour', facts: '楼上卫生间漏水，导致我家客厅天花板发霉脱落。', requests: '维修防水层，赔偿损失两千元。' },
    orgId: 'baicheng',
    delivery: { electronicDelivery: true, confirmed: true },
    consentOnlineMediation: true,
    ...overrides,
  };
}

/** Applies with a fresh phone and code; returns the phone, the case and the status token. */
export async function submitApplication(api: ApiClient, overrides: Record<string, unknown> = {}) {
  const phone = nextPhone();
  const code = await requestCode(api, phone);
  const res = await expectOk(api.post('/applications', applicationBody(phone, code, overrides)));
  return { phone, caseId: res.body.caseId as string, caseNumber: res.body.caseNumber as string, statusToken: res.body.statusToken as string, statusUrl: res.body.statusUrl as string };
}

export interface OutboxLine {
  channel: string;
  to: string;
  text: string;
  link: string;
}

/** The messages the default sender wrote to DATA_DIR/outbox.log, oldest first. */
export function outbox(dataDir: string): OutboxLine[] {
  const file = path.join(dataDir, 'outbox.log');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxLine);
}

/** The token of the latest link sent to the respondent of a case (from its SMS in the outbox). */
export async function respondentLinkToken(dataDir: string, caseNumber: string): Promise<string> {
  const line = await waitUntil(() => outbox(dataDir).filter((m) => m.link.includes('/apply/respond#') && m.text.includes(caseNumber)).at(-1), { what: 'the SMS to the respondent' });
  return line.link.slice(line.link.indexOf('#') + 1);
}
