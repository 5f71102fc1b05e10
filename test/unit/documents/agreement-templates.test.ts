import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockingIssues, precheckAgreement, type AgreementDraft, type PartyIdentity } from '../../../server/domain/agreement.ts';
import { loadTemplates, parseTemplate, TemplateError } from '../../../server/documents/agreement-templates.ts';
import { agreementHash, fillAgreement } from '../../../server/documents/agreement-text.ts';
import { fenInWords } from '../../../server/documents/chinese-amount.ts';
import { repoRoot } from '../../../server/media/worker-binary.mjs';

const templates = loadTemplates(path.join(repoRoot, 'templates', 'agreements'));

const parties: PartyIdentity[] = [
  { participantId: 'a', role: 'applicant', personKind: 'natural', name: '张建国', sex: 'male', ethnicity: '汉族', idNumber: '11010519491231002X', address: '高密市柏城镇幸福路8号', phone: '13812345678' },
  { participantId: 'r', role: 'respondent', personKind: 'natural', name: '刘秀英', sex: 'female', ethnicity: '汉族', idNumber: '110101199003070011', address: '高密市柏城镇幸福路8号楼上' },
];

const draft: AgreementDraft = {
  templateId: 'neighbour',
  fields: { facts: '被申请人家卫生间防水层老化渗水，致申请人客厅天花板受损。', responsibilities: '被申请人对渗水负有维修责任。' },
  obligations: [
    { id: 'o1', obligorId: 'r', obligeeId: 'a', act: '支付天花板修复费用', amountFen: 305050, deadline: '2026-12-31', method: '银行转账' },
    { id: 'o2', obligorId: 'r', act: '修复卫生间防水层', deadline: '2026-12-15', place: '被申请人住所' },
  ],
};

describe('agreement templates', () => {
  it('loads the general template and one per dispute type from the seeds', () => {
    expect([...templates.keys()].sort()).toEqual(['debt', 'family', 'general', 'labour', 'neighbour', 'property']);
    expect(templates.get('family')!.eSignatureExclusion).toContain('电子签名法');
  });

  it('refuses a template missing a field the law requires, naming each problem', () => {
    const text = `---\nid: broken\nname: 坏模板\ntitle: 人民调解协议书\ndisputeTypes: [debt]\nfields:\n  facts:\n    label: 事实\n---\n## 当事人\n{{parties}}\n{{facts}}\n{{unknownThing}}\n`;
    let error: TemplateError | undefined;
    try {
      parseTemplate(text, 'broken.md');
    } catch (caught) {
      error = caught as TemplateError;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect(error!.message).toContain('broken.md');
    expect(error!.problems).toEqual(
      expect.arrayContaining([
        'missing {{responsibilities}} (人民调解法第二十九条要求)',
        'missing {{obligations}} (人民调解法第二十九条要求)',
        'missing {{performance}} (人民调解法第二十九条要求)',
        'missing the "responsibilities" field',
        '{{unknownThing}} is neither a field nor a built-in placeholder',
      ]),
    );
  });

  it('refuses a template without front matter or with a wrong dispute type', () => {
    expect(() => parseTemplate('## 无前言\n{{parties}}', 'x.md')).toThrow(/front matter/);
    expect(() => parseTemplate(`---\nid: x\nname: x\ntitle: x\ndisputeTypes: [weather]\nfields: {}\n---\n`, 'x.md')).toThrow(/disputeTypes/);
  });
});

describe('filling an agreement', () => {
  const text = fillAgreement(templates.get('neighbour')!, draft, { caseNumber: '（2026）云调字第7号', parties, organisationName: '柏城镇人民调解委员会', mediatorName: '李调解', date: '2026-11-24' });
  const all = JSON.stringify(text);

  it('names every party with the identity details article 29 requires', () => {
    expect(all).toContain('申请人：张建国，男，汉族，1949年12月31日出生，公民身份号码11010519491231002X，住高密市柏城镇幸福路8号，联系电话13812345678。');
    expect(all).toContain('被申请人：刘秀英，女，汉族，1990年3月7日出生');
  });

  it('writes each obligation with who, to whom, what, how much (in capitals too) and by when, and how it is performed', () => {
    expect(all).toContain('刘秀英于2026年12月31日前向张建国支付天花板修复费用人民币3050.50元（大写：叁仟零伍拾元伍角）。');
    expect(all).toContain('第一项：以银行转账方式履行，履行期限至2026年12月31日。');
    expect(all).toContain('第二项：自行履行，履行期限至2026年12月15日，履行地点为被申请人住所。');
    expect(text.sections.map((s) => s.heading)).toContain('履行方式、时限');
  });

  it('uses the template defaults and fixed clauses, and the organisation, mediator and date', () => {
    expect(all).toContain('双方今后应本着互谅互让');
    expect(all).toContain('本协议一式三份');
    expect(all).toContain('人民调解委员会：柏城镇人民调解委员会');
    expect(all).toContain('日期：2026年11月24日');
  });

  it('hashes the same text the same way, and any change differently', () => {
    const again = fillAgreement(templates.get('neighbour')!, draft, { caseNumber: '（2026）云调字第7号', parties, organisationName: '柏城镇人民调解委员会', mediatorName: '李调解', date: '2026-11-24' });
    expect(agreementHash(again)).toBe(agreementHash(text));
    const changed = fillAgreement(templates.get('neighbour')!, { ...draft, obligations: [{ ...draft.obligations[0]!, amountFen: 305051 }] }, { caseNumber: '（2026）云调字第7号', parties, organisationName: '柏城镇人民调解委员会', mediatorName: '李调解', date: '2026-11-24' });
    expect(agreementHash(changed)).not.toBe(agreementHash(text));
  });
});

describe('the legal pre-check', () => {
  const rules = { fields: Object.fromEntries(Object.entries(templates.get('neighbour')!.fields).map(([k, f]) => [k, { label: f.label, required: f.required }])) };

  it('passes a complete, enforceable agreement', () => {
    expect(precheckAgreement(draft, rules, parties, '2026-11-24')).toEqual([]);
  });

  it('lists what is missing or unenforceable', () => {
    const bad: AgreementDraft = {
      templateId: 'neighbour',
      fields: { facts: ' ', responsibilities: '有' },
      obligations: [
        { id: 'o1', obligorId: 'r', obligeeId: 'a', act: '赔偿损失', deadline: '2026-13-01' },
        { id: 'o2', obligorId: 'nobody', act: '', deadline: '2026-01-01', amountFen: -500 },
      ],
    };
    const noIdentity = [{ ...parties[0]!, idNumber: undefined, address: undefined }, parties[1]!];
    const codes = precheckAgreement(bad, rules, noIdentity, '2026-11-24').map((i) => `${i.code}@${i.path}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'missing_field@fields.facts',
        'missing_identity@parties.a',
        'amount_missing@obligations.0.amountFen',
        'deadline_invalid@obligations.0.deadline',
        'obligation_unclear@obligations.1.obligorId',
        'obligation_unclear@obligations.1.act',
        'amount_missing@obligations.1.amountFen',
        'deadline_invalid@obligations.1.deadline',
      ]),
    );
    expect(precheckAgreement({ ...draft, obligations: [] }, rules, [parties[0]!], '2026-11-24').map((i) => i.code)).toEqual(['missing_party', 'no_obligation']);
  });

  it('flags the e-signature exclusion of family matters as a warning that does not block', () => {
    const family = templates.get('family')!;
    const issues = precheckAgreement({ ...draft, templateId: 'family' }, { fields: { facts: { label: 'x', required: true }, responsibilities: { label: 'y', required: true } }, eSignatureExclusion: family.eSignatureExclusion }, parties, '2026-11-24');
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'e_signature_excluded' })]);
    expect(blockingIssues(issues)).toEqual([]);
  });
});

describe('amounts in capital numerals', () => {
  it.each([
    [0, '零元整'],
    [300000, '叁仟元整'],
    [305050, '叁仟零伍拾元伍角'],
    [10000500, '壹拾万零伍元整'],
    [100000001, '壹佰万元零壹分'],
    [1234567, '壹万贰仟叁佰肆拾伍元陆角柒分'],
    [10001000, '壹拾万零壹拾元整'],
    [500010, '伍仟元壹角'],
    [110, '壹元壹角'],
    [3570, '叁拾伍元柒角'],
    [5, '伍分'],
    [1000100000000, '壹佰亿零壹佰万元整'],
    [1000000100000, '壹佰亿零壹仟元整'],
  ])('%d fen → %s', (value, words) => {
    expect(fenInWords(value)).toBe(words);
  });

  it('refuses what is not whole fen', () => {
    for (const value of [-1, 0.5, Number.NaN, 2 ** 53]) expect(() => fenInWords(value)).toThrow(RangeError);
  });
});
