import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A dictionary: message key → text with `{name}` placeholders. */
export type Dictionary = Readonly<Record<string, string>>;

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'beratung.locale';

/** Replaces `{name}` placeholders; unknown placeholders stay visible so they get noticed. */
export function interpolate(text: string, vars: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

/** The placeholder names a message uses (the i18n tests compare them between locales). */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'de' || stored === 'en') return stored;
  } catch {
    // Storage may be blocked; German is the default.
  }
  return 'de';
}

interface I18nValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  translate(key: string, vars?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18nValue | undefined>(undefined);

export function I18nProvider({
  messages,
  children,
}: {
  messages: Record<Locale, Dictionary>;
  children: ReactNode;
}) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered then; the switch still works for this page.
    }
  }, []);

  const translate = useCallback(
    (key: string, vars?: Record<string, string | number>) => {
      const text = messages[locale][key] ?? messages.de[key];
      if (text === undefined) {
        if (import.meta.env.DEV) console.warn(`Missing message: ${key}`);
        return key;
      }
      return interpolate(text, vars);
    },
    [locale, messages],
  );

  const value = useMemo(() => ({ locale, setLocale, translate }), [locale, setLocale, translate]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** A typed `t` for one dictionary's keys (each app and the common components have one). */
export function useTranslate<K extends string>(): Translate<K> {
  return useI18n().translate;
}
