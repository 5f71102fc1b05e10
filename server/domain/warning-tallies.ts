import type { WarningLevel } from './warning-levels.ts';

/** What the area view and charts count (#15): warnings by level, per area, type and month. */
export type LevelCounts = Record<Exclude<WarningLevel, 'none'>, number> & { total: number };

export interface TalliedWarning {
  level: WarningLevel;
  areaCode: string;
  disputeType: string;
  firstAt: string;
}

export interface WarningTallies {
  byArea: Array<{ key: string } & LevelCounts>;
  byType: Array<{ key: string } & LevelCounts>;
  byMonth: Array<{ key: string } & LevelCounts>;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
/** The China calendar month (YYYY-MM) of an instant: a report at 17:00Z on the 31st belongs to the next month. */
export const chinaMonth = (at: string) => new Date(Date.parse(at) + CHINA_OFFSET_MS).toISOString().slice(0, 7);

const empty = (): LevelCounts => ({ blue: 0, yellow: 0, orange: 0, red: 0, total: 0 });

function tally(warnings: readonly TalliedWarning[], keyOf: (w: TalliedWarning) => string): Array<{ key: string } & LevelCounts> {
  const rows = new Map<string, LevelCounts>();
  for (const warning of warnings) {
    if (warning.level === 'none') continue;
    const key = keyOf(warning);
    const row = rows.get(key) ?? empty();
    row[warning.level] += 1;
    row.total += 1;
    rows.set(key, row);
  }
  return [...rows.entries()].map(([key, counts]) => ({ key, ...counts })).sort((a, b) => a.key.localeCompare(b.key));
}

export function tallyWarnings(warnings: readonly TalliedWarning[]): WarningTallies {
  return { byArea: tally(warnings, (w) => w.areaCode), byType: tally(warnings, (w) => w.disputeType), byMonth: tally(warnings, (w) => chinaMonth(w.firstAt)) };
}
