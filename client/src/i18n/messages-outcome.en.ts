import type { outcomeZh } from './messages-outcome.ts';

export const outcomeEn: Record<keyof typeof outcomeZh, string> = {
  'outcome.title': 'Outcome',
  'outcome.hint': 'When the parties cannot agree, end the mediation; they receive a notice telling them they may go to court.',
  'outcome.fail': 'Mediation failed: end it',
  'outcome.failConfirm': 'End the mediation',
  'outcome.reason': 'Why the mediation failed',
  'outcome.failedTitle': 'Mediation failed',
  'outcome.failedReason': 'Reason: {reason}',
  'outcome.downloadNotice': 'Download the failure notice',
};
