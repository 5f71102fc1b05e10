import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { precheckAgreement, type AgreementDraft, type PartyIdentity } from '../../../server/domain/agreement.ts';
import { chainEvents, verifyChain } from '../../../server/domain/case-log.ts';
import { foldCase } from '../../../server/domain/case-machine.ts';
import { obligationLine } from '../../../server/documents/agreement-text.ts';
import { fenInWords } from '../../../server/documents/chinese-amount.ts';
import { formatFenAsYuan, parseYuanText, yuanTextOfFen } from '../../../server/domain/money.ts';
import { AT, caseIn, mediator } from './case-fixtures.ts';

const parties: PartyIdentity[] = [
  { participantId: 'a', role: 'applicant', personKind: 'natural', name: '张建国', idNumber: '11010519491231002X', address: '高密市柏城镇幸福路8号' },
  { participantId: 'r', role: 'respondent', personKind: 'natural', name: '刘秀英', idNumber: '110101199003070011', address: '高密市柏城镇幸福路8号楼上' },
];

const paying = (amountFen: number | undefined): AgreementDraft => ({
  templateId: 'general',
  fields: {},
  obligations: [{ id: 'o1', obligorId: 'r', obligeeId: 'a', act: '支付修理费', amountFen, deadline: '2099-12-31' }],
});
const precheck = (draft: AgreementDraft) => precheckAgreement(draft, { fields: {} }, parties, '2026-11-24');

const DIGIT: Record<string, number> = { 零: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9 };
const SMALL: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };
const BIG: Record<string, number> = { 万: 1e4, 亿: 1e8, 兆: 1e12 };

/** The test's own reading of 大写金额 back into fen, to check the words say the amount. */
function fenOfWords(words: string): number {
  let total = 0;
  let group = 0;
  let digit = 0;
  let fen = 0;
  for (const char of words) {
    if (char in DIGIT) digit = DIGIT[char]!;
    else if (char in SMALL) [group, digit] = [group + digit * SMALL[char]!, 0];
    else if (char in BIG) [total, group, digit] = [total + (group + digit) * BIG[char]!, 0, 0];
    else if (char === '元') [fen, total, group, digit] = [fen + (total + group + digit) * 100, 0, 0, 0];
    else if (char === '角') [fen, digit] = [fen + digit * 10, 0];
    else if (char === '分') [fen, digit] = [fen + digit, 0];
    else if (char !== '整') throw new Error(`unexpected ${char} in ${words}`);
  }
  return fen;
}

describe('the pre-check of amounts', () => {
  it.each([
    ['5000.10', 500010],
    ['1.10', 110],
    ['35.70', 3570],
  ])('accepts ¥%s', (_, amountFen) => {
    expect(precheck(paying(amountFen))).toEqual([]);
  });

  it('refuses a payment without an amount, and an amount that is not whole positive fen', () => {
    expect(precheck(paying(undefined)).map((i) => `${i.code}@${i.path}`)).toEqual(['amount_missing@obligations.0.amountFen']);
    for (const amountFen of [0, -100, 500010.5, 1e15]) expect(precheck(paying(amountFen)).map((i) => i.path)).toEqual(['obligations.0.amountFen']);
  });

  it('takes every amount typed from 0.01 to 100000.00 yuan, and prints it with capital numerals that say the same amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.boolean(), (amount, trimmed) => {
        const typed = trimmed ? yuanTextOfFen(amount) : formatFenAsYuan(amount);
        const parsed = parseYuanText(typed);
        expect(parsed).toEqual({ ok: true, fen: amount });
        const draft = paying(amount);
        expect(precheck(draft)).toEqual([]);
        const words = fenInWords(amount);
        expect(fenOfWords(words)).toBe(amount);
        expect(words.endsWith('整')).toBe(amount % 100 === 0);
        expect(words).not.toMatch(/零零|^零|零[元整]/);
        expect(obligationLine(draft.obligations[0]!, parties)).toBe(`刘秀英于2099年12月31日前向张建国支付修理费人民币${formatFenAsYuan(amount)}元（大写：${words}）。`);
      }),
      { numRuns: 5000 },
    );
  }, 60_000);

  it('writes capital numerals for large amounts the same way', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000_000_000_000 }), (amount) => fenOfWords(fenInWords(amount)) === amount), { numRuns: 5000 });
  });
});

describe('drafts saved before amounts were fen', () => {
  const caseParties: PartyIdentity[] = [
    { participantId: 'p-app', role: 'applicant', personKind: 'natural', name: '张三', idNumber: '11010519491231002X', address: '甲' },
    { participantId: 'p-res', role: 'respondent', personKind: 'natural', name: '李四', idNumber: '110101199003070011', address: '乙' },
  ];

  it('fold to exact fen from the stored yuan, the stored events untouched and the chain still valid', () => {
    const c = caseIn('drafting');
    const legacy = {
      type: 'agreement.draft_saved',
      data: {
        version: 2,
        draft: {
          templateId: 'neighbour',
          fields: { facts: '漏水', responsibilities: '维修' },
          obligations: [
            { id: 'o1', obligorId: 'p-res', obligeeId: 'p-app', act: '支付修理费', amountYuan: 5000.1, deadline: '2099-12-31' },
            { id: 'o2', obligorId: 'p-res', obligeeId: 'p-app', act: '支付误工费', amountYuan: 35.7, deadline: '2099-12-31' },
            { id: 'o3', obligorId: 'p-res', act: '修复防水层', deadline: '2099-12-31' },
          ],
        },
      },
    } as const;
    const [event] = chainEvents(c.caseId, { seq: c.events.length, hash: c.events.at(-1)!.hash }, [legacy as never], mediator, AT);
    const stored = JSON.parse(JSON.stringify([...c.events, event!]));

    const state = foldCase(stored)!;
    expect(state.agreement!.draft.obligations.map((o) => o.amountFen)).toEqual([500010, 3570, undefined]);
    expect(state.agreement!.draft.obligations[0]).not.toHaveProperty('amountYuan');
    expect(precheckAgreement(state.agreement!.draft, { fields: {} }, caseParties, '2026-11-24')).toEqual([]);
    expect(stored.at(-1).data.draft.obligations[0]).toEqual(legacy.data.draft.obligations[0]);
    expect(verifyChain(c.caseId, stored)).toMatchObject({ valid: true });
  });

  it('keep refusing an amount the pre-check refused then (three decimals), rather than rounding it into a valid one', () => {
    const c = caseIn('drafting');
    const obligation = { id: 'o1', obligorId: 'p-res', obligeeId: 'p-app', act: '支付修理费', amountYuan: 1.234, deadline: '2099-12-31' };
    const legacy = { type: 'agreement.draft_saved', data: { version: 2, draft: { templateId: 'neighbour', fields: {}, obligations: [obligation] } } };
    const [event] = chainEvents(c.caseId, { seq: c.events.length, hash: c.events.at(-1)!.hash }, [legacy as never], mediator, AT);
    const draft = foldCase([...c.events, event!])!.agreement!.draft;
    expect(precheckAgreement(draft, { fields: {} }, caseParties, '2026-11-24').map((i) => `${i.code}@${i.path}`)).toEqual(['amount_missing@obligations.0.amountFen']);
    // The preview of such a draft still renders (the pre-check, not a crash, tells the mediator).
    expect(obligationLine(draft.obligations[0]!, caseParties)).toBe('李四于2099年12月31日前向张三支付修理费。');
  });
});
