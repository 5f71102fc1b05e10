import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../protocol/errors.ts';
import type { KeyValueStore } from '../../store/store.ts';
import type { MessageSender } from '../notifications.ts';

export interface SmsCodePolicy {
  /** How long a code works. */
  ttlSeconds: number;
  /** Wrong tries one code allows before it is void. */
  maxAttempts: number;
  /** Minimum gap between two codes to one phone. */
  resendSeconds: number;
  /** Codes one phone may receive in a day, and one client address in an hour (SMS costs money and annoys). */
  perPhonePerDay: number;
  perAddressPerHour: number;
}

export const DEFAULT_SMS_CODE_POLICY: SmsCodePolicy = { ttlSeconds: 300, maxAttempts: 5, resendSeconds: 60, perPhonePerDay: 10, perAddressPerHour: 30 };

interface StoredCode {
  digest: string;
  /** Names this code's attempt counter, so a new code starts with fresh attempts. */
  nonce: string;
}

/**
 * One-time SMS verification codes. Only an HMAC of each code is stored, under an HMAC of the phone
 * (the store never holds either in clear), with the code's lifetime as the record's TTL. Counters in
 * the key-value store (atomic `increment` with TTLs) limit resends, daily volume and wrong tries on
 * every instance at once. A code works once: a right answer takes the record atomically.
 */
export class SmsCodes {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly sender: MessageSender,
    private readonly secret: Buffer,
    private readonly options: { revealInDemo: boolean; link: () => string; policy?: SmsCodePolicy },
  ) {}

  private get policy(): SmsCodePolicy {
    return this.options.policy ?? DEFAULT_SMS_CODE_POLICY;
  }

  async send(phone: string, address: string): Promise<{ ttlSeconds: number; resendAfterSeconds: number; demoMessage?: string }> {
    const { policy } = this;
    const phoneKey = this.phoneKey(phone);
    // The resend gap first: a double tap costs no daily allowance.
    if ((await this.kv.increment(`sms-code-gap:${phoneKey}`, { ttlSeconds: policy.resendSeconds })) > 1) {
      throw new AppError('rate_limited', 'A code was sent a moment ago; wait a minute before asking again.', undefined, { retryAfterSeconds: policy.resendSeconds });
    }
    if ((await this.kv.increment(`sms-code-address:${encodeURIComponent(address)}`, { ttlSeconds: 3600 })) > policy.perAddressPerHour) {
      throw new AppError('rate_limited', 'Too many codes were asked for from this network; try again later.', undefined, { retryAfterSeconds: 3600 });
    }
    if ((await this.kv.increment(`sms-code-day:${phoneKey}`, { ttlSeconds: 86_400 })) > policy.perPhonePerDay) {
      throw new AppError('rate_limited', 'Too many codes were sent to this phone today; try again tomorrow.', undefined, { retryAfterSeconds: 86_400 });
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const stored: StoredCode = { digest: this.codeDigest(phoneKey, code), nonce: randomBytes(8).toString('hex') };
    await this.kv.set(`sms-code:${phoneKey}`, stored, { ttlSeconds: policy.ttlSeconds });
    const text = `【云调解室】您的验证码是 ${code}，${Math.round(policy.ttlSeconds / 60)}分钟内有效。请勿告诉他人。`;
    await this.sender.send({ channel: 'sms', to: phone, text, link: this.options.link() });
    return { ttlSeconds: policy.ttlSeconds, resendAfterSeconds: policy.resendSeconds, ...(this.options.revealInDemo ? { demoMessage: text } : {}) };
  }

  /** Spends the phone's code; refuses (invalid_input on `smsCode`) a wrong, expired, used or exhausted one. */
  async consume(phone: string, code: string): Promise<void> {
    const phoneKey = this.phoneKey(phone);
    const stored = await this.kv.get<StoredCode>(`sms-code:${phoneKey}`);
    if (!stored) throw refusal('The code has expired or was not sent; ask for a new one.');
    const attempts = await this.kv.increment(`sms-code-tries:${phoneKey}:${stored.nonce}`, { ttlSeconds: this.policy.ttlSeconds });
    if (attempts > this.policy.maxAttempts) {
      await this.kv.delete(`sms-code:${phoneKey}`);
      throw refusal('Too many wrong codes; ask for a new one.');
    }
    const given = Buffer.from(this.codeDigest(phoneKey, code), 'hex');
    if (!timingSafeEqual(given, Buffer.from(stored.digest, 'hex'))) throw refusal('Wrong code.');
    // Of two submissions racing with the right code, one takes it.
    const taken = await this.kv.take<StoredCode>(`sms-code:${phoneKey}`);
    if (taken?.nonce !== stored.nonce) throw refusal('The code has already been used; ask for a new one.');
  }

  private phoneKey(phone: string): string {
    return createHmac('sha256', this.secret).update(`phone:${phone}`).digest('hex').slice(0, 40);
  }

  private codeDigest(phoneKey: string, code: string): string {
    return createHmac('sha256', this.secret).update(`code:${phoneKey}:${code}`).digest('hex');
  }
}

function refusal(message: string): AppError {
  return new AppError('invalid_input', message, [{ path: 'smsCode', message }]);
}
