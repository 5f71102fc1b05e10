/*
 * How alarming a repeated dispute is (预警等级): blue, yellow, orange, red. A dispute seen again and
 * again, recently, through several channels (the hotline, a grid worker, the police), escalated, or
 * described with words of violence or of a crowd, rises. The Rugao seed's property dispute, five
 * sightings through three channels, is orange under the default rules; three recent reports through
 * three channels are orange too; a single report is no warning at all.
 */

export const WARNING_LEVELS = ['none', 'blue', 'yellow', 'orange', 'red'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

export interface WarningRules {
  /** Sightings older than this (before the latest) count half. */
  recentDays: number;
  /** The score from which each level starts. */
  thresholds: { blue: number; yellow: number; orange: number; red: number };
  /** Added once when any sighting's text holds one of `riskWords`. */
  riskWordsWeight: number;
  riskWords: string[];
  /** Added when the dispute was escalated to a higher tier. */
  escalationWeight: number;
}

export const DEFAULT_WARNING_RULES: WarningRules = {
  recentDays: 30,
  thresholds: { blue: 2, yellow: 3, orange: 4, red: 8 },
  riskWordsWeight: 2,
  riskWords: ['打人', '动手', '威胁', '报复', '砍', '刀', '同归于尽', '拼命', '自杀', '跳楼', '群体', '聚集', '集体上访', '堵路', '围堵', '上访'],
  escalationWeight: 1,
};

export interface DisputeSighting {
  at: string;
  channel: string;
  /** Free text of the report (its summary): read for risk words only. */
  text: string;
  escalated?: boolean | undefined;
}

/** Why a level was reached: what a supervisor reads next to it. */
export interface WarningAssessment {
  level: WarningLevel;
  score: number;
  sightings: number;
  recentSightings: number;
  channels: string[];
  escalated: boolean;
  riskWords: string[];
}

const DAY_MS = 86_400_000;

export function assessDispute(sightings: readonly DisputeSighting[], rules: WarningRules = DEFAULT_WARNING_RULES): WarningAssessment {
  const latest = Math.max(...sightings.map((s) => Date.parse(s.at)));
  const recentFrom = latest - rules.recentDays * DAY_MS;
  const recentSightings = sightings.filter((s) => Date.parse(s.at) >= recentFrom).length;
  const channels = [...new Set(sightings.map((s) => s.channel))].sort();
  const escalated = sightings.some((s) => s.escalated);
  const riskWords = rules.riskWords.filter((word) => sightings.some((s) => s.text.includes(word)));
  const count = recentSightings + (sightings.length - recentSightings) / 2;
  // One report alone is no warning, whatever it says: a warning is about repetition.
  const score =
    sightings.length < 2 ? count : count + Math.max(0, channels.length - 1) + (escalated ? rules.escalationWeight : 0) + (riskWords.length > 0 ? rules.riskWordsWeight : 0);
  return { level: levelOf(score, rules), score, sightings: sightings.length, recentSightings, channels, escalated, riskWords };
}

function levelOf(score: number, rules: WarningRules): WarningLevel {
  const { blue, yellow, orange, red } = rules.thresholds;
  if (score >= red) return 'red';
  if (score >= orange) return 'orange';
  if (score >= yellow) return 'yellow';
  if (score >= blue) return 'blue';
  return 'none';
}

export const isHigherLevel = (next: WarningLevel, previous: WarningLevel): boolean => WARNING_LEVELS.indexOf(next) > WARNING_LEVELS.indexOf(previous);
