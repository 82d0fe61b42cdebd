import { describe, expect, it } from 'vitest';
import { entityAsText, wikipediaUrl } from '../../utils/knowledge/entity-links';
import type { Entity } from '../../utils/knowledge/types';

const huang: Entity = {
  id: 'news:jensen-huang',
  type: 'person',
  labels: { en: 'Jensen Huang', de: 'Jensen Huang' },
  description: { en: 'Co-founder and CEO of Nvidia', de: 'Mitgründer und Chef von Nvidia' },
  wikipedia: { en: 'Jensen Huang', de: 'Jensen Huang' },
  source: { pack: 'news', title: { en: 'News' }, version: '1', asOf: '2025-06' },
};

describe('wikipediaUrl', () => {
  it("links the article in the page's language, with underscores for spaces", () => {
    expect(wikipediaUrl(huang, 'de')).toBe('https://de.wikipedia.org/wiki/Jensen_Huang');
  });

  it('falls back to English, then to any language the pack names', () => {
    expect(wikipediaUrl(huang, 'fr')).toBe('https://en.wikipedia.org/wiki/Jensen_Huang');
    expect(wikipediaUrl({ ...huang, wikipedia: { fr: 'Élysée' } }, 'de')).toBe(
      'https://fr.wikipedia.org/wiki/%C3%89lys%C3%A9e',
    );
  });

  it('keeps slashes and colons of titles and encodes what could break out of the path', () => {
    expect(wikipediaUrl({ ...huang, wikipedia: { en: 'AC/DC: Live?#x' } }, 'en')).toBe(
      'https://en.wikipedia.org/wiki/AC/DC:_Live%3F%23x',
    );
  });

  it('is null without a title, or with a language code that is not one', () => {
    expect(wikipediaUrl({ ...huang, wikipedia: undefined }, 'de')).toBeNull();
    expect(wikipediaUrl({ ...huang, wikipedia: { 'evil.example/x': 'Page' } }, 'de')).toBeNull();
  });
});

describe('entityAsText', () => {
  it('puts name, description and source on their own lines', () => {
    expect(entityAsText(huang, 'de', 'News, Stand 2025-06')).toBe(
      'Jensen Huang\nMitgründer und Chef von Nvidia\nNews, Stand 2025-06',
    );
  });

  it('leaves out a missing description', () => {
    expect(entityAsText({ ...huang, description: {} }, 'en', 'News')).toBe('Jensen Huang\nNews');
  });
});
