/**
 * Deterministic synthetic data for the benchmark: gazetteers of realistic names (people with
 * names from many languages, companies, acronyms, product codes, places with diacritics) and
 * news-like texts that mention some of them. Generated, not stored: sizes up to 100,000 names and
 * 1 MB of text are made in a blink and are the same on every run.
 */
import type { Entity, EntityType } from '../../utils/knowledge/types';

/** Mulberry32: a tiny seeded generator, so every run measures the same data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Anna',
  'Jens',
  'Søren',
  'Åsa',
  'Björn',
  'Zoë',
  'François',
  'Hélène',
  'José',
  'María',
  'Núria',
  'João',
  'Małgorzata',
  'Łukasz',
  'Jiří',
  'Dvořák',
  'Ömer',
  'Şebnem',
  'Ayşe',
  'Kenji',
  'Yuki',
  'Wei',
  'Li',
  'Min-jun',
  'Olusegun',
  'Chidi',
  'Aditya',
  'Priya',
  'Rafael',
  'Giulia',
  'Matteo',
  'Lotte',
  'Daan',
  'Ingrid',
  'Éric',
  'Chloé',
  'Grzegorz',
  'Tomás',
  'Aoife',
  'Siobhán',
  'Nikolaos',
  'Eleni',
  'Dmitri',
  'Olga',
  'Ahmed',
  'Fatima',
];
const LAST = [
  'Müller',
  'Schröder',
  'Østergaard',
  'Lindqvist',
  'Nørgaard',
  'Dubois',
  'Lefèvre',
  'García',
  'Muñoz',
  'Gonçalves',
  'Wiśniewski',
  'Kowalczyk',
  'Novák',
  'Yılmaz',
  'Öztürk',
  'Tanaka',
  'Suzuki',
  'Zhang',
  'Wang',
  'Kim',
  'Okafor',
  'Adeyemi',
  'Sharma',
  'Iyer',
  'Rossi',
  'Bianchi',
  'de Vries',
  'van den Berg',
  'Jansen',
  'Johansson',
  'Ó Briain',
  'Papadopoulos',
  'Ivanov',
  'Petrova',
  'Haddad',
  'Nasser',
  'Fernández',
  'Čapek',
];
const STEMS = [
  'Nord',
  'Sol',
  'Aurora',
  'Vértice',
  'Kraft',
  'Lumen',
  'Orbis',
  'Helix',
  'Quanta',
  'Brück',
  'Stern',
  'Fjord',
  'Cobalt',
  'Meridian',
  'Atlas',
  'Zenit',
  'Tessera',
  'Nimbus',
  'Polar',
  'Verde',
  'Ardent',
  'Kairo',
];
const COMPANY_SUFFIX = [
  'AG',
  'SE',
  'GmbH',
  'Holdings',
  'Technologies',
  'Group',
  'S.A.',
  'S.p.A.',
  'N.V.',
  'Inc.',
  'Energie',
  'Systems',
];
const PLACE_PARTS = [
  'Tromsø',
  'Ålesund',
  'Zürich',
  'Łódź',
  'Kraków',
  'Český',
  'Brăila',
  'São',
  'Göteborg',
  'Málaga',
  'Köln',
  'Île',
  'Besançon',
  'Szeged',
  'Pécs',
  'Hveragerði',
  'Reykjavík',
  'Ærø',
  'Niš',
  'Şanlıurfa',
  'Düsseldorf',
];
const PLACE_SUFFIX = ['', ' Nord', ' Süd', '-sur-Mer', ' am See', ' del Mar', ' Krumlov', ' Paulo', 'berg', 'stad'];

const WORDS = (
  'the government said on Monday that talks would continue after the summit while markets fell and ' +
  'analysts expected higher rates for the rest of the year in a statement the company confirmed plans ' +
  'to expand production although critics warned about costs and delays der Konzern kündigte an dass ' +
  'die Regierung weitere Gespräche führen werde le ministre a déclaré que les négociations reprendraient ' +
  'el presidente dijo que la economía crecerà il governo ha detto che het kabinet liet weten dat'
).split(' ');

function pick<T>(list: readonly T[], next: () => number): T {
  return list[Math.floor(next() * list.length)]!;
}

/** `count` distinct entities with realistic names and a mix of kinds. */
export function syntheticEntities(count: number, seed = 1): Entity[] {
  const next = random(seed);
  const out: Entity[] = [];
  const names = new Set<string>();
  const source = { pack: 'bench', title: { en: 'Benchmark' }, version: '1.0.0', asOf: '2026-11' };
  let attempt = 0;
  while (out.length < count) {
    attempt++;
    const kind = attempt % 10;
    let name: string;
    let type: EntityType;
    if (kind < 4) {
      type = 'person';
      name = `${pick(FIRST, next)} ${next() < 0.2 ? `${pick(FIRST, next)} ` : ''}${pick(LAST, next)}`;
    } else if (kind < 6) {
      type = 'company';
      name = `${pick(STEMS, next)}${pick(STEMS, next).toLowerCase()} ${pick(COMPANY_SUFFIX, next)}`;
    } else if (kind < 7) {
      type = 'organization';
      const letters = 3 + Math.floor(next() * 3);
      name = Array.from({ length: letters }, () => String.fromCharCode(65 + Math.floor(next() * 26))).join('');
    } else if (kind < 8) {
      type = 'product';
      name = `${String.fromCharCode(65 + Math.floor(next() * 26))}${Math.floor(next() * 9000) + 10}${next() < 0.3 ? ' Pro' : ''}`;
    } else {
      type = 'place';
      name = `${pick(PLACE_PARTS, next)}${pick(PLACE_SUFFIX, next)}${next() < 0.5 ? ` ${pick(STEMS, next)}` : ''}`;
    }
    if (names.has(name)) {
      // Past the combinations of the word lists, a number keeps names distinct and realistic ("Atlas 7").
      name = `${name} ${out.length}`;
      if (names.has(name)) continue;
    }
    names.add(name);
    out.push({
      id: `bench:${out.length}`,
      type,
      labels: { en: name },
      description: { en: `${type} ${out.length}`, de: `${type} ${out.length}` },
      source,
    });
  }
  return out;
}

/**
 * About `bytes` of news-like text in paragraphs, where roughly one word in forty is a name from
 * `entities`.
 */
export function syntheticText(bytes: number, entities: readonly Entity[], seed = 2): string[] {
  const next = random(seed);
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes) {
    const words: string[] = [];
    const length = 40 + Math.floor(next() * 80);
    for (let i = 0; i < length; i++) {
      if (next() < 0.025 && entities.length > 0) words.push(pick(entities, next).labels.en!);
      else words.push(pick(WORDS, next));
    }
    const paragraph = `${words.join(' ')}.`;
    paragraphs.push(paragraph);
    size += paragraph.length + 1;
  }
  return paragraphs;
}
