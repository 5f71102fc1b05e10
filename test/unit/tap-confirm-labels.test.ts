import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, zhCN } from '../../client/src/i18n/messages.ts';
import { repoRoot } from '../../server/media/worker-binary.mjs';

/*
 * The mark a party may leave instead of a signature is a drawn symbol made by a tap, not a
 * biometric: nothing a person reads may call it a fingerprint (指印, 指纹).
 */
const CALLED_FINGERPRINT = /指印|指纹|fingerprint/i;

describe('the tap-to-confirm mark is never called a fingerprint', () => {
  it('in either UI language, and is offered as 点按确认 / Tap to confirm', () => {
    expect(Object.entries(zhCN).filter(([, text]) => CALLED_FINGERPRINT.test(text))).toEqual([]);
    expect(Object.entries(en).filter(([, text]) => CALLED_FINGERPRINT.test(text))).toEqual([]);
    expect(Object.values(zhCN)).toContain('点按确认');
    expect(Object.values(en)).toContain('Tap to confirm');
  });

  it('in the agreement templates', () => {
    const dir = path.join(repoRoot, 'templates', 'agreements');
    const calling = fs.readdirSync(dir).filter((file) => CALLED_FINGERPRINT.test(fs.readFileSync(path.join(dir, file), 'utf8')));
    expect(calling).toEqual([]);
  });
});
