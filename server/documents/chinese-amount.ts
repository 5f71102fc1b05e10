const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '兆'];

/** An amount of fen in the capital numerals (大写金额) of legal and financial documents: 305050 → 叁仟零伍拾元伍角. */
export function fenInWords(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount of fen: ${fen}`);
  const integer = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const fenDigit = fen % 10;
  let words = integer === 0 ? '' : `${integerInWords(integer)}元`;
  if (jiao === 0 && fenDigit === 0) return `${words || '零元'}整`;
  if (jiao > 0) words += `${DIGITS[jiao]}角`;
  else if (integer > 0) words += '零';
  if (fenDigit > 0) words += `${DIGITS[fenDigit]}分`;
  return words;
}

function integerInWords(value: number): string {
  const groups: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000);
  let out = '';
  let pendingZero = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g]!;
    if (group === 0) {
      pendingZero = out.length > 0;
      continue;
    }
    if ((pendingZero || (out.length > 0 && group < 1000)) && out.length > 0) out += '零';
    out += groupInWords(group) + BIG_UNITS[g];
    pendingZero = false;
  }
  return out;
}

function groupInWords(group: number): string {
  let out = '';
  let zero = false;
  for (let position = 3; position >= 0; position--) {
    const digit = Math.floor(group / 10 ** position) % 10;
    if (digit === 0) {
      zero = out.length > 0;
      continue;
    }
    if (zero) out += '零';
    out += DIGITS[digit]! + SMALL_UNITS[position]!;
    zero = false;
  }
  return out;
}
