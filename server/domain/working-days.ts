import { CHINA_OFFSET_MS, chinaDateOf } from './china-time.ts';
/**
 * Deadlines in working days (Monday to Friday), skipping configured public holidays and counting
 * configured make-up working weekends (调休), both as `YYYY-MM-DD` in China Standard Time.
 */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workingWeekends: ReadonlySet<string>;
}

export const plainCalendar: WorkCalendar = { holidays: new Set(), workingWeekends: new Set() };

function cstDate(time: Date): string {
  return chinaDateOf(time.toISOString());
}

export function isWorkingDay(time: Date, calendar: WorkCalendar = plainCalendar): boolean {
  const day = cstDate(time);
  if (calendar.workingWeekends.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = new Date(time.getTime() + CHINA_OFFSET_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The same time of day `days` working days later (a request on Friday with 3 days is due Wednesday). */
export function addWorkingDays(start: Date, days: number, calendar: WorkCalendar = plainCalendar): Date {
  let time = new Date(start.getTime());
  let remaining = days;
  while (remaining > 0) {
    time = new Date(time.getTime() + 24 * 3600_000);
    if (isWorkingDay(time, calendar)) remaining--;
  }
  return time;
}
