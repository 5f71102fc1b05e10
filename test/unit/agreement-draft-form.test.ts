import { SaveDraftRequestSchema } from '@protocol';
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../client/src/api/validate.ts';
import { formFromDraft, saveRequest, type DraftForm } from '../../client/src/features/agreement/draft-form.ts';

const form = (amount: string): DraftForm => ({
  templateId: 'general',
  fields: {},
  obligations: [{ id: 'o1', obligorId: 'r', obligeeId: 'a', act: '支付修理费', amount, deadline: '2099-12-31', method: '', place: '' }],
});

describe('the amount control of the agreement form', () => {
  it.each([
    ['5000.10', 500010],
    ['1.10', 110],
    ['35.70', 3570],
    ['1,250.5', 125050],
    ['3000元', 300000],
  ])('sends %s yuan as %d fen, and shows it back as yuan', (typed, fen) => {
    const request = validateRequest(SaveDraftRequestSchema, saveRequest(form(typed), undefined, 0));
    expect(request.draft.obligations[0]!.amountFen).toBe(fen);
    const shown = formFromDraft(request.draft, undefined).obligations[0]!.amount;
    expect(saveRequest(form(shown), undefined, 0).draft.obligations[0]!.amountFen).toBe(fen);
  });

  it('sends no amount for an empty control', () => {
    expect(saveRequest(form(' '), undefined, 0).draft.obligations[0]!.amountFen).toBeUndefined();
  });

  it.each(['1.234', '-5', 'abc', '0'])('refuses %j at the amount control before sending', (typed) => {
    let fields: Array<{ path: string }> = [];
    try {
      validateRequest(SaveDraftRequestSchema, saveRequest(form(typed), undefined, 0));
    } catch (error) {
      fields = (error as { fields: Array<{ path: string }> }).fields;
    }
    expect(fields.map((f) => f.path)).toEqual(['draft.obligations.0.amountFen']);
  });

  it('shows a saved amount as the yuan typed', () => {
    const draft = { templateId: 'general', fields: {}, obligations: [{ id: 'o1', obligorId: 'r', act: '支付', amountFen: 500010, deadline: '2099-12-31' }] };
    expect(formFromDraft(draft, undefined).obligations[0]!.amount).toBe('5000.10');
    expect(formFromDraft({ ...draft, obligations: [{ ...draft.obligations[0]!, amountFen: 300000 }] }, undefined).obligations[0]!.amount).toBe('3000');
  });
});
