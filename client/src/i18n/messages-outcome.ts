/** 调解不成: ending a mediation without agreement, and the notice to the parties. */
export const outcomeZh = {
  'outcome.title': '调解结果',
  'outcome.hint': '经调解双方未能达成协议的，可以终止调解；当事人将收到调解不成告知书，可依法通过诉讼等途径解决。',
  'outcome.fail': '调解不成，终止调解',
  'outcome.failConfirm': '确认终止调解',
  'outcome.reason': '调解不成的原因',
  'outcome.failedTitle': '调解不成',
  'outcome.failedReason': '原因：{reason}',
  'outcome.downloadNotice': '下载调解不成告知书',
} as const;
