import { describe, expect, it } from 'vitest';
import { interpolate, placeholders } from '../src/common/i18n/core';
import { commonDe, commonEn } from '../src/common/i18n/messages';
import { de } from '../src/i18n/de';
import { en } from '../src/i18n/en';

describe('help-seeker app dictionaries', () => {
  it('has an English text for every German key, and no extra ones', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(de) as Array<keyof typeof de>) {
      expect(placeholders(en[key]), key).toEqual(placeholders(de[key]));
    }
  });

  it('has no empty texts', () => {
    for (const [key, text] of [...Object.entries(de), ...Object.entries(en)])
      expect(text.trim(), key).not.toBe('');
  });

  it('includes every common message', () => {
    for (const key of Object.keys(commonDe)) {
      expect(de).toHaveProperty([key]);
      expect(commonEn).toHaveProperty([key]);
    }
  });
});

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Hallo {name}, {n} neue', { name: 'Kim', n: 2 })).toBe('Hallo Kim, 2 neue');
    expect(interpolate('Hallo {name}')).toBe('Hallo {name}');
  });
});
