import { describe, expect, it } from 'vitest';
import { CATALOGS, LANGUAGES, pickLanguage, setLanguage, t, language } from './i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  const en = CATALOGS.en;
  it.each(LANGUAGES)('%s has exactly the English keys, each non-empty, with the same placeholders', (lang) => {
    const cat = CATALOGS[lang];
    expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(cat)) {
      expect(text.trim(), `${lang} ${key}`).not.toBe('');
      expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(en[key as keyof typeof en]));
    }
  });

  it('German texts are really translated (not copies of the English ones, apart from names)', () => {
    const same = Object.keys(en).filter((k) => CATALOGS.de[k as keyof typeof en] === en[k as keyof typeof en]);
    expect(same.sort()).toEqual(['app.language.de', 'app.language.en', 'app.name', 'chat.title', 'meeting.chat', 'meeting.videos']);
  });
});

describe('language choice', () => {
  it('takes the first preferred language we have, else English', () => {
    expect(pickLanguage(['de-DE', 'en'])).toBe('de');
    expect(pickLanguage(['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLanguage(['fr'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it('switches, fills placeholders and sets the document language', () => {
    setLanguage('de');
    expect(language()).toBe('de');
    expect(document.documentElement.lang).toBe('de');
    expect(t('announce.joined', { name: 'Anna' })).toBe('Anna ist beigetreten.');
    setLanguage('en');
    expect(t('meeting.participants', { count: 3 })).toBe('Participants (3)');
    expect(localStorage.getItem('plenum.language')).toBe('en');
  });
});
