// Every interface string is written in both languages, with the same placeholders.
import { describe, expect, it } from 'vitest';
import de from '../public/_locales/de/messages.json';
import en from '../public/_locales/en/messages.json';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, unknown> }>;

describe('locales', () => {
  it('have the same keys in English and German', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (c: Catalogue, key: string) =>
      [...c[key]!.message.matchAll(/\$[A-Z0-9_]+\$/g)].map(String).sort();
    for (const key of Object.keys(en)) {
      expect(placeholders(de as Catalogue, key), key).toEqual(placeholders(en as Catalogue, key));
    }
  });
});
