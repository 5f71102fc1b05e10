import type { Language } from '../../i18n/i18n.tsx';

const locale = (language: Language) => (language === 'en' ? 'en-GB' : 'zh-CN');

/** `66.7%`, or undefined for a rate with nothing to divide by (shown as a dash, never as 0%). */
export function formatRate(rate: number | null, language: Language): string | undefined {
  return rate === null ? undefined : new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** A rate as a chart value in percent; null leaves the bar out. */
export const ratePercent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);

export function formatDays(days: number, language: Language): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(days);
}

/** `2026年10月` or `Oct 2026` for `2026-10` (a calendar month, so no time zone applies). */
export function formatMonth(month: string, language: Language): string {
  const [year, monthNumber] = month.split('-');
  if (language !== 'en') return `${year}年${Number(monthNumber)}月`;
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}
