/** Checks and masks for the identity fields parties give. Pure functions. */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** A mainland resident identity card number (GB 11643): 18 characters with a valid check digit. */
export function isValidResidentIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(value[index]), 0);
  return ID_CHECK_CHARS[sum % 11] === value[17];
}

export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** Keeps the first 6 (region) and last 4 characters: enough for a person to recognise, not to misuse. */
export function maskIdNumber(value: string): string {
  if (value.length <= 10) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}

export function isValidMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

export function maskPhone(value: string): string {
  return value.length === 11 ? `${value.slice(0, 3)}****${value.slice(-4)}` : '*'.repeat(value.length);
}
