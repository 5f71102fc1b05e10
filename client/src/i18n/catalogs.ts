import type { MessageKey } from './messages.ts';
import { baseZh } from './messages-base.ts';
import { commonZh } from './messages-common.ts';
import { joinZh } from './messages-join.ts';
import { outcomeZh } from './messages-outcome.ts';
import { roomZh } from './messages-room.ts';
import { sessionEndZh } from './messages-session-end.ts';

/*
 * Message catalogs load in groups, with the pages that use them. Only the resident group's Chinese
 * is in the first download: the invitation link, the door and the room. Staff texts, the
 * dashboard's, and every English catalog come from the network when a page or the language asks.
 */

export type Language = 'zh-CN' | 'en';
export type CatalogGroup = 'resident' | 'staff' | 'agreement' | 'confirmation' | 'dashboard' | 'intake' | 'ledger' | 'survey';
type Catalog = Partial<Record<MessageKey, string>>;

const merge = async (parts: Array<Promise<Record<string, unknown>>>): Promise<Catalog> => Object.assign({}, ...(await Promise.all(parts)).flatMap((module) => Object.values(module))) as Catalog;

const residentZh: Catalog = { ...baseZh, ...commonZh, ...joinZh, ...roomZh, ...sessionEndZh, ...outcomeZh };

const loaders: Record<CatalogGroup, Record<Language, () => Promise<Catalog>>> = {
  resident: {
    'zh-CN': async () => residentZh,
    en: () => merge([import('./messages-base.en.ts'), import('./messages-common.en.ts'), import('./messages-join.en.ts'), import('./messages-room.en.ts'), import('./messages-session-end.en.ts'), import('./messages-outcome.en.ts')]),
  },
  staff: {
    'zh-CN': () => merge([import('./messages-staff.ts'), import('./messages-cases.ts'), import('./messages-host.ts'), import('./messages-dispatch.ts')]),
    en: () => merge([import('./messages-staff.en.ts'), import('./messages-cases.en.ts'), import('./messages-host.en.ts'), import('./messages-dispatch.en.ts')]),
  },
  agreement: { 'zh-CN': () => merge([import('./messages-agreement.ts')]), en: () => merge([import('./messages-agreement.en.ts')]) },
  confirmation: { 'zh-CN': () => merge([import('./messages-confirmation.ts')]), en: () => merge([import('./messages-confirmation.en.ts')]) },
  dashboard: { 'zh-CN': () => merge([import('./messages-dashboard.ts')]), en: () => merge([import('./messages-dashboard.en.ts')]) },
  intake: { 'zh-CN': () => merge([import('./messages-intake.ts')]), en: () => merge([import('./messages-intake.en.ts')]) },
  ledger: { 'zh-CN': () => merge([import('./messages-ledger.ts')]), en: () => merge([import('./messages-ledger.en.ts')]) },
  survey: { 'zh-CN': () => merge([import('./messages-survey.ts')]), en: () => merge([import('./messages-survey.en.ts')]) },
};

const ALL_GROUPS = Object.keys(loaders) as CatalogGroup[];

const STORAGE_KEY = 'mediation-room.language';
let active: Language = globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';

const texts: Record<Language, Catalog> = { 'zh-CN': { ...residentZh }, en: {} };
const loaded: Record<Language, Set<CatalogGroup>> = { 'zh-CN': new Set(['resident']), en: new Set() };
const pending = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();
let version = 0;

export const activeLanguage = (): Language => active;

function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
}

/** Loads groups (once each), in the language on screen unless told; pages await this with their own code. */
export function loadCatalogs(groups: readonly CatalogGroup[], language: Language = active): Promise<void> {
  return Promise.all(
    groups.map((group) => {
      if (loaded[language].has(group)) return undefined;
      const key = `${language}:${group}`;
      let loading = pending.get(key);
      if (!loading) {
        loading = loaders[group][language]().then((catalog) => {
          Object.assign(texts[language], catalog);
          loaded[language].add(group);
          pending.delete(key);
          changed();
        });
        pending.set(key, loading);
      }
      return loading;
    }),
  ).then(() => undefined);
}

/** Switches once every group already on screen is loaded in the new language, so no text goes blank. */
export async function switchLanguage(next: Language): Promise<void> {
  await loadCatalogs([...loaded[active]], next);
  globalThis.localStorage?.setItem(STORAGE_KEY, next);
  active = next;
  changed();
}

let healing = false;

/**
 * The text of `key` in `language`, or undefined while its group is not loaded. A miss means some
 * page used a group it did not ask for: every group is then loaded (the page re-renders when they
 * arrive) and the miss is reported, so tests catch it.
 */
export function lookup(language: Language, key: MessageKey): string | undefined {
  const text = texts[language][key];
  if (text !== undefined) return text;
  console.warn(`[i18n] "${key}" (${language}) was used before its catalog was loaded`);
  if (!healing) {
    healing = true;
    void loadCatalogs(ALL_GROUPS, language).finally(() => {
      healing = false;
    });
  }
  return undefined;
}

export function subscribeCatalogs(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const catalogsVersion = (): number => version;
