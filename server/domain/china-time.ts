/** China Standard Time: UTC+8 all year (no daylight saving), the time courts and residents read. */
export const CHINA_OFFSET_MS = 8 * 3600_000;

/** `2026-11-25 09:00`: a moment as a wall-clock time in China. */
export function chinaDateTime(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** `2026-11-25`: the calendar day of a moment in China. */
export function chinaDateOf(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
