// The matcher's rules on small made-up packs, one rule at a time.
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../utils/detect/gazetteer';
import { detectMentions } from '../../utils/detect/resolve';
import { foldKey } from '../../utils/detect/text';
import type { Entity } from '../../utils/knowledge/types';

const source = { pack: 'test', title: { en: 'Test' }, version: '1.0.0', asOf: '2025-06' };

function entity(id: string, type: Entity['type'], label: string, extra: Partial<Entity> = {}): Entity {
  return { id, type, labels: { en: label }, description: { en: label, de: label }, source, ...extra };
}

const PACK: Entity[] = [
  entity('t:nvidia', 'company', 'Nvidia'),
  entity('t:h20', 'product', 'Nvidia H20', { aliases: { en: ['H20'] } }),
  entity('t:tsmc', 'company', 'TSMC'),
  entity('t:us', 'place', 'United States', { aliases: { en: ['US', 'USA'] } }),
  entity('t:eu', 'organization', 'European Union', { aliases: { en: ['EU'], de: ['EU-Parlament'] } }),
  entity('t:sanchez', 'person', 'Pedro Sánchez'),
  entity('t:huang', 'person', 'Jensen Huang'),
  entity('t:wang-a', 'person', 'Wang Wentao', { short: ['Wang'] }),
  entity('t:wang-b', 'person', 'Wang Qishan', { short: ['Wang'] }),
  entity('t:macron', 'person', 'Emmanuel Macron'),
  entity('t:germany', 'place', 'Germany', { labels: { en: 'Germany', fr: 'Allemagne', de: 'Deutschland' } }),
  entity('t:apple', 'company', 'Apple', { evidence: { words: { en: ['iPhone', 'shares'] } } }),
  entity('t:rome', 'place', 'Rome', { evidence: { words: { en: ['Italy'] }, against: { en: ['apple', 'apples'] } } }),
  entity('t:tesla', 'company', 'Tesla', { related: ['t:musk'], evidence: { words: { en: ['carmaker'] } } }),
  entity('t:musk', 'person', 'Elon Musk'),
  entity('t:sky', 'company', 'Sky', { evidence: { words: { en: ['pay-TV'], nl: ["auto's"], fr: ['AT&T'] } } }),
  entity('t:ny', 'place', 'New York'),
  entity('t:nyt', 'organization', 'New York Times'),
];
const gazetteer = Gazetteer.fromEntities(PACK);

function detect(text: string | string[], lang = 'en') {
  const blocks = Array.isArray(text) ? text : [text];
  const { mentions } = detectMentions(gazetteer, blocks, { lang, named: [], confirmed: [] });
  return mentions.map((m) => [blocks[m.block]!.slice(m.start, m.end), m.entityId]);
}

describe('forms of a name', () => {
  it('matches on Unicode word boundaries only', () => {
    expect(detect('Nvidia and Nvidiax and xNvidia and Straße-Nvidia')).toEqual([
      ['Nvidia', 't:nvidia'],
      ['Nvidia', 't:nvidia'],
    ]);
    // "É" and "ø" are letters (JavaScript's \b would say otherwise): no match in "ÉNvidia" or "Nvidiaø".
    expect(detect('ÉNvidia, Nvidiaø, Nvidia.')).toEqual([['Nvidia', 't:nvidia']]);
  });

  it('keeps acronyms and codes to the case they are written in', () => {
    expect(detect('TSMC makes the H20 for the US, but tsmc and h20 and us are not names.')).toEqual([
      ['TSMC', 't:tsmc'],
      ['H20', 't:h20'],
      ['US', 't:us'],
    ]);
  });

  it('finds names in a headline set in capitals, but not lower-cased words', () => {
    expect(detect('NVIDIA AND JENSEN HUANG')).toEqual([
      ['NVIDIA', 't:nvidia'],
      ['JENSEN HUANG', 't:huang'],
    ]);
    expect(detect('the nvidia driver')).toEqual([]);
  });

  it('folds diacritics: "Sanchez" finds Sánchez', () => {
    expect(detect('Pedro Sanchez spoke.')).toEqual([['Pedro Sanchez', 't:sanchez']]);
  });

  it('keeps letters of scripts without diacritics whole: 김민석 is not 김문수', () => {
    expect(foldKey('김민석')).not.toBe(foldKey('김문수'));
    expect(foldKey('Sánchez')).toBe('sanchez');
    const korean = Gazetteer.fromEntities([
      entity('t:kim-min-seok', 'person', 'Kim Min-seok', { aliases: { ko: ['김민석'] } }),
      entity('t:kim-moon-soo', 'person', 'Kim Moon-soo', { aliases: { ko: ['김문수'] } }),
    ]);
    const { mentions } = detectMentions(korean, ['김문수 후보가 말했다.'], { lang: 'ko', named: [], confirmed: [] });
    expect(mentions.map((m) => m.entityId)).toEqual(['t:kim-moon-soo']);
  });

  it('takes the German genitive by the page language only', () => {
    expect(detect('Nvidias Chef', 'de')).toEqual([['Nvidias', 't:nvidia']]);
    expect(detect('Nvidias Chef', 'en')).toEqual([]);
  });

  it('leaves possessives, elision and hyphenated compounds outside the mention', () => {
    expect(detect("Nvidia's and Nvidia’s chips")).toEqual([
      ['Nvidia', 't:nvidia'],
      ['Nvidia', 't:nvidia'],
    ]);
    expect(detect("la politique d'Emmanuel Macron et l'Allemagne", 'fr')).toEqual([
      ['Emmanuel Macron', 't:macron'],
      ['Allemagne', 't:germany'],
    ]);
    expect(detect('Der Nvidia-CEO und die H20-Chips', 'de')).toEqual([
      ['Nvidia', 't:nvidia'],
      ['H20', 't:h20'],
    ]);
  });

  it('prefers the whole compound when the pack knows it', () => {
    expect(detect('Das EU-Parlament und die EU-Kommission', 'de')).toEqual([
      ['EU-Parlament', 't:eu'],
      ['EU', 't:eu'],
    ]);
  });

  it('reads a name across line breaks and several spaces as one', () => {
    expect(detect('Jensen\n   Huang')).toEqual([['Jensen\n   Huang', 't:huang']]);
  });

  it('lets the longest match win', () => {
    expect(detect('The New York Times reported from New York.')).toEqual([
      ['New York Times', 't:nyt'],
      ['New York', 't:ny'],
    ]);
  });
});

describe('within a page', () => {
  it('resolves a surname to the person named in full on the page', () => {
    expect(detect(['Jensen Huang arrived.', 'Later, Huang spoke.'])).toEqual([
      ['Jensen Huang', 't:huang'],
      ['Huang', 't:huang'],
    ]);
  });

  it('leaves a surname alone when no one of that name is on the page', () => {
    expect(detect('Huang spoke.')).toEqual([]);
  });

  it('leaves a shared surname unmarked rather than guessing', () => {
    expect(detect('Wang Wentao met Wang Qishan. Wang said little.')).toEqual([
      ['Wang Wentao', 't:wang-a'],
      ['Wang Qishan', 't:wang-b'],
    ]);
    expect(detect('Wang Wentao arrived. Wang said little.')).toEqual([
      ['Wang Wentao', 't:wang-a'],
      ['Wang', 't:wang-a'],
    ]);
  });

  it('carries what the page named across batches of text', () => {
    const first = detectMentions(gazetteer, ['Jensen Huang arrived.'], { lang: 'en', named: [], confirmed: [] });
    const later = detectMentions(gazetteer, ['Huang spoke.'], first.context);
    expect(later.mentions.map((m) => m.entityId)).toEqual(['t:huang']);
  });
});

describe('precision', () => {
  it('marks names that are ordinary words only with evidence', () => {
    expect(detect('She baked an apple pie.')).toEqual([]);
    expect(detect('Apple pie is sweet.')).toEqual([]);
    expect(detect('Apple sold more iPhone models.')).toEqual([['Apple', 't:apple']]);
  });

  it('reads evidence written with hyphens, apostrophes or ampersands as the phrase it is', () => {
    expect(detect('Under a Clear Sky at last.')).toEqual([]);
    expect(detect('The broadcaster Sky sells pay-TV packages.')).toEqual([['Sky', 't:sky']]);
    expect(detect("De zender Sky toont auto's.", 'nl')).toEqual([['Sky', 't:sky']]);
    expect(detect('Le groupe Sky négocie avec AT&T.', 'fr')).toEqual([['Sky', 't:sky']]);
  });

  it('takes a related entity on the page as evidence', () => {
    expect(detect('Shares of Tesla rose.')).toEqual([]);
    expect(detect(['Elon Musk spoke.', 'Shares of Tesla rose.'])).toEqual([
      ['Elon Musk', 't:musk'],
      ['Tesla', 't:tesla'],
    ]);
    // At the start of a sentence the capital proves nothing, so a related entity is not enough.
    expect(detect(['Elon Musk spoke.', 'Tesla rose.'])).toEqual([['Elon Musk', 't:musk']]);
  });

  it('lets words against an entity veto it', () => {
    expect(detect('Rome apples are tart.')).toEqual([]);
    expect(detect('Rome is the capital of Italy.')).toEqual([['Rome', 't:rome']]);
  });

  it('rules out a name where the page writes a form the pack declares is not it', () => {
    const pack = Gazetteer.fromEntities([
      entity('t:bild', 'work', 'Bild', { notNames: { de: ['Bild:'] } }),
      entity('t:nl', 'place', 'Nederland', { notNames: { nl: ['Nederlands'] } }),
    ]);
    const found = (text: string, lang: string) =>
      detectMentions(pack, [text], { lang, named: [], confirmed: ['t:bild', 't:nl'] }).mentions.map((m) =>
        text.slice(m.start, m.end),
      );
    // A photo credit: "Bild:" covers the name, so the newspaper is not meant.
    expect(found('Das Verlagshaus in Berlin. Bild: Till Hansen', 'de')).toEqual([]);
    expect(found('Die Bild berichtete am Montag.', 'de')).toEqual(['Bild']);
    // The language, not the genitive of the country; the country itself still counts.
    expect(found('De verklaring is in het Nederlands te lezen.', 'nl')).toEqual([]);
    expect(found('Nederland wil laten zien dat het trouw blijft.', 'nl')).toEqual(['Nederland']);
  });

  it('reads an acronym that is a common word as the word in a line set in capitals', () => {
    const itu = Gazetteer.fromEntities([entity('t:itu', 'organization', 'ITU', { aliases: { fr: ['UIT'] } })]);
    const found = (text: string, lang: string) =>
      detectMentions(itu, [text], { lang, named: [], confirmed: [] }).mentions.map((m) => m.entityId);
    expect(found('ASML VOELT DRUK UIT WASHINGTON EN CHINA', 'nl')).toEqual([]);
    expect(found('Het UIT vergadert in Genève.', 'nl')).toEqual(['t:itu']);
    expect(found('LE SOMMET DE L’UIT À GENÈVE', 'fr')).toEqual(['t:itu']);
  });

  it('marks nothing inside URLs or e-mail addresses', () => {
    expect(detect('See https://nvidia.com/Nvidia-H20 or write to Nvidia@press.example.com about Nvidia.')).toEqual([
      ['Nvidia', 't:nvidia'],
    ]);
  });

  it('gives every mention a confidence at or above the threshold', () => {
    const { mentions } = detectMentions(gazetteer, ['Nvidia and the H20; Jensen Huang, later Huang.'], {
      lang: 'en',
      named: [],
      confirmed: [],
    });
    expect(mentions.length).toBe(4);
    for (const m of mentions) expect(m.confidence).toBeGreaterThanOrEqual(0.5);
  });
});
