import type { AgreementText, PartyIdentity } from '../domain/agreement.ts';
import type { CaseState } from '../domain/case-types.ts';
import { chinaDateOf } from '../domain/china-time.ts';
import { DISMISSAL_GROUNDS, type DismissalGround } from '../domain/confirmation.ts';
import { chineseDate, partyLine } from './agreement-text.ts';
import type { DocumentModel } from './model.ts';

export interface RulingInput {
  state: CaseState;
  courtName: string;
  rulingNumber: string;
  judgeName: string;
  organisationName: string;
  parties: PartyIdentity[];
  agreement: AgreementText;
  decision: { outcome: 'confirmed' } | { outcome: 'rejected'; ground: DismissalGround; reason: string };
  /** `YYYY-MM-DD`, China time. */
  date: string;
}

/** The agreed terms as the ruling restates them: the numbered obligations of the frozen agreement. */
function agreedTerms(agreement: AgreementText): string[] {
  for (const section of agreement.sections) for (const block of section.blocks) if (block.kind === 'numbered' && block.items.some((item) => item.includes('前'))) return block.items;
  return [];
}

/**
 * 民事裁定书 on an application for judicial confirmation (民诉法 205-206, 民诉解释 372): the
 * applicants, the mediation and its agreement, the court's finding, the operative part, and the
 * 15-day objection window.
 */
export function rulingModel(input: RulingInput): DocumentModel {
  const { state, decision } = input;
  const principals = input.parties.filter((p) => p.role !== 'agent');
  const names = principals.map((p) => p.name).join('、');
  const effective = state.agreement?.effectiveAt ? chineseDate(chinaDateOf(state.agreement.effectiveAt)) : '';
  const requested = state.confirmation?.requestedAt ? chineseDate(chinaDateOf(state.confirmation.requestedAt)) : '';
  const facts = `申请人${names}于${effective}经${input.organisationName}主持调解（${state.caseNumber}），达成了如下调解协议：`;
  const heardAt = state.confirmation?.hearing?.at;
  // Only a hearing that was held is stated; a dismissal may come without one.
  const review = heardAt
    ? `本院受理后，依法进行了审查，并于${chineseDate(chinaDateOf(heardAt))}通知双方当事人同时到场，通过视频方式进行了询问。现已审查终结。`
    : '本院受理后，依法进行了审查。现已审查终结。';
  const operative =
    decision.outcome === 'confirmed'
      ? [
          '本院经审查认为，申请人达成的调解协议，符合司法确认调解协议的法定条件。依照《中华人民共和国民事诉讼法》第二百零五条、第二百零六条规定，裁定如下：',
          `申请人${names}于${effective}经${input.organisationName}主持调解达成的调解协议有效。`,
          '当事人应当按照调解协议的约定自觉履行义务。一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请执行。',
        ]
      : [
          `本院经审查认为，该调解协议${DISMISSAL_GROUNDS[decision.ground]}：${decision.reason}。依照《中华人民共和国民事诉讼法》第二百零六条规定，裁定如下：`,
          `驳回申请人${names}的司法确认申请。`,
          '当事人可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼。',
        ];
  return {
    issuer: input.courtName,
    title: '民事裁定书',
    caseNumber: input.rulingNumber,
    sections: [
      { blocks: principals.map((p) => ({ kind: 'paragraph', text: partyLine(p, input.parties), indent: 'flush' })) },
      {
        blocks: [
          { kind: 'paragraph', text: `申请人${names}于${requested}向本院申请司法确认调解协议。${review}` },
          { kind: 'paragraph', text: facts },
          { kind: 'numbered', items: agreedTerms(input.agreement), marker: 'chinese' },
          ...operative.map((text) => ({ kind: 'paragraph' as const, text })),
          { kind: 'paragraph', text: '本裁定即发生法律效力。当事人对本裁定有异议的，可以自收到裁定之日起十五日内向本院提出异议；利害关系人有异议的，可以自知道或者应当知道其民事权益受到侵害之日起六个月内提出。' },
        ],
      },
    ],
    signatures: [{ label: '审判员', name: input.judgeName, seal: { organisationName: input.courtName } }],
    issuedAt: chineseDate(input.date),
    footerNote: '本裁定经电子签名并加盖电子印章，以电子版为准',
  };
}
