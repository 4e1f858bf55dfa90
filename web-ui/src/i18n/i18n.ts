// Message catalogs (German and English), chosen by the browser's languages, switchable, remembered.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, type MessageKey } from './messages-en';
import { de } from './messages-de';

export type Language = 'de' | 'en';
export const LANGUAGES: readonly Language[] = ['de', 'en'];
export const CATALOGS: Record<Language, Record<MessageKey, string>> = { de, en };
export type { MessageKey };

const STORAGE_KEY = 'plenum.language';
const listeners = new Set<() => void>();
let current: Language = 'en';

/** The first of the browser's preferred languages that we have, else English. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if ((LANGUAGES as readonly string[]).includes(base)) return base as Language;
  }
  return 'en';
}

export function initLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // storage may be blocked; the browser language decides then
  }
  const lang = stored && (LANGUAGES as readonly string[]).includes(stored) ? (stored as Language) : pickLanguage(navigator.languages ?? [navigator.language]);
  setLanguage(lang, false);
  return lang;
}

export function language(): Language {
  return current;
}

export function setLanguage(lang: Language, remember = true): void {
  current = lang;
  document.documentElement.lang = lang;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // not remembered; still switched
    }
  }
  for (const l of [...listeners]) l();
}

export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The message for a key with `{name}` placeholders filled in. Unknown keys show as themselves. */
export function t(key: MessageKey, params: Record<string, string | number> = {}, lang: Language = current): string {
  const template = CATALOGS[lang][key] ?? CATALOGS.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Re-renders a component when the language changes. */
export class I18nController implements ReactiveController {
  private off: (() => void) | null = null;
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    this.off = onLanguageChange(() => this.host.requestUpdate());
  }
  hostDisconnected(): void {
    this.off?.();
  }
}

/** Plugin messages: `{ de: {...}, en: {...} }` given by the plugin, looked up in the current language. */
export function pluginTranslator(catalogs: Partial<Record<Language, Record<string, string>>>) {
  return (key: string, params: Record<string, string | number> = {}) => {
    const template = catalogs[current]?.[key] ?? catalogs.en?.[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
