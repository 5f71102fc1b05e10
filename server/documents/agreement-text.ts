import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.ts';
import type { AgreementDraft, AgreementText, Obligation, PartyIdentity } from '../domain/agreement.ts';
import type { AgreementTemplate } from './agreement-templates.ts';
import { formatFenAsYuan, isAmountFen } from '../domain/money.ts';
import { fenInWords } from './chinese-amount.ts';

export type { AgreementBlock, AgreementText } from '../domain/agreement.ts';

export interface AgreementContext {
  caseNumber: string;
  parties: PartyIdentity[];
  organisationName: string;
  mediatorName: string;
  /** `YYYY-MM-DD` */
  date: string;
}

const ROLE_LABEL = { applicant: '申请人', respondent: '被申请人', agent: '委托代理人' } as const;
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function ordinal(n: number): string {
  if (n <= 10) return NUMERALS[n - 1]!;
  if (n < 20) return `十${NUMERALS[n - 11]}`;
  return String(n);
}

/** Birth date from a resident ID number (characters 7-14). */
function birthDate(idNumber: string | undefined): string | undefined {
  const m = idNumber && /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(idNumber);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日出生` : undefined;
}

export function partyLine(party: PartyIdentity, all: PartyIdentity[]): string {
  const label = ROLE_LABEL[party.role];
  if (party.role === 'agent') {
    const principal = all.find((p) => p.participantId === party.representing);
    return `${label}：${party.name}${principal ? `（${principal.name}的委托代理人）` : ''}${party.phone ? `，联系电话${party.phone}` : ''}。`;
  }
  const details =
    party.personKind === 'organization'
      ? [party.address && `住所地${party.address}`, party.legalRepresentative && `法定代表人${party.legalRepresentative}`, party.phone && `联系电话${party.phone}`]
      : [
          party.sex && (party.sex === 'male' ? '男' : '女'),
          party.ethnicity,
          birthDate(party.idNumber),
          party.idNumber && `公民身份号码${party.idNumber}`,
          party.address && `住${party.address}`,
          party.phone && `联系电话${party.phone}`,
        ];
  const text = details.filter(Boolean).join('，');
  return `${label}：${party.name}${text ? `，${text}` : ''}。`;
}

function nameOf(id: string | undefined, parties: PartyIdentity[]): string {
  return parties.find((p) => p.participantId === id)?.name ?? '';
}

export function obligationLine(o: Obligation, parties: PartyIdentity[]): string {
  const to = o.obligeeId ? `向${nameOf(o.obligeeId, parties)}` : '';
  // A stored amount that is not whole fen (only old drafts) is left out: the pre-check already refuses it.
  const money = o.amountFen !== undefined && isAmountFen(o.amountFen) ? `人民币${formatFenAsYuan(o.amountFen)}元（大写：${fenInWords(o.amountFen)}）` : '';
  return `${nameOf(o.obligorId, parties)}于${chineseDate(o.deadline)}前${to}${o.act}${money}。`;
}

export function performanceLine(o: Obligation, index: number): string {
  const how = o.method ? `以${o.method}方式履行` : '自行履行';
  return `第${ordinal(index + 1)}项：${how}，履行期限至${chineseDate(o.deadline)}${o.place ? `，履行地点为${o.place}` : ''}。`;
}

/**
 * Fills a template with the case and the draft. Each `## ` line starts a section; a line that is
 * only a list placeholder becomes a numbered block; other lines become paragraphs, empty ones dropped.
 */
export function fillAgreement(template: AgreementTemplate, draft: AgreementDraft, context: AgreementContext): AgreementText {
  const { parties } = context;
  const ordered = [...parties].sort((a, b) => ['applicant', 'respondent', 'agent'].indexOf(a.role) - ['applicant', 'respondent', 'agent'].indexOf(b.role));
  const lists: Record<string, string[]> = {
    parties: ordered.map((p) => partyLine(p, parties)),
    obligations: draft.obligations.map((o) => obligationLine(o, parties)),
    performance: draft.obligations.map((o, i) => performanceLine(o, i)),
    defaultClauses: template.defaultClauses,
  };
  const scalars: Record<string, string> = {
    organisation: context.organisationName,
    mediator: context.mediatorName,
    date: chineseDate(context.date),
    caseNumber: context.caseNumber,
    title: template.title,
  };
  for (const [key, field] of Object.entries(template.fields)) scalars[key] = (draft.fields[key] ?? field.default ?? '').trim();

  const sections: AgreementText['sections'] = [];
  let current: AgreementText['sections'][number] = { blocks: [] };
  const flush = () => {
    if (current.heading || current.blocks.length > 0) sections.push(current);
  };
  for (const raw of template.body.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('## ')) {
      flush();
      current = { heading: line.slice(3).trim(), blocks: [] };
      continue;
    }
    const only = /^\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}$/.exec(line)?.[1];
    if (only && lists[only]) {
      // Parties and performance read as lines of their own; obligations and clauses are numbered.
      if (only === 'parties' || only === 'performance') for (const text of lists[only]!) current.blocks.push({ kind: 'paragraph', text, flush: true });
      else if (lists[only]!.length > 0) current.blocks.push({ kind: 'numbered', items: lists[only]! });
      continue;
    }
    const text = line.replace(/\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g, (_, name: string) => scalars[name] ?? (lists[name] ?? []).join(''));
    for (const paragraph of text.split(/\n+/).map((p) => p.trim()).filter(Boolean)) current.blocks.push({ kind: 'paragraph', text: paragraph });
  }
  flush();
  return { templateId: template.id, title: template.title, caseNumber: context.caseNumber, sections };
}

/** The hash that is signed: SHA-256 over the canonical encoding of the agreement text. */
export function agreementHash(text: AgreementText): string {
  return createHash('sha256').update(canonicalJson(text)).digest('hex');
}
