/**
 * How well repeated sightings of one dispute are found (server/domain/dispute-matching.ts), on a
 * generated data set whose true disputes are known. Each dispute has one or two parties, a grid, a
 * type and often a place; it is reported one to six times over up to 90 days, through channels that
 * each know different things (the hotline a phone and a name, a grid worker a name and an address,
 * the police an ID number), typed differently each time (spaces, full-width digits, +86, 八号 for 8号,
 * 三单元 for 3单元, a trailing 院 or 室). Unrelated disputes share common names (王伟, 李娜), grids and buildings.
 * Reported: pairwise precision and recall of the grouping (a pair is two sightings put in one
 * group; it is right when they are one dispute), for the full rules and with each rule left out.
 * Run: npx tsx bench/dispute-matching.bench.ts [--disputes=1500] [--seed=7]
 * Writes bench/results/dispute-matching.json.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { groupSightings, matchReasons, matchSighting, sightingKeys, type MatchReason, type Sighting, type SightingParty } from '../server/domain/dispute-matching.ts';
import type { DisputeType } from '../server/domain/case-types.ts';

const option = (name: string, fallback: number): number => {
  const value = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return value ? Number(value) : fallback;
};
const DISPUTES = option('disputes', 1500);
const SEED = option('seed', 7);

/** mulberry32: a small seeded generator, so a run can be repeated exactly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const chance = (p: number) => rand() < p;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '建国', '桂英', '志强', '海燕', '玉兰'];
// A few very common full names, to make the name rule earn its keep against collisions.
const COMMON = ['王伟', '李娜', '张伟', '王芳', '李伟', '张敏'];
const TYPES: DisputeType[] = ['neighbour', 'family', 'property_management', 'labour', 'debt', 'land', 'consumer'];
const GRIDS = Array.from({ length: 25 }, (_, i) => `370785001${String(i + 1).padStart(3, '0')}`);
const STREETS = ['幸福路', '和平街', '人民路', '建设路', '朝阳街', '东风路'];
const CHINESE_NUMBER = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 0, 1);

interface Person {
  name: string;
  idNumber: string;
  phone: string;
}

let serial = 0;
function person(): Person {
  serial += 1;
  const name = chance(0.15) ? pick(COMMON) : pick(SURNAMES) + pick(GIVEN);
  const body = `3707851960${String(100000 + serial).slice(-6)}${String(serial % 10)}`.slice(0, 17);
  return { name, idNumber: `${body}${serial % 11 === 10 ? 'X' : serial % 10}`, phone: `13${String(100000000 + serial * 7919).slice(-9)}` };
}

// How each channel writes what it knows.
const spaced = (text: string) => (text.length > 1 && chance(0.3) ? `${text[0]} ${text.slice(1)}` : text);
const fullWidth = (text: string) => text.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const phoneAsTyped = (phone: string) => pick([phone, `+86 ${phone}`, `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`, fullWidth(phone)]);
const houseAsTyped = (street: string, number: number) =>
  pick([`${street}${number}号`, `${street}${CHINESE_NUMBER[number] ?? number}号`, `${street} ${number} 号`, `${street}${fullWidth(String(number))}号`]);
/** A flat (unit and room) when there is one, else the compound (院) itself. */
function addressAsTyped(place: Place): string {
  if (!place.flat) return `${houseAsTyped(place.street, place.number)}${chance(0.5) ? '院' : ''}`;
  const { unit, room } = place.flat;
  return `${houseAsTyped(place.street, place.number)}${pick([`${unit}单元${room}室`, `${CHINESE_NUMBER[unit]}单元${room}`, `${unit} 单元 ${room} 室`])}`;
}

interface Place {
  street: string;
  number: number;
  flat?: { unit: number; room: number } | undefined;
}

const CHANNELS = {
  hotline: { name: 0.95, id: 0.1, phone: 0.95, address: 0.5 },
  grid_report: { name: 1, id: 0.4, phone: 0.5, address: 0.9 },
  police: { name: 1, id: 0.95, phone: 0.7, address: 0.6 },
  petition: { name: 1, id: 0.8, phone: 0.8, address: 0.7 },
  resident_application: { name: 1, id: 1, phone: 1, address: 0.8 },
} as const;
type Channel = keyof typeof CHANNELS;

const keyOf = (text: string) => createHmac('sha256', 'bench-key').update(text).digest('base64url');

interface Truth {
  sighting: Sighting;
  disputeId: number;
}

function generate(): Truth[] {
  const out: Truth[] = [];
  // Compounds shared by several disputes: neighbours name their flats; a dispute with the property
  // company (物业) often names only the compound, which other disputes of the kind share.
  const buildings = Array.from({ length: Math.ceil(DISPUTES / 4) }, () => ({ street: pick(STREETS), number: 1 + Math.floor(rand() * 20), grid: pick(GRIDS) }));
  for (let d = 0; d < DISPUTES; d++) {
    const parties = chance(0.6) ? [person(), person()] : [person()];
    const building = pick(buildings);
    const hasPlace = chance(0.7);
    const type = pick(TYPES);
    const place: Place = { street: building.street, number: building.number, ...(type === 'property_management' && chance(0.5) ? {} : { flat: { unit: 1 + Math.floor(rand() * 6), room: 100 * (1 + Math.floor(rand() * 6)) + 1 + Math.floor(rand() * 2) } }) };
    const firstDay = Math.floor(rand() * 300);
    const times = rand() < 0.55 ? 1 : rand() < 0.5 ? 2 : rand() < 0.5 ? 3 : 4 + Math.floor(rand() * 3);
    for (let s = 0; s < times; s++) {
      const channel = pick(Object.keys(CHANNELS) as Channel[]);
      const knows = CHANNELS[channel];
      const reported: SightingParty[] = parties
        .filter((_, i) => i === 0 || chance(0.7))
        .map((p) => ({
          name: chance(knows.name) ? spaced(p.name) : '',
          ...(chance(knows.id) ? { idNumber: chance(0.2) ? p.idNumber.toLowerCase() : p.idNumber } : {}),
          ...(chance(knows.phone) ? { phone: phoneAsTyped(p.phone) } : {}),
        }));
      const at = new Date(START + (firstDay + Math.floor(rand() * 90)) * DAY_MS).toISOString();
      const keys = sightingKeys({ parties: reported, areaCode: building.grid, disputeType: type, ...(hasPlace && chance(knows.address) ? { address: addressAsTyped(place) } : {}) }, keyOf);
      out.push({ disputeId: d, sighting: { sightingId: `d${d}s${s}`, channel, at, ...keys } });
    }
  }
  return out;
}

function pairwise(groups: Sighting[][], disputeOf: Map<string, number>, truePairs: number) {
  let predicted = 0;
  let correct = 0;
  for (const group of groups) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        predicted += 1;
        if (disputeOf.get(group[i]!.sightingId) === disputeOf.get(group[j]!.sightingId)) correct += 1;
      }
    }
  }
  return { predictedPairs: predicted, correctPairs: correct, precision: predicted ? +(correct / predicted).toFixed(4) : 1, recall: truePairs ? +(correct / truePairs).toFixed(4) : 1 };
}

/**
 * What a supervisor sees of one new report: the earlier reports it is linked to directly. Link
 * precision: of those links, how many are the same dispute; link recall: of the reports that have
 * an earlier sighting of their dispute, how many are linked to at least one of them.
 */
function links(sightings: Sighting[], disputeOf: Map<string, number>) {
  const ordered = [...sightings].sort((a, b) => a.at.localeCompare(b.at));
  let made = 0;
  let right = 0;
  let repeats = 0;
  let found = 0;
  ordered.forEach((sighting, index) => {
    const earlier = ordered.slice(0, index);
    const dispute = disputeOf.get(sighting.sightingId);
    const matches = matchSighting(sighting, earlier, { windowDays: 180 });
    made += matches.length;
    const correct = matches.filter((m) => disputeOf.get(m.sightingId) === dispute).length;
    right += correct;
    if (earlier.some((e) => disputeOf.get(e.sightingId) === dispute)) {
      repeats += 1;
      if (correct > 0) found += 1;
    }
  });
  return { linkPrecision: made ? +(right / made).toFixed(4) : 1, linkRecall: repeats ? +(found / repeats).toFixed(4) : 1 };
}

async function main(): Promise<void> {
  const data = generate();
  const disputeOf = new Map(data.map((t) => [t.sighting.sightingId, t.disputeId]));
  const sizes = new Map<number, number>();
  for (const t of data) sizes.set(t.disputeId, (sizes.get(t.disputeId) ?? 0) + 1);
  const truePairs = [...sizes.values()].reduce((sum, n) => sum + (n * (n - 1)) / 2, 0);
  const sightings = data.map((t) => t.sighting);

  const variants: Array<{ name: string; without?: MatchReason }> = [
    { name: 'all rules' },
    { name: 'without same name + grid + type', without: 'same_name_grid_and_type' },
    { name: 'without same address + type', without: 'same_address_and_type' },
    { name: 'without same phone', without: 'same_phone' },
    { name: 'without same ID number', without: 'same_id_number' },
  ];
  const rows = [];
  for (const variant of variants) {
    // Leaving a rule out = hiding the keys only it reads.
    const view = sightings.map((s) => ({
      ...s,
      ...(variant.without === 'same_id_number' ? { idKeys: [] } : {}),
      ...(variant.without === 'same_phone' ? { phoneKeys: [] } : {}),
      ...(variant.without === 'same_address_and_type' ? { addressKey: undefined } : {}),
      ...(variant.without === 'same_name_grid_and_type' ? { nameKeys: [] } : {}),
    }));
    const started = performance.now();
    const groups = groupSightings(view, { windowDays: 180 });
    const ms = performance.now() - started;
    rows.push({ variant: variant.name, groups: groups.length, ms: +ms.toFixed(0), ...pairwise(groups, disputeOf, truePairs), ...links(view, disputeOf) });
  }
  // Which reasons the true links were found by (each pair of consecutive sightings of a dispute).
  const reasonCounts: Record<string, number> = {};
  for (const t of data) {
    const [, s] = t.sighting.sightingId.split('s');
    if (s === '0') continue;
    const previous = data.find((o) => o.sighting.sightingId === `d${t.disputeId}s${Number(s) - 1}`)!;
    for (const reason of matchReasons(t.sighting, previous.sighting)) reasonCounts[reason] = (reasonCounts[reason] ?? 0) + 1;
  }

  console.log(`\nRepeated-dispute matching: ${DISPUTES} disputes, ${sightings.length} sightings, ${truePairs} true pairs (seed ${SEED})\n`);
  const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
  console.log(`| rules | a new report's links: precision | links: recall | grouping: pairwise precision | grouping: pairwise recall | groups (true: ${sizes.size}) | grouping time |`);
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.variant} | ${pct(r.linkPrecision)} | ${pct(r.linkRecall)} | ${pct(r.precision)} | ${pct(r.recall)} | ${r.groups} | ${r.ms} ms |`);
  console.log(`\nTrue disputes: ${sizes.size}; reasons on consecutive sightings of one dispute: ${JSON.stringify(reasonCounts)}`);
  await fs.mkdir(path.join(import.meta.dirname, 'results'), { recursive: true });
  await fs.writeFile(path.join(import.meta.dirname, 'results', 'dispute-matching.json'), JSON.stringify({ measuredAt: new Date().toISOString(), disputes: DISPUTES, sightings: sightings.length, truePairs, seed: SEED, rows, reasonCounts }, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
