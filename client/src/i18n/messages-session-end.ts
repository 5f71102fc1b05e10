/** The end of a session, worded for each role, and the resident's next step after it. */
export const sessionEndZh = {
  'sessionEnd.body.hostMediator': '调解已结束。可在案件页继续起草协议或安排下一次调解。',
  'sessionEnd.body.hostJudge': '询问已结束。请在审查页保存询问笔录，并作出裁定。',
  'sessionEnd.body.mediatorInHearing': '法院询问已结束。法院作出裁定后，可在案件页查看结果。',
  'sessionEnd.body.judgeInMediation': '调解已结束。可在案件页查看调解进展。',
  'sessionEnd.backToCase': '返回案件页',
  'sessionEnd.backToReview': '返回审查页',
  'sessionEnd.next.sign': '调解协议已发给您，请阅读后签署。',
  'sessionEnd.next.signLink': '去签署协议',
  'sessionEnd.next.signed': '调解协议已生效，可以下载保存。',
  'sessionEnd.next.download': '下载协议',
  'sessionEnd.next.apply': '协议生效之日起30日内，双方当事人可以共同申请司法确认，经法院确认后协议具有强制执行力。',
  'sessionEnd.next.waiting': '调解员会根据本次调解的情况起草调解协议或安排下一次调解，届时会通过短信和本页的通知告诉您。',
  'sessionEnd.next.waiting.hearing': '法官将依法作出裁定，结果会通过短信和本页的通知告诉您。',
  'sessionEnd.next.myCase': '查看我的案件',
} as const;

export const sessionEndEn: Record<keyof typeof sessionEndZh, string> = {
  'sessionEnd.body.hostMediator': 'The mediation has ended. On the case page you can go on drafting the agreement or schedule the next session.',
  'sessionEnd.body.hostJudge': 'The hearing has ended. On the review page, save the hearing record and issue the ruling.',
  'sessionEnd.body.mediatorInHearing': 'The court hearing has ended. Once the court rules, the result appears on the case page.',
  'sessionEnd.body.judgeInMediation': 'The mediation has ended. The case page shows how it progresses.',
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
