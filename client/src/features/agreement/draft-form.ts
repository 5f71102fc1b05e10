import { parseYuanText, yuanTextOfFen } from '../../../../server/domain/money.ts';
import type { DisputeType, Participant } from '../../api/api-types.ts';
import type { AgreementDraft, SaveDraftRequest, TemplateInfo } from './agreement-api.ts';

/** One obligation as the form edits it: every control's text, converted only on save. */
export interface ObligationRow {
  id: string;
  obligorId: string;
  /** '' for none. */
  obligeeId: string;
  act: string;
  /** Yuan as typed, e.g. "3000" or "1,250.50"; sent as exact fen. */
  amount: string;
  /** `YYYY-MM-DD` from the date control, '' when not chosen. */
  deadline: string;
  method: string;
  place: string;
}

export interface DraftForm {
  templateId: string;
  fields: Record<string, string>;
  obligations: ObligationRow[];
}

/** Suggestions for the method of performance; the text goes into the (Chinese) document as typed. */
export const METHOD_SUGGESTIONS = ['银行转账', '微信转账', '支付宝转账', '现金支付', '自行履行'] as const;

/** The template made for the case's kind of dispute, else the general one, else the first. */
export function suggestedTemplate(templates: readonly TemplateInfo[], disputeType: DisputeType): TemplateInfo | undefined {
  return templates.find((t) => t.disputeTypes.includes(disputeType)) ?? templates.find((t) => t.id === 'general') ?? templates[0];
}

/** The parties who can owe or be owed: applicants and respondents, not agents. */
export function principalParties(participants: readonly Participant[]): Participant[] {
  return participants.filter((p) => p.role !== 'agent');
}

function newRowId(): string {
  return `o${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export function emptyObligation(participants: readonly Participant[]): ObligationRow {
  const parties = principalParties(participants);
  const obligor = parties.find((p) => p.role === 'respondent') ?? parties[0];
  const obligee = parties.find((p) => p.role === 'applicant' && p.participantId !== obligor?.participantId);
  return { id: newRowId(), obligorId: obligor?.participantId ?? '', obligeeId: obligee?.participantId ?? '', act: '', amount: '', deadline: '', method: '', place: '' };
}

/** Field values for a template: what the form has under the same keys, the template's defaults for the rest. */
export function fieldsFor(template: TemplateInfo, current: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(template.fields).map(([key, field]) => [key, current[key] ?? field.default ?? '']));
}

export function formFromDraft(draft: AgreementDraft, template: TemplateInfo | undefined): DraftForm {
  return {
    templateId: draft.templateId,
    fields: template ? fieldsFor(template, draft.fields) : { ...draft.fields },
    obligations: draft.obligations.map((o) => ({
      id: o.id,
      obligorId: o.obligorId,
      obligeeId: o.obligeeId ?? '',
      act: o.act,
      amount: o.amountFen === undefined ? '' : yuanTextOfFen(o.amountFen),
      deadline: o.deadline,
      method: o.method ?? '',
      place: o.place ?? '',
    })),
  };
}

export function newForm(template: TemplateInfo, participants: readonly Participant[]): DraftForm {
  return { templateId: template.id, fields: fieldsFor(template), obligations: [emptyObligation(participants)] };
}

/** "1,250.50" → 125050 fen; '' → undefined; anything else → NaN, which the schema refuses at that field. */
function fenOfTyped(text: string): number | undefined {
  const parsed = parseYuanText(text);
  if (parsed.ok) return parsed.fen;
  return parsed.reason === 'empty' ? undefined : Number.NaN;
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined);

/** The request the form means. Only the template's own fields are sent: the server refuses unknown ones. */
export function saveRequest(form: DraftForm, template: TemplateInfo | undefined, baseVersion: number): SaveDraftRequest {
  const keys = template ? Object.keys(template.fields) : Object.keys(form.fields);
  return {
    baseVersion,
    draft: {
      templateId: form.templateId,
      fields: Object.fromEntries(keys.map((key) => [key, (form.fields[key] ?? '').trim()])),
      obligations: form.obligations.map((row) => ({
        id: row.id,
        obligorId: row.obligorId,
        obligeeId: row.obligeeId || undefined,
        act: row.act.trim(),
        amountFen: fenOfTyped(row.amount),
        deadline: row.deadline,
        method: optional(row.method),
        place: optional(row.place),
      })),
    },
  };
}

/** Whether the form says something other than the saved draft (compared as the requests they make). */
export function isDirty(form: DraftForm, saved: AgreementDraft | undefined, template: TemplateInfo | undefined): boolean {
  if (!saved) return true;
  const mine = saveRequest(form, template, 0).draft;
  const theirs = saveRequest(formFromDraft(saved, template), template, 0).draft;
  return JSON.stringify(mine) !== JSON.stringify(theirs);
}

/** The id of the control a pre-check or schema path points at (`fields.facts`, `obligations.0.deadline`). */
export function controlId(path: string): string {
  return `agreement-${path.replace(/^draft\./, '').replace(/\./g, '-')}`;
}
