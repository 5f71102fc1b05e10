/**
 * Money as integer fen (分), the unit it is counted in: a binary float cannot hold 5000.10 yuan, so
 * amounts are never carried or checked as yuan numbers. Pure; the client parses its inputs with it too.
 */

/** The largest amount accepted: one trillion yuan (10^14 fen, well inside exact integers). */
export const MAX_AMOUNT_FEN = 100_000_000_000_000;

export type YuanTextRefusal = 'empty' | 'not_a_number' | 'too_many_decimals' | 'not_positive' | 'too_large';
export type YuanTextParse = { ok: true; fen: number } | { ok: false; reason: YuanTextRefusal };

const FULL_WIDTH_DIGIT = /[０-９]/g;
/** Digits, at most two decimals; thousands separators and a currency sign or 元 are dropped before. */
const YUAN_TEXT = /^(\d+)(?:\.(\d+))?$/;

/** Whether a number is an amount the agreement can carry: whole fen, positive, bounded. */
export function isAmountFen(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0 && value <= MAX_AMOUNT_FEN;
}

/**
 * Yuan as a person types them ("5000.10", "1,250.5", "￥3 000", "３０００元") to exact fen, by
 * reading the digits as text: no float is ever formed.
 */
export function parseYuanText(text: string): YuanTextParse {
  const cleaned = text
    .replace(FULL_WIDTH_DIGIT, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/^\s*[¥￥]/, '')
    .replace(/元\s*$/, '')
    .replace(/[,，\s]/g, '');
  if (!cleaned) return { ok: false, reason: 'empty' };
  if (/^[-−]/.test(cleaned)) return { ok: false, reason: 'not_positive' };
  const match = YUAN_TEXT.exec(cleaned);
  if (!match) return { ok: false, reason: 'not_a_number' };
  const [, whole, decimals = ''] = match;
  if (decimals.length > 2) return { ok: false, reason: 'too_many_decimals' };
  const fen = BigInt(whole!) * 100n + BigInt(decimals.padEnd(2, '0'));
  if (fen === 0n) return { ok: false, reason: 'not_positive' };
  if (fen > BigInt(MAX_AMOUNT_FEN)) return { ok: false, reason: 'too_large' };
  return { ok: true, fen: Number(fen) };
}

/** 500010 → "5000.10": always two decimals, as documents print amounts. */
export function formatFenAsYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount of fen: ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** 300000 → "3000", 500010 → "5000.10", 125050 → "1250.50": how a form shows an amount back for editing. */
export function yuanTextOfFen(fen: number): string {
  const text = formatFenAsYuan(fen);
  return text.endsWith('.00') ? text.slice(0, -3) : text;
}

/**
 * Reads an amount stored as a yuan number by events written before amounts were fen. Those were
 * two-decimal values parsed from text, so the nearest whole fen is exactly the amount meant. The
 * old schema also let a value like 1.234 through (the pre-check then blocked it): that one stays
 * fractional, so it is refused again instead of quietly becoming 1.23.
 */
export function fenFromStoredYuan(yuan: number): number {
  const fen = Math.round(yuan * 100);
  // yuan * 100 is within two ulps of the fen a two-decimal value meant.
  return Math.abs(yuan * 100 - fen) <= Math.abs(fen) * Number.EPSILON * 2 ? fen : yuan * 100;
}
