import { CASE_TIME_ZONE } from '../../i18n/format-time.ts';
import type { Language } from '../../i18n/i18n.tsx';

/** A calendar date in Beijing time: `2026年12月24日` or `24 December 2026`. */
export function formatDate(date: Date | string, language: Language): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', { timeZone: CASE_TIME_ZONE, dateStyle: 'long' }).format(value);
}
