import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, zhCN, type MessageKey } from './messages.ts';

export type Language = 'zh-CN' | 'en';
export type MessageParams = Record<string, string | number>;
const catalogs: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'mediation-room.language';

interface I18n {
  language: Language;
  /** The text of `key`; `{name}` placeholders are filled from `params`. */
  t: (key: MessageKey, params?: MessageParams) => string;
  setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

function fill(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => ({ language, setLanguage, t: (key, params) => fill(catalogs[language][key] ?? key, params) }), [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
