/** The last four characters of a Chinese ID number (digits, or X last), as typed by a resident. No zod: the join page checks it on the phone. */
export const ID_LAST4_PATTERN = /^[0-9X]{4}$/;

/** How both ends read what was typed: spaces trimmed, a lower-case x accepted. */
export const normalizeIdLast4 = (typed: string): string => typed.trim().toUpperCase();

export const isIdLast4 = (typed: string): boolean => ID_LAST4_PATTERN.test(normalizeIdLast4(typed));
