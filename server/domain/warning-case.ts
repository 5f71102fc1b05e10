import type { MatchReason } from './dispute-matching.ts';
import type { WarningLevel } from './warning-levels.ts';

/**
 * What a case's log says when the dispute it belongs to changes level (#15). It names the other
 * cases by id and why they were linked, with the counts and channels the level came from: the
 * keyed hashes the matching works on never leave the sightings index.
 */
export interface WarningLevelChange {
  warningId: string;
  level: WarningLevel;
  previousLevel: WarningLevel;
  score: number;
  sightings: number;
  recentSightings: number;
  channels: string[];
  escalated: boolean;
  /** Risk words found in the summaries (threats, crowds): words of the rules, not of the parties. */
  riskWords: string[];
  linkedCaseIds: string[];
  /** Each link of the group: `caseId` matched the earlier `withCaseId` for `reasons`. */
  matches: Array<{ caseId: string; withCaseId: string; reasons: MatchReason[] }>;
}
