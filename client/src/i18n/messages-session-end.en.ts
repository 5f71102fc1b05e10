import type { sessionEndZh } from './messages-session-end.ts';

export const sessionEndEn: Record<keyof typeof sessionEndZh, string> = {
  'sessionEnd.body.hostMediator': 'The mediation has ended. On the case page you can go on drafting the agreement or schedule the next session.',
  'sessionEnd.body.hostJudge': 'The hearing has ended. On the review page, save the hearing record and issue the ruling.',
  'sessionEnd.body.mediatorInHearing': 'The court hearing has ended. Once the court rules, the result appears on the case page.',
  'sessionEnd.body.judgeInMediation': 'The mediation has ended. The case page shows how it progresses.',
  'sessionEnd.body.resident': 'Thank you for taking part.',
  'sessionEnd.backToCase': 'Back to the case page',
  'sessionEnd.backToReview': 'Back to the review page',
  'sessionEnd.next.sign': 'The mediation agreement has been sent to you: please read and sign it.',
  'sessionEnd.next.signLink': 'Sign the agreement',
  'sessionEnd.next.signed': 'The mediation agreement is in effect; you can download and keep it.',
  'sessionEnd.next.download': 'Download the agreement',
  'sessionEnd.next.apply': 'Within 30 days of the agreement taking effect, both parties may jointly apply for judicial confirmation; once confirmed by the court it is enforceable.',
  'sessionEnd.next.waiting': 'The mediator will draft an agreement or schedule the next session as this one went, and will tell you by text message and on this page.',
  'sessionEnd.next.waiting.hearing': 'The judge will rule according to law; you will be told the result by text message and on this page.',
  'sessionEnd.next.myCase': 'View my case',
};
