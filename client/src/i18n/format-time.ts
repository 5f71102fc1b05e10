import type { Language } from './i18n.tsx';

/** Mediation in China runs on Beijing time, whatever the device's own zone is set to. */
export const CASE_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, style: 'short' | 'long' | 'time'): Intl.DateTimeFormat {
  const key = `${language}:${style}`;
  let format = formatters.get(key);
  if (!format) {
    const locale = language === 'en' ? 'en-GB' : 'zh-CN';
    format =
      style === 'long'
        ? new Intl.DateTimeFormat(locale, { timeZone: CASE_TIME_ZONE, dateStyle: 'full', timeStyle: 'short' })
        : style === 'time'
          ? new Intl.DateTimeFormat(locale, { timeZone: CASE_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
          : new Intl.DateTimeFormat(locale, { timeZone: CASE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(key, format);
  }
  return format;
}

/** `2025/06/01 14:30` (short), `2025年6月1日星期日 14:30` (long, for residents) or `14:30` (time), in Beijing time. */
export function formatTime(iso: string, language: Language, style: 'short' | 'long' | 'time' = 'short'): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter(language, style).format(date);
}

/**
 * The value of an `<input type="datetime-local">` (no zone: the user meant Beijing time) as an
 * ISO time with the +08:00 offset the API requires. Undefined when the input is empty or partial.
 */
export function beijingLocalToIso(value: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(value);
  if (!match) return undefined;
  return `${match[1]}T${match[2]}${match[3] ?? ':00'}+08:00`;
}
