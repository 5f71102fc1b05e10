import { describe, expect, it } from 'vitest';
import { chinaMonth, tallyWarnings } from '../../../server/domain/warning-tallies.ts';

describe('warning tallies for the area view and charts (#15)', () => {
  it('counts warnings per area, type and China month by level, leaving out groups without a level', () => {
    const tallies = tallyWarnings([
      { level: 'orange', areaCode: '370785001001', disputeType: 'property_management', firstAt: '2026-10-31T17:00:00.000Z' },
      { level: 'yellow', areaCode: '370785001001', disputeType: 'neighbour', firstAt: '2026-10-31T15:59:59.000Z' },
      { level: 'red', areaCode: '370785003001', disputeType: 'property_management', firstAt: '2026-11-20T00:00:00.000Z' },
      { level: 'none', areaCode: '370785003001', disputeType: 'debt', firstAt: '2026-11-20T00:00:00.000Z' },
    ]);
    expect(tallies.byArea).toEqual([
      { key: '370785001001', blue: 0, yellow: 1, orange: 1, red: 0, total: 2 },
      { key: '370785003001', blue: 0, yellow: 0, orange: 0, red: 1, total: 1 },
    ]);
    expect(tallies.byType).toEqual([
      { key: 'neighbour', blue: 0, yellow: 1, orange: 0, red: 0, total: 1 },
      { key: 'property_management', blue: 0, yellow: 0, orange: 1, red: 1, total: 2 },
    ]);
    // 17:00Z on 31 October is 01:00 on 1 November in China.
    expect(tallies.byMonth.map((r) => [r.key, r.total])).toEqual([
      ['2026-10', 1],
      ['2026-11', 2],
    ]);
  });

  it('puts an instant in its China calendar month', () => {
    expect(chinaMonth('2026-12-31T16:00:00.000Z')).toBe('2027-01');
    expect(chinaMonth('2026-12-31T15:59:59.999Z')).toBe('2026-12');
  });
});
