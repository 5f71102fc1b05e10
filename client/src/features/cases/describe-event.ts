import type { CaseEvent } from '../../api/api-types.ts';
import { formatTime } from '../../i18n/format-time.ts';
import type { Language, MessageParams } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Names the log refers to by id, gathered from the whole log (a removed participant keeps a name). */
export interface LogNames {
  participants: Map<string, string>;
  invitationHolders: Map<string, string>;
}

export function namesInLog(events: readonly CaseEvent[]): LogNames {
  const participants = new Map<string, string>();
  const invitationHolders = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'participant.added') participants.set(event.data.participant.participantId, event.data.participant.name);
    if (event.type === 'invitation.issued') invitationHolders.set(event.data.invitationId, participants.get(event.data.participantId) ?? '?');
  }
  return { participants, invitationHolders };
}

/** The second line of a log entry: what the event was about, in words. Undefined when the title says it all. */
export function describeEvent(event: CaseEvent, names: LogNames, t: Translate, language: Language): string | undefined {
  const time = (iso: string) => formatTime(iso, language);
  switch (event.type) {
    case 'case.opened':
      return t('eventDetail.opened', { channel: t(`channel.${event.data.channel}`), disputeType: t(`dispute.${event.data.disputeType}`), title: event.data.title });
    case 'case.assigned':
      return t('eventDetail.assigned', { name: event.data.mediatorName, deadline: time(event.data.acceptBy) });
    case 'case.declined':
      return t('eventDetail.reason', { reason: [t(`declineReason.${event.data.reason}`), event.data.note].filter(Boolean).join('：') });
    case 'case.escalated':
      return t('eventDetail.escalated', { from: t(`tier.${event.data.from}`), to: t(`tier.${event.data.to}`), reason: event.data.reason });
    // Dispatch and the three tiers (#14)
    case 'case.transferred':
      return t('eventDetail.transferred', { from: event.data.fromOrgId, to: event.data.toOrgId, reason: event.data.reason });
    case 'guidance.requested':
      return event.data.question;
    case 'guidance.answered':
      return `${event.data.judgeName}：${event.data.answer}`;
    // Early warning (#15)
    case 'warning.level_changed':
      return t('eventDetail.warningLevel', { from: t(`warningLevel.${event.data.previousLevel}`), to: t(`warningLevel.${event.data.level}`), count: event.data.sightings, channels: event.data.channels.map((c) => t(`channel.${c}` as 'channel.hotline')).join('、') });
    case 'participant.added':
      return t('eventDetail.participant', { role: t(`party.${event.data.participant.role}`), name: event.data.participant.name });
    case 'participant.removed':
      return names.participants.get(event.data.participantId);
    case 'invitation.issued':
      return t('eventDetail.invitation', { name: names.participants.get(event.data.participantId) ?? '?', time: time(event.data.expiresAt) });
    case 'invitation.revoked':
      return t('eventDetail.invitationRevoked', { name: names.invitationHolders.get(event.data.invitationId) ?? '?' });
    case 'session.scheduled':
      return time(event.data.startsAt);
    case 'agreement.sent_for_signature':
    case 'agreement.signed':
    case 'agreement.countersigned':
      return t('eventDetail.documentHash', { hash: event.data.documentHash.slice(0, 8) });
    case 'confirmation.routed':
      return event.data.judgeName;
    case 'confirmation.extended':
      return t('eventDetail.reason', { reason: event.data.reason });
    case 'confirmation.party_applied':
      return names.participants.get(event.data.participantId);
    case 'agreement.draft_saved':
      return t('eventDetail.minutesVersion', { version: event.data.version });
    case 'agreement.signed_by_party':
    case 'agreement.comment_added':
      return names.participants.get(event.data.participantId);
    case 'confirmation.confirmed':
      return t('eventDetail.documentHash', { hash: event.data.rulingHash.slice(0, 8) });
    case 'agreement.reopened':
    case 'mediation.failed':
    case 'confirmation.rejected':
      return t('eventDetail.reason', { reason: event.data.reason });
    case 'case.closed':
      return [t(`closeReason.${event.data.reason}`), event.data.note].filter(Boolean).join('：');
    // Resident self-application.
    case 'application.submitted':
      return event.data.agent ? t('application.onBehalf', { agent: names.participants.get(event.data.agent.participantId) ?? '?', relationship: t(`apply.relationship.${event.data.agent.relationship}`) }) : undefined;
    case 'application.not_accepted':
      return t('eventDetail.reason', { reason: event.data.reason });
    case 'application.respondent_contacted':
      return `${names.participants.get(event.data.participantId) ?? '?'} ${event.data.phoneMasked}`;
    case 'application.respondent_refused':
      return event.data.reason && t('eventDetail.reason', { reason: event.data.reason });
    case 'room.declaration_accepted':
    case 'room.identity_checked':
      return names.participants.get(event.data.participantId);
    case 'room.admitted':
    case 'chat.posted':
      // Who spoke, not what: the log is not the place to read the conversation.
      return event.data.name;
    case 'caucus.started':
      return t(`party.${event.data.side}`);
    case 'minutes.saved':
    case 'minutes.shared':
      return t('eventDetail.minutesVersion', { version: event.data.version });
    case 'minutes.confirmed':
      return t('eventDetail.minutesConfirmed', { name: names.participants.get(event.data.participantId) ?? '?', version: event.data.version });
    // --- Intake: field reports and assisted join ---
    case 'case.photo_added':
      return t('eventDetail.photo', { name: event.data.name, hash: event.data.sha256.slice(0, 12) });
    case 'assistance.started':
      return t('eventDetail.assistance', { name: names.participants.get(event.data.participantId) ?? '?', assistant: event.data.assistedBy.name });
    case 'assistance.ended':
      return names.invitationHolders.get(event.data.invitationId);
    // Ledger and follow-up (台账与回访)
    case 'followup.scheduled':
      return t('eventDetail.followUpScheduled', { date: event.data.dueDate, method: t(`method.${event.data.method}`) });
    case 'followup.recorded':
      return [t(`performance.${event.data.performance}`), event.data.note].filter(Boolean).join('：');
    case 'survey.sent':
      return names.participants.get(event.data.participantId) ?? '?';
    case 'survey.answered':
      return t('eventDetail.surveyAnswered', { name: names.participants.get(event.data.participantId) ?? '?', answer: t(`survey.answer.${event.data.answer}`) });
    default:
      // The rest say it all in their title; kinds newer than this client show their title only.
      return undefined;
  }
}
