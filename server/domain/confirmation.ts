/**
 * Judicial confirmation (司法确认) rules, pure: who may apply and until when, which subject
 * matters a court does not accept, the court's deadlines, and the grounds for dismissal.
 * Sources: 人民调解法 33, 民诉法 205-206, 民诉解释 351-358 (DOMAIN.md).
 */

const DAY_MS = 24 * 3600_000;

export interface ConfirmationLimits {
  /** Days after the agreement takes effect within which both parties must apply (人民调解法 33). */
  applyWithinDays: number;
  /** Days the court has to accept a filed application. */
  acceptWithinDays: number;
  /** Days from acceptance to the ruling, and the one extension a court may take with a reason. */
  reviewDays: number;
  extensionDays: number;
  /** Flag an application as due soon this many days before its deadline. */
  dueSoonDays: number;
}

export const DEFAULT_CONFIRMATION_LIMITS: ConfirmationLimits = { applyWithinDays: 30, acceptWithinDays: 3, reviewDays: 15, extensionDays: 10, dueSoonDays: 2 };

export function applicationDeadline(effectiveAt: string, limits = DEFAULT_CONFIRMATION_LIMITS): Date {
  return new Date(Date.parse(effectiveAt) + limits.applyWithinDays * DAY_MS);
}

/** Why applying now is refused, or undefined when it may go ahead. */
export function applicationTimeRefusal(effectiveAt: string | undefined, now: Date, limits = DEFAULT_CONFIRMATION_LIMITS): string | undefined {
  if (!effectiveAt) return '调解协议尚未生效，不能申请司法确认。';
  if (now.getTime() > applicationDeadline(effectiveAt, limits).getTime()) {
    return `申请司法确认应当自调解协议生效之日起${limits.applyWithinDays}日内提出（《中华人民共和国人民调解法》第三十三条），本协议的申请期限已届满。`;
  }
  return undefined;
}

/** What the parties declare the agreement is about, so matters a court does not confirm are caught at the door. */
export interface SubjectDeclaration {
  /** Marriage, parentage or adoption: personal status (身份关系). */
  personalStatus: boolean;
  /** Confirmation of ownership of property or of intellectual property (确权). */
  ownershipConfirmation: boolean;
}

/** 民诉解释 355: the court does not accept these applications; each refusal states its legal reason. */
export function subjectMatterRefusals(subject: SubjectDeclaration): string[] {
  const refusals: string[] = [];
  if (subject.personalStatus) refusals.push('涉及婚姻关系、亲子关系、收养关系等身份关系确认的，人民法院不予受理司法确认申请（《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百五十五条）。');
  if (subject.ownershipConfirmation) refusals.push('涉及物权、知识产权确权的，人民法院不予受理司法确认申请（《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百五十五条）。');
  return refusals;
}

/** Grounds on which a court dismisses an application (民诉解释 358). */
export const DISMISSAL_GROUNDS = {
  violates_law: '违反法律强制性规定',
  harms_interests: '损害国家利益、社会公共利益、他人合法权益',
  public_order: '违背公序良俗',
  not_voluntary: '违反自愿原则',
  unclear: '内容不明确，无法执行',
  other: '其他不能进行司法确认的情形',
} as const;
export type DismissalGround = keyof typeof DISMISSAL_GROUNDS;

export interface ReviewClock {
  filedAt: string;
  acceptedAt?: string | undefined;
  extended?: { reason: string } | undefined;
}

/** The next deadline the court faces: accepting the filing, then ruling (15 days, +10 once with a reason). */
export function reviewDueAt(review: ReviewClock, limits = DEFAULT_CONFIRMATION_LIMITS): { kind: 'accept' | 'decide'; dueAt: Date } {
  if (!review.acceptedAt) return { kind: 'accept', dueAt: new Date(Date.parse(review.filedAt) + limits.acceptWithinDays * DAY_MS) };
  const days = limits.reviewDays + (review.extended ? limits.extensionDays : 0);
  return { kind: 'decide', dueAt: new Date(Date.parse(review.acceptedAt) + days * DAY_MS) };
}

export type Urgency = 'overdue' | 'due_soon' | 'on_time';

export function urgencyOf(dueAt: Date, now: Date, limits = DEFAULT_CONFIRMATION_LIMITS): Urgency {
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  if (dueAt.getTime() - now.getTime() <= limits.dueSoonDays * DAY_MS) return 'due_soon';
  return 'on_time';
}

/** A judge's queue: earliest deadline first, overdue ones at the top. */
export function sortQueue<T extends { dueAt: Date }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Routing inside a court: the judge with the fewest open applications; ties go to the first listed. */
export function pickJudge(judges: Array<{ judgeId: string; openApplications: number }>): string | undefined {
  let best: { judgeId: string; openApplications: number } | undefined;
  for (const judge of judges) if (!best || judge.openApplications < best.openApplications) best = judge;
  return best?.judgeId;
}

/** The verification hearing's script: what the judge asks each party (民诉解释 356-358). */
export const HEARING_CHECKLIST = [
  { id: 'identity', question: '请核对您的身份信息是否属实？' },
  { id: 'voluntary', question: '您签署该调解协议是否出于自愿，有无受到胁迫、欺诈？' },
  { id: 'understood', question: '您是否清楚协议的内容及履行方式、期限？' },
  { id: 'true_intent', question: '协议内容是否为您的真实意思表示，有无损害他人利益的情形？' },
  { id: 'apply_jointly', question: '您是否同意与对方当事人共同申请司法确认？' },
] as const;

/** A hearing is held only with both sides present together (民诉解释 356), and every question answered for each party. */
export function hearingRefusal(presentPartyIds: string[], partyIds: string[], answers: Record<string, Record<string, string>>): string | undefined {
  const absent = partyIds.filter((id) => !presentPartyIds.includes(id));
  if (absent.length > 0) return '双方当事人应当同时到场，询问方可进行。';
  for (const id of partyIds) {
    const missing = HEARING_CHECKLIST.filter((item) => !(answers[id]?.[item.id] ?? '').trim());
    if (missing.length > 0) return `尚有询问事项未记录答复：${missing.map((m) => m.question).join(' ')}`;
  }
  return undefined;
}
