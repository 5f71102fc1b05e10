import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { activeLanguage, catalogsVersion, lookup, subscribeCatalogs, switchLanguage, type Language } from './catalogs.ts';
import type { MessageKey } from './messages.ts';

export type { Language } from './catalogs.ts';
export type MessageParams = Record<string, string | number>;

interface I18n {
  language: Language;
  /** The text of `key`; `{name}` placeholders are filled from `params`. */
  t: (key: MessageKey, params?: MessageParams) => string;
  setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function fill(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const setLanguage = (next: Language) => void switchLanguage(next);

export function I18nProvider({ children }: { children: ReactNode }) {
  // Re-renders when a catalog arrives or the language changes (both bump the version).
  const version = useSyncExternalStore(subscribeCatalogs, catalogsVersion);
  const language = activeLanguage();
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` on purpose, as `lookup` reads catalogs that grew since the last render
  const value = useMemo<I18n>(() => ({ language, setLanguage, t: (key, params) => fill(lookup(language, key) ?? '', params) }), [language, version]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
