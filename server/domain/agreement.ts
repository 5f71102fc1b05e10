import type { Participant } from './case-types.ts';
import { fenFromStoredYuan, isAmountFen } from './money.ts';

/** The mediation agreement as the mediator drafts it. Pure data and checks. */

export interface Obligation {
  id: string;
  /** The party who must perform. */
  obligorId: string;
  /** The party it is owed to, if any. */
  obligeeId?: string | undefined;
  /** What is to be done, e.g. 支付维修费, 修复卫生间防水层. */
  act: string;
  /** Whole fen (分): ¥5000.10 is 500010. */
  amountFen?: number | undefined;
  /** `YYYY-MM-DD`: performed on or before this day. */
  deadline: string;
  method?: string | undefined;
  place?: string | undefined;
}

export interface AgreementDraft {
  templateId: string;
  fields: Record<string, string>;
  obligations: Obligation[];
}

/** The agreement as text: what is hashed, shown to signers and laid out in the PDF. */
export interface AgreementText {
  templateId: string;
  title: string;
  caseNumber: string;
  sections: Array<{ heading?: string | undefined; blocks: AgreementBlock[] }>;
}

/** `flush` paragraphs are lines like 申请人：… that take no first-line indent. */
export type AgreementBlock = { kind: 'paragraph'; text: string; flush?: boolean | undefined } | { kind: 'numbered'; items: string[] };

/**
 * How a party marked the agreement. `fingerprint` is the stored name of the tap-to-confirm mark
 * (点按确认): a drawn symbol left by a tap, not a biometric. Signed events carry the name, so it stays.
 */
export type SignatureMethod = 'handwritten' | 'fingerprint';

/** A party as the agreement must name them (人民调解法 29), full details included. */
export interface PartyIdentity extends Participant {
  idNumber?: string | undefined;
  address?: string | undefined;
  phone?: string | undefined;
}

export interface TemplateRules {
  fields: Record<string, { label: string; required: boolean }>;
  eSignatureExclusion?: string | undefined;
}

export interface PrecheckIssue {
  severity: 'error' | 'warning';
  code: 'missing_field' | 'missing_party' | 'missing_identity' | 'no_obligation' | 'obligation_unclear' | 'deadline_invalid' | 'amount_missing' | 'e_signature_excluded';
  path: string;
  message: string;
}

const PAYMENT_WORDS = /支付|给付|赔偿|偿还|归还|返还|补偿|退还|付清|清偿/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

/**
 * The legal pre-check before sending for signature: every element 人民调解法 art. 29 requires,
 * each obligation enforceable (an act, an amount where money is owed, a deadline), and the
 * e-signature exclusion of 电子签名法 art. 3 flagged. Errors block sending; warnings are shown.
 */
export function precheckAgreement(draft: AgreementDraft, rules: TemplateRules, parties: PartyIdentity[], today: string): PrecheckIssue[] {
  const issues: PrecheckIssue[] = [];
  for (const [key, field] of Object.entries(rules.fields)) {
    if (field.required && !(draft.fields[key] ?? '').trim()) issues.push({ severity: 'error', code: 'missing_field', path: `fields.${key}`, message: `请填写“${field.label}”。` });
  }
  const principals = parties.filter((p) => p.role !== 'agent');
  if (!principals.some((p) => p.role === 'applicant')) issues.push({ severity: 'error', code: 'missing_party', path: 'parties', message: '协议须载明申请人。' });
  if (!principals.some((p) => p.role === 'respondent')) issues.push({ severity: 'error', code: 'missing_party', path: 'parties', message: '协议须载明被申请人。' });
  for (const party of principals) {
    const missing: string[] = [];
    if (party.personKind === 'natural') {
      if (!party.idNumber) missing.push('公民身份号码');
      if (!party.address) missing.push('住址');
    } else {
      if (!party.address) missing.push('住所地');
      if (!party.legalRepresentative) missing.push('法定代表人');
    }
    if (missing.length > 0) issues.push({ severity: 'error', code: 'missing_identity', path: `parties.${party.participantId}`, message: `${party.name}的基本情况缺少${missing.join('、')}。` });
  }
  if (draft.obligations.length === 0) issues.push({ severity: 'error', code: 'no_obligation', path: 'obligations', message: '协议须写明至少一项具体的履行义务。' });
  const ids = new Set(principals.map((p) => p.participantId));
  draft.obligations.forEach((o, index) => {
    const at = `obligations.${index}`;
    const n = index + 1;
    if (!ids.has(o.obligorId)) issues.push({ severity: 'error', code: 'obligation_unclear', path: `${at}.obligorId`, message: `第${n}项义务的履行人不是本案当事人。` });
    if (o.obligeeId !== undefined && !ids.has(o.obligeeId)) issues.push({ severity: 'error', code: 'obligation_unclear', path: `${at}.obligeeId`, message: `第${n}项义务的权利人不是本案当事人。` });
    if (!o.act.trim()) issues.push({ severity: 'error', code: 'obligation_unclear', path: `${at}.act`, message: `第${n}项义务没有写明具体行为。` });
    if (o.amountFen === undefined) {
      if (PAYMENT_WORDS.test(o.act)) issues.push({ severity: 'error', code: 'amount_missing', path: `${at}.amountFen`, message: `第${n}项义务涉及给付金钱，须写明金额。` });
    } else if (!isAmountFen(o.amountFen)) {
      issues.push({ severity: 'error', code: 'amount_missing', path: `${at}.amountFen`, message: `第${n}项义务的金额须为正数，最多两位小数，且不超过一万亿元。` });
    }
    if (!validDate(o.deadline)) issues.push({ severity: 'error', code: 'deadline_invalid', path: `${at}.deadline`, message: `第${n}项义务须写明有效的履行期限。` });
    else if (o.deadline < today) issues.push({ severity: 'error', code: 'deadline_invalid', path: `${at}.deadline`, message: `第${n}项义务的履行期限已过。` });
  });
  if (rules.eSignatureExclusion) issues.push({ severity: 'warning', code: 'e_signature_excluded', path: 'template', message: rules.eSignatureExclusion });
  return issues;
}

/** An obligation as `agreement.draft_saved` events before amounts were fen may hold it. */
export type StoredObligation = Obligation & { /** Yuan as a number: only in events written before `amountFen`. */ amountYuan?: number | undefined };
export type StoredAgreementDraft = Omit<AgreementDraft, 'obligations'> & { obligations: StoredObligation[] };

/**
 * Reads a draft as stored in the case log: an old `amountYuan` becomes exact `amountFen`. The log is
 * append-only and hash-chained, so old events are read this way and never rewritten.
 */
export function upcastStoredDraft(draft: StoredAgreementDraft): AgreementDraft {
  if (!draft.obligations.some((o) => o.amountYuan !== undefined)) return draft;
  return {
    ...draft,
    obligations: draft.obligations.map(({ amountYuan, ...o }) => (amountYuan === undefined || o.amountFen !== undefined ? o : { ...o, amountFen: fenFromStoredYuan(amountYuan) })),
  };
}

export function blockingIssues(issues: PrecheckIssue[]): PrecheckIssue[] {
  return issues.filter((issue) => issue.severity === 'error');
}
