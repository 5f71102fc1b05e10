/** The party's one-tap satisfaction survey (回访): a phone page of its own. */
export const surveyZh = {
  'survey.title': '调解满意度回访',
  'survey.loading': '正在打开…',
  'survey.greeting': '{name}，您好！',
  'survey.case': '{org} 调解的案件 {number}',
  'survey.question': '您对本次调解满意吗？点一下即可。',
  'survey.thanks': '感谢您的评价！',
  'survey.yourAnswer': '您的评价：{answer}',
  'survey.noLink': '链接不完整，请重新打开调解员发给您的链接。',
  'survey.invalid': '此链接无效或已过期，请联系调解员。',
  'survey.closed': '本案已结案，回访已经结束，无需再评价。谢谢！',
} as const;
