/** Early warning (#15), what the case page shows: the level event and the linked-history card. */
export const warningCaseZh = {
  'event.warning.level_changed': '预警等级变化',
  'eventDetail.warningLevel': '{from} → {to}（{count} 次反映，渠道 {channels}）',
  'warningLevel.none': '无',
  'warningLevel.blue': '蓝色',
  'warningLevel.yellow': '黄色',
  'warningLevel.orange': '橙色',
  'warningLevel.red': '红色',
  'matchReason.same_id_number': '当事人身份证号相同',
  'matchReason.same_phone': '当事人手机号相同',
  'matchReason.same_address_and_type': '同一地址、同类纠纷',
  'matchReason.same_name_grid_and_type': '同名当事人、同一网格、同类纠纷',
  'linked.title': '关联历史',
  'linked.none': '暂未发现与本案关联的其他反映。',
  'linked.level': '预警等级：{level}',
  'linked.case': '{number} · {channel} · {date}',
  'linked.why': '关联原因：{reasons}',
} as const;
