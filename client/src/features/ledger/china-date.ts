/** `2026-11-25`: the calendar day in China of a moment (the ledger's dates, whatever the device's zone). */
export function chinaDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}
