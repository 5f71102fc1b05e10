import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenFromStoredYuan, formatFenAsYuan, isAmountFen, MAX_AMOUNT_FEN, parseYuanText, yuanTextOfFen } from '../../../server/domain/money.ts';

const fen = (text: string) => {
  const parsed = parseYuanText(text);
  return parsed.ok ? parsed.fen : parsed.reason;
};

describe('reading typed yuan as exact fen', () => {
  it.each([
    ['5000.10', 500010],
    ['1.10', 110],
    ['35.70', 3570],
    ['35.7', 3570],
    ['0.01', 1],
    ['0.1', 10],
    ['3000', 300000],
    ['1,250.50', 125050],
    ['1，250.5', 125050],
    [' ¥3 000 ', 300000],
    ['￥5000.1元', 500010],
    ['３０００．５元', 300050],
    ['0100', 10000],
    ['1000000000000', MAX_AMOUNT_FEN],
  ])('%s → %d fen', (text, expected) => {
    expect(fen(text)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['元', 'empty'],
    ['1.234', 'too_many_decimals'],
    ['0.001', 'too_many_decimals'],
    ['-5', 'not_positive'],
    ['-0.50', 'not_positive'],
    ['0', 'not_positive'],
    ['0.00', 'not_positive'],
    ['abc', 'not_a_number'],
    ['12a', 'not_a_number'],
    ['五千', 'not_a_number'],
    ['1e3', 'not_a_number'],
    ['1.', 'not_a_number'],
    ['.5', 'not_a_number'],
    ['1.2.3', 'not_a_number'],
    ['+5', 'not_a_number'],
    ['Infinity', 'not_a_number'],
    ['1000000000000.01', 'too_large'],
    ['99999999999999999999', 'too_large'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(fen(text)).toBe(reason);
  });

  it('refuses any text with three or more decimals, any negative amount and any text with a letter', () => {
    const whole = fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String);
    const decimals = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
    fc.assert(fc.property(whole, decimals(3, 8), (w, d) => fen(`${w}.${d}`) === 'too_many_decimals'));
    fc.assert(fc.property(whole, decimals(0, 2), (w, d) => fen(`-${w}${d ? `.${d}` : ''}`) === 'not_positive'));
    const letter = fc.constantFrom(...'abcdefxyzABCEXeE$#%_');
    fc.assert(fc.property(whole, letter, fc.nat(), (w, l, at) => {
      const i = at % (w.length + 1);
      return fen(`${w.slice(0, i)}${l}${w.slice(i)}`) === 'not_a_number';
    }));
  });
});

describe('printing fen as yuan', () => {
  it('always with two decimals for documents, without a bare .00 for forms', () => {
    expect([1, 10, 110, 3570, 300000, 500010].map(formatFenAsYuan)).toEqual(['0.01', '0.10', '1.10', '35.70', '3000.00', '5000.10']);
    expect([1, 10, 110, 300000, 500010].map(yuanTextOfFen)).toEqual(['0.01', '0.10', '1.10', '3000', '5000.10']);
  });

  it('reads back every amount it prints, 0.01 to 100000.00 yuan', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (amount) => {
        expect(fen(formatFenAsYuan(amount))).toBe(amount);
        expect(fen(yuanTextOfFen(amount))).toBe(amount);
        expect(formatFenAsYuan(amount)).toBe((amount / 100).toFixed(2));
      }),
      { numRuns: 5000 },
    );
  }, 60_000);

  it('knows which numbers are amounts: whole fen, positive, at most the bound', () => {
    expect([1, 500010, MAX_AMOUNT_FEN].every(isAmountFen)).toBe(true);
    expect([0, -1, 0.5, 500010.00000000006, MAX_AMOUNT_FEN + 1, Number.NaN, Number.POSITIVE_INFINITY].some(isAmountFen)).toBe(false);
  });
});

describe('amounts stored as yuan numbers by older events', () => {
  it('become the exact fen meant, for every two-decimal value from 0.01 to 100000.00', () => {
    // Every value, not a sample: the conversion is the only place a float is still read. The old
    // form stored Number("5000.10"); amount / 100 is the same double (both round the exact value
    // to nearest), checked on a sample here so the full sweep can skip building strings.
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), (amount) => Number(formatFenAsYuan(amount)) === amount / 100), { numRuns: 5000 });
    for (let amount = 1; amount <= 10_000_000; amount++) {
      if (fenFromStoredYuan(amount / 100) !== amount) expect.fail(`${amount / 100} read as ${fenFromStoredYuan(amount / 100)} fen`);
    }
  }, 60_000);

  it('become exact fen up to the largest amount, and stay fractional where they never were whole fen', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: MAX_AMOUNT_FEN }), (amount) => fenFromStoredYuan(Number(formatFenAsYuan(amount))) === amount), { numRuns: 5000 });
    for (const yuan of [1.234, 0.001, 5000.105, 999999999999.999]) expect(isAmountFen(fenFromStoredYuan(yuan)), String(yuan)).toBe(false);
  });
});
