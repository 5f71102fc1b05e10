import { DEFAULT_MATCH_RULES } from '../domain/dispute-matching.ts';
import { DEFAULT_WARNING_RULES } from '../domain/warning-levels.ts';
import { WarningSettingsSchema, type WarningSettings } from '../protocol/warnings.ts';
import type { KeyValueStore } from '../store/store.ts';

const KEY = 'settings:warning';

export const DEFAULT_WARNING_SETTINGS: WarningSettings = {
  matchWindowDays: DEFAULT_MATCH_RULES.windowDays,
  levels: DEFAULT_WARNING_RULES,
  workOrder: { openAt: 'orange', deadlineWorkingDays: 5 },
};

/** The deployment's warning rules (#15), kept in the store so an admin tunes them without a restart. */
export class WarningSettingsStore {
  constructor(private readonly kv: KeyValueStore) {}

  async get(): Promise<WarningSettings> {
    const stored = await this.kv.get<unknown>(KEY);
    // Stored settings were checked when saved; a record that no longer parses falls back rather than stopping the matching.
    const parsed = stored === undefined ? undefined : WarningSettingsSchema.safeParse(stored);
    return parsed?.success ? parsed.data : DEFAULT_WARNING_SETTINGS;
  }

  async set(settings: WarningSettings): Promise<WarningSettings> {
    await this.kv.set(KEY, settings);
    return settings;
  }
}
