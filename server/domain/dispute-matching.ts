import type { DisputeType, IntakeChannel } from './case-types.ts';

/*
 * Repeated sightings of one dispute (矛盾风险预警): a report is linked to earlier ones when they share
 * a party (the same ID number, or the same phone), the same address, or the same grid, dispute type
 * and a party's name. Everything personal arrives here as keyed hashes (see `sightingKeys`): the
 * matching, and whatever it explains, never holds a name, number or address in clear.
 */

/** What a sighting is known by; every string is a keyed hash of normalised text, or an area code. */
export interface SightingKeys {
  /** One per party with a full ID number. */
  idKeys: string[];
  /** One per party with a mobile number. */
  phoneKeys: string[];
  /** One per party: the name alone is weak (common names), so it only counts with grid and type. */
  nameKeys: string[];
  /** The place of the dispute (a house, a shop), when the report gives one. */
  addressKey?: string | undefined;
  /** The grid (or the finest area) the report was filed under. */
  areaCode: string;
  disputeType: DisputeType;
}

export interface Sighting extends SightingKeys {
  sightingId: string;
  channel: IntakeChannel | string;
  at: string;
}

export type MatchReason = 'same_id_number' | 'same_phone' | 'same_address_and_type' | 'same_name_grid_and_type';

export interface SightingMatch {
  sightingId: string;
  reasons: MatchReason[];
}

export interface MatchRules {
  /** Only sightings this recent (before the new one) are compared. */
  windowDays: number;
}

export const DEFAULT_MATCH_RULES: MatchRules = { windowDays: 180 };

const DAY_MS = 86_400_000;
const shares = (a: readonly string[], b: readonly string[]) => a.some((key) => b.includes(key));

/** Why two sightings are one dispute, strongest reason first; empty when they are not. */
export function matchReasons(a: SightingKeys, b: SightingKeys): MatchReason[] {
  const reasons: MatchReason[] = [];
  if (shares(a.idKeys, b.idKeys)) reasons.push('same_id_number');
  if (shares(a.phoneKeys, b.phoneKeys)) reasons.push('same_phone');
  if (a.addressKey && a.addressKey === b.addressKey && a.disputeType === b.disputeType) reasons.push('same_address_and_type');
  // A shared name is contradicted when both reports carry ID numbers and none agrees: namesakes.
  const namesakes = a.idKeys.length > 0 && b.idKeys.length > 0 && !shares(a.idKeys, b.idKeys);
  if (a.areaCode === b.areaCode && a.disputeType === b.disputeType && shares(a.nameKeys, b.nameKeys) && !namesakes) reasons.push('same_name_grid_and_type');
  return reasons;
}

/** The earlier sightings within the window that `sighting` matches, each with its reasons. */
export function matchSighting(sighting: Sighting, earlier: readonly Sighting[], rules: MatchRules = DEFAULT_MATCH_RULES): SightingMatch[] {
  const at = Date.parse(sighting.at);
  const from = at - rules.windowDays * DAY_MS;
  const matches: SightingMatch[] = [];
  for (const other of earlier) {
    if (other.sightingId === sighting.sightingId) continue;
    const otherAt = Date.parse(other.at);
    if (otherAt < from || otherAt > at) continue;
    const reasons = matchReasons(sighting, other);
    if (reasons.length > 0) matches.push({ sightingId: other.sightingId, reasons });
  }
  return matches;
}

/**
 * Sightings grouped into disputes: each sighting joins every group it matches (so A~B and B~C
 * make one group even when A and C share nothing). Groups come out oldest sighting first.
 */
export function groupSightings(sightings: readonly Sighting[], rules: MatchRules = DEFAULT_MATCH_RULES): Sighting[][] {
  const ordered = [...sightings].sort((a, b) => a.at.localeCompare(b.at));
  const parent = new Map<string, string>(ordered.map((s) => [s.sightingId, s.sightingId]));
  const root = (id: string): string => {
    let node = id;
    while (parent.get(node) !== node) node = parent.get(node)!;
    parent.set(id, node);
    return node;
  };
  ordered.forEach((sighting, index) => {
    for (const match of matchSighting(sighting, ordered.slice(0, index), rules)) parent.set(root(sighting.sightingId), root(match.sightingId));
  });
  const groups = new Map<string, Sighting[]>();
  for (const sighting of ordered) {
    const key = root(sighting.sightingId);
    groups.set(key, [...(groups.get(key) ?? []), sighting]);
  }
  return [...groups.values()];
}

/*
 * Normalising what people type, before it is hashed: the same person written twice must give the
 * same key. Full-width characters become half-width, spaces and separators go, and Chinese digits in
 * house numbers become Arabic ones.
 */

const toHalfWidth = (text: string) => text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

export function normalizeName(name: string): string {
  return toHalfWidth(name).replace(/[\s·•.\-_]/g, '').toLowerCase();
}

/** A mainland mobile as its 11 digits (a +86 / 0086 prefix and separators dropped); undefined when it is not one. */
export function normalizeMobile(phone: string): string | undefined {
  const digits = toHalfWidth(phone).replace(/\D/g, '').replace(/^(0086|86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined;
}

const CHINESE_DIGITS: Record<string, string> = { 零: '0', 〇: '0', 一: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** Chinese numerals up to 99 (八, 十二, 二十, 二十三) as Arabic digits. */
function chineseNumeralsToDigits(text: string): string {
  return text.replace(/[零〇一二两三四五六七八九十]+/g, (run) => {
    if (!run.includes('十')) return [...run].map((c) => CHINESE_DIGITS[c] ?? c).join('');
    const [tens, ones] = run.split('十') as [string, string];
    if (run.split('十').length > 2) return run;
    const tensValue = tens === '' ? 1 : Number(CHINESE_DIGITS[tens] ?? NaN);
    const onesValue = ones === '' ? 0 : Number(CHINESE_DIGITS[ones] ?? NaN);
    return Number.isNaN(tensValue) || Number.isNaN(onesValue) ? run : String(tensValue * 10 + onesValue);
  });
}

export function normalizeAddress(address: string): string {
  return chineseNumeralsToDigits(toHalfWidth(address))
    .replace(/[\s,，.。·\-—#()（）]/g, '')
    .replace(/(号院|号楼)$/, '号')
    .replace(/室$/, '')
    .toLowerCase();
}

export interface SightingParty {
  name: string;
  idNumber?: string | undefined;
  phone?: string | undefined;
}

/**
 * The keys of a sighting from what was reported. `keyOf` is a keyed hash (HMAC under the PII key):
 * equal inputs give equal keys, and nothing can be read back from one. Each kind of key is salted
 * with its own prefix so a phone can never equal an ID number's key.
 */
export function sightingKeys(report: { parties: SightingParty[]; address?: string | undefined; areaCode: string; disputeType: DisputeType }, keyOf: (text: string) => string): SightingKeys {
  const idKeys: string[] = [];
  const phoneKeys: string[] = [];
  const nameKeys: string[] = [];
  for (const party of report.parties) {
    const name = normalizeName(party.name);
    if (name) nameKeys.push(keyOf(`name:${name}`));
    const id = party.idNumber ? toHalfWidth(party.idNumber).replace(/\s/g, '').toUpperCase() : '';
    if (/^\d{17}[\dX]$/.test(id)) idKeys.push(keyOf(`id:${id}`));
    const phone = party.phone ? normalizeMobile(party.phone) : undefined;
    if (phone) phoneKeys.push(keyOf(`phone:${phone}`));
  }
  const address = report.address ? normalizeAddress(report.address) : '';
  return { idKeys, phoneKeys, nameKeys, ...(address ? { addressKey: keyOf(`address:${address}`) } : {}), areaCode: report.areaCode, disputeType: report.disputeType };
}
