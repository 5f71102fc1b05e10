/** The end of a session, worded for each role, and the resident's next step after it. */
export const sessionEndZh = {
  'sessionEnd.body.hostMediator': '调解已结束。可在案件页继续起草协议或安排下一次调解。',
  'sessionEnd.body.hostJudge': '询问已结束。请在审查页保存询问笔录，并作出裁定。',
  'sessionEnd.body.mediatorInHearing': '法院询问已结束。法院作出裁定后，可在案件页查看结果。',
  'sessionEnd.body.judgeInMediation': '调解已结束。可在案件页查看调解进展。',
  'sessionEnd.body.resident': '感谢您的参与。',
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
