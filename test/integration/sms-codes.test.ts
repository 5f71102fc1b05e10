import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmsCodes, type SmsCodePolicy } from '../../server/services/application/sms-codes.ts';
import type { MessageSender, OutboundMessage } from '../../server/services/notifications.ts';
import type { Store } from '../../server/store/store.ts';
import { AppError } from '../../server/protocol/errors.ts';
import { codeIn } from '../helpers/application.ts';
import { fileBackend, redisBackend, type StoreFixture } from '../helpers/store-backends.ts';

/*
 * SMS verification codes on both stores (counters, TTLs and the atomic take are the store's):
 * the SMS gateway is the one part stood in for, by a sender that keeps what it was given.
 */

class KeptMessages implements MessageSender {
  readonly sent: OutboundMessage[] = [];
  async send(message: OutboundMessage): Promise<void> {
    this.sent.push(message);
  }
}

const POLICY: SmsCodePolicy = { ttlSeconds: 2, maxAttempts: 3, resendSeconds: 1, perPhonePerDay: 3, perAddressPerHour: 100 };
const PHONE = '13912345678';

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([fileBackend(), redisBackend()])('SMS codes on the $name store', (backend) => {
  let fixture: StoreFixture;
  let store: Store;
  let sender: KeptMessages;
  let codes: SmsCodes;
  const make = (revealInDemo: boolean) => new SmsCodes(store.kv, sender, randomBytes(32), { revealInDemo, link: () => 'https://tiaojie.example.org/apply', policy: POLICY });

  beforeAll(() => backend.setUp());
  afterAll(() => backend.tearDown());
  beforeEach(async () => {
    fixture = await backend.fresh();
    store = fixture.store;
    sender = new KeptMessages();
    codes = make(false);
  });
  afterEach(() => fixture.dispose());

  it('sends a code to the phone, keeps neither phone nor code in clear, and takes it once', async () => {
    const sent = await codes.send(PHONE, '10.0.0.1');
    expect(sent.demoMessage).toBeUndefined();
    expect(sender.sent).toEqual([expect.objectContaining({ channel: 'sms', to: PHONE })]);
    const code = codeIn(sender.sent[0]!.text);
    const stored = JSON.stringify(await Promise.all((await store.kv.keys('sms-code')).map(async (key) => [key, await store.kv.get(key)])));
    expect(stored).not.toContain(PHONE);
    expect(stored).not.toContain(code);
    await codes.consume(PHONE, code);
    expect((await refusal(codes.consume(PHONE, code))).fields).toEqual([expect.objectContaining({ path: 'smsCode' })]);
  });

  it('shows the message on a demo installation', async () => {
    const sent = await make(true).send(PHONE, '10.0.0.1');
    expect(codeIn(sent.demoMessage!)).toBe(codeIn(sender.sent[0]!.text));
  });

  it('voids a code after its wrong tries, and lets it expire', async () => {
    await codes.send(PHONE, '10.0.0.1');
    const code = codeIn(sender.sent[0]!.text);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < POLICY.maxAttempts; i++) expect((await refusal(codes.consume(PHONE, wrong))).message).toBe('Wrong code.');
    expect((await refusal(codes.consume(PHONE, code))).message).toMatch(/Too many wrong codes/);

    await sleep(1400);
    await codes.send(PHONE, '10.0.0.1');
    await sleep(2600);
    expect((await refusal(codes.consume(PHONE, codeIn(sender.sent[1]!.text)))).message).toMatch(/expired/);
  });

  it('throttles resending and the daily count per phone', async () => {
    await codes.send(PHONE, '10.0.0.1');
    const early = await refusal(codes.send(PHONE, '10.0.0.1'));
    expect(early.code).toBe('rate_limited');
    expect(early.extra.retryAfterSeconds).toBe(POLICY.resendSeconds);
    for (let i = 1; i < POLICY.perPhonePerDay; i++) {
      await sleep(1400);
      await codes.send(PHONE, '10.0.0.1');
    }
    await sleep(1400);
    expect((await refusal(codes.send(PHONE, '10.0.0.2'))).message).toMatch(/today/);
    expect(sender.sent).toHaveLength(POLICY.perPhonePerDay);
  });

  it('of two right answers at once, exactly one succeeds', async () => {
    await codes.send(PHONE, '10.0.0.1');
    const code = codeIn(sender.sent[0]!.text);
    const results = await Promise.allSettled([codes.consume(PHONE, code), codes.consume(PHONE, code)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});
