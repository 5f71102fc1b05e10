import type { warningCaseZh } from './messages-warning-case.ts';

export const warningCaseEn: Record<keyof typeof warningCaseZh, string> = {
  'event.warning.level_changed': 'Warning level changed',
  'eventDetail.warningLevel': '{from} → {to} ({count} reports, channels {channels})',
  'warningLevel.none': 'None',
  'warningLevel.blue': 'Blue',
  'warningLevel.yellow': 'Yellow',
  'warningLevel.orange': 'Orange',
  'warningLevel.red': 'Red',
  'matchReason.same_id_number': 'Same party ID number',
  'matchReason.same_phone': 'Same party phone',
  'matchReason.same_address_and_type': 'Same address and dispute type',
  'matchReason.same_name_grid_and_type': 'Same party name, grid and dispute type',
  'linked.title': 'Linked history',
  'linked.none': 'No other report is linked to this case yet.',
  'linked.level': 'Warning level: {level}',
  'linked.case': '{number} · {channel} · {date}',
  'linked.why': 'Linked because: {reasons}',
};
