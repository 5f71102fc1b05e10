import { describe, expect, it } from 'vitest';
import { breakLines, isCjkUnit, NO_LINE_END, NO_LINE_START, type Measure } from '../../server/documents/line-breaking.ts';

/** A monospaced stand-in for the font: CJK 10, Latin 5, space 3. */
const measure: Measure = (text) => [...text].reduce((sum, c) => sum + (c === ' ' ? 3 : isCjkUnit(c) ? 10 : 5), 0);

function lines(text: string, maxWidth: number, firstLineWidth?: number): string[] {
  return breakLines(text, { maxWidth, measure, ...(firstLineWidth === undefined ? {} : { firstLineWidth }) }).map((l) => l.text);
}

function assertKinsoku(result: string[]): void {
  for (const line of result) {
    const chars = [...line];
    if (chars.length === 0) continue;
    expect(NO_LINE_START.has(chars[0] as string), `line starts with closing mark: ${line}`).toBe(false);
    expect(NO_LINE_END.has(chars.at(-1) as string), `line ends with opening mark: ${line}`).toBe(false);
  }
}

describe('breakLines', () => {
  it('breaks between any two CJK characters and keeps every character', () => {
    const text = '甲乙双方经调解自愿达成如下协议';
    const result = lines(text, 50);
    expect(result).toEqual(['甲乙双方经', '调解自愿达', '成如下协议']);
    expect(result.join('')).toBe(text);
  });

  it('narrows the first line for an indent', () => {
    expect(lines('一二三四五六七八', 50, 30)).toEqual(['一二三', '四五六七八']);
  });

  it('keeps Latin words and numbers whole and drops the space at the break', () => {
    const result = lines('支付 RMB 10,000.00 元', 60);
    expect(result).toEqual(['支付 RMB', '10,000.00 元']);
  });

  it('never starts a line with closing punctuation: pushes the previous character down', () => {
    // Greedy would give 甲乙丙丁戊 | 。己: the 。 may not start a line.
    const result = lines('甲乙丙丁戊。己庚', 50);
    expect(result).toEqual(['甲乙丙丁', '戊。己庚']);
    assertKinsoku(result);
  });

  it('handles a run of closing marks (。」) by pushing down before the run', () => {
    const result = lines('甲乙丙丁戊」。己', 50);
    expect(result).toEqual(['甲乙丙丁', '戊」。己']);
    assertKinsoku(result);
  });

  it('never ends a line with opening punctuation', () => {
    const result = lines('甲乙丙丁《协议》', 50);
    expect(result[0]).toBe('甲乙丙丁');
    assertKinsoku(result);
  });

  it('keeps …… and —— whole', () => {
    const result = lines('甲乙丙丁……戊', 50);
    expect(result).toEqual(['甲乙丙', '丁……戊']);
    const dash = lines('甲乙丙丁——戊', 50);
    expect(dash.some((l) => l.startsWith('—'))).toBe(false);
  });

  it('treats ASCII punctuation like its full-width twin', () => {
    const result = lines('甲乙丙丁戊(A)', 50);
    assertKinsoku(result);
    expect(result.join('')).toBe('甲乙丙丁戊(A)');
  });

  it('honours explicit newlines, including empty lines', () => {
    const result = breakLines('甲乙\n\n丙', { maxWidth: 100, measure });
    expect(result.map((l) => l.text)).toEqual(['甲乙', '', '丙']);
    expect(result.map((l) => l.hardEnd)).toEqual([true, true, true]);
  });

  it('marks only the last line of a paragraph as a hard end', () => {
    const result = breakLines('甲乙丙丁戊己庚', { maxWidth: 30, measure });
    expect(result.map((l) => l.hardEnd)).toEqual([false, false, true]);
  });

  it('cuts a token wider than the line rather than overflowing', () => {
    const hash = 'a'.repeat(30);
    const result = lines(hash, 50);
    expect(result.join('')).toBe(hash);
    for (const line of result) expect(measure(line)).toBeLessThanOrEqual(50);
  });

  it('lets a closing mark hang when the line has no legal break at all', () => {
    // A single unbreakable word fills the line exactly, followed by a comma.
    const result = lines('abcdefghij，甲', 50);
    expect(result).toEqual(['abcdefghij，', '甲']);
  });

  it('reports widths without trailing spaces', () => {
    const [first] = breakLines('ab cd ef', { maxWidth: 28, measure });
    expect(first?.text).toBe('ab cd');
    expect(first?.width).toBe(23);
  });

  it('never breaks kinsoku rules on a long mixed clause at many widths', () => {
    const clause =
      '被申请人李四应于2025年4月30日前，一次性向申请人张三支付房屋漏水维修费人民币8,000元（大写：捌仟元整）；' +
      '款项通过银行转账方式支付至申请人指定账户。“双方”确认：本协议履行完毕后，双方就本纠纷再无其他争议……';
    for (let width = 40; width <= 400; width += 7) {
      const result = lines(clause, width);
      assertKinsoku(result);
      expect(result.join('')).toBe(clause.replace(/ /g, ''));
      for (const line of result) expect(measure(line)).toBeLessThanOrEqual(width + 10);
    }
  });
});
