/** The shapes of knowledge as the extension stores and serves it. */

export const ENTITY_TYPES = [
  'person',
  'organization',
  'company',
  'product',
  'place',
  'event',
  'work',
  'other',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A two-letter language code ("en", "de", "zh"); `und` where it is not known. */
export type Lang = string;

export const FACT_KEYS = [
  'born',
  'died',
  'nationality',
  'role',
  'office',
  'party',
  'employer',
  'founded',
  'founders',
  'ceo',
  'headquarters',
  'industry',
  'country',
  'capital',
  'population',
  'maker',
  'released',
  'architecture',
  'memberOf',
  'website',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

export interface Fact {
  key: FactKey;
  value: string;
  /** When the fact was true: YYYY, YYYY-MM or YYYY-MM-DD. */
  asOf?: string;
}

export interface EntitySource {
  pack: string;
  /** The pack's name per language, for "News pack, as of 2025-06" on cards. */
  title: Record<Lang, string>;
  version: string;
  asOf: string;
}

export interface Entity {
  /** Stable: 'wd:Q…' where the Wikidata id is known, else '<pack>:<slug>'. */
  id: string;
  type: EntityType;
  labels: Record<Lang, string>;
  aliases?: Record<Lang, string[]>;
  /** People only: surnames or short forms that refer to the person once named in full on a page. */
  short?: string[];
  /**
   * Every form of the entity matches only as written. Acronyms and codes ("TSMC", "H20") need no
   * flag: a form without lower-case letters always matches only as written.
   */
  caseSensitive?: boolean;
  /**
   * Names that are also ordinary words or other things are marked only with evidence: one of
   * these words near the mention, or a related entity on the same page. Words `against` veto the
   * mention when they stand near it ("apple" beside "Rome", "river" beside "Amazon").
   */
  evidence?: { words: Record<Lang, string[]>; against?: Record<Lang, string[]> };
  /**
   * Words that look like a form of the name but are other words: Dutch "Nederlands" (the
   * language) is not "Nederland" with a genitive s.
   */
  notNames?: Record<Lang, string[]>;
  description: Record<Lang, string>;
  summary?: Record<Lang, string>;
  facts?: Fact[];
  related?: string[];
  wikipedia?: Record<Lang, string>;
  source: EntitySource;
}

export interface PackInfo {
  id: string;
  title: Record<Lang, string>;
  version: string;
  asOf: string;
}

/** What the build ships in public/packs/: the pack's header and its entities, ready to import. */
export interface CompiledPack extends PackInfo {
  format: 1;
  entities: Entity[];
  /**
   * In the shipped file only: each entity's content hash (aligned with `entities`) and the hash
   * of what the matcher needs, computed at build time so an update compares without hashing.
   * The shipped entities also leave out `source`, which the importer sets from the pack header.
   */
  hashes?: string[];
  matcherHash?: string;
  /**
   * A hash of every entity's content: a pack whose entities changed is imported even when its
   * version was not raised. Computed by the build; the importer computes it when it is missing.
   */
  contentHash?: string;
}

/** Picks the text for `lang`, falling back to English, then to any language present. */
export function pickLang(map: Record<Lang, string> | undefined, lang: Lang): string | undefined {
  if (!map) return undefined;
  return map[lang] ?? map.en ?? Object.values(map)[0];
}

/** Every surface form an entity is known by, labels first, without duplicates. */
export function surfaceForms(entity: Entity): string[] {
  const forms = new Set<string>();
  for (const label of Object.values(entity.labels)) forms.add(label);
  for (const list of Object.values(entity.aliases ?? {})) for (const alias of list) forms.add(alias);
  return [...forms];
}
