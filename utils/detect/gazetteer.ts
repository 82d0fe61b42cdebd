/**
 * The gazetteer: every surface form of every entity in one trie, and the scan that finds them in
 * a block of text. It knows forms, case and word boundaries; which entity a form means on a given
 * page is the resolver's job.
 *
 * Everything is kept in flat arrays (`GazetteerData`), which structured cloning stores in
 * IndexedDB and loads back without rebuilding: the service worker sleeps and wakes often.
 */
import type { Entity, EntityType, Lang } from '../knowledge/types';
import { ENTITY_TYPES, surfaceForms } from '../knowledge/types';
import { rulesFor } from './languages';
import {
  canonicalSurface,
  foldKey,
  characterClasses,
  foldTable,
  IGNORABLE_CLASS,
  isUpperCaseLetter,
  lowerCaseLetters,
  looksLikeCode,
  WORD_CLASS,
} from './text';
import { buildTrie, childOf, trieBytes, type FrozenTrie } from './trie';

declare const __DOSSIER_MATCHER_CODE__: string | undefined;

/**
 * Which version of the matcher's code built a stored matcher: a hash of utils/detect/ set by the
 * build (see scripts/lib/matcher-code.ts); "source" where the code runs unbuilt, as in unit tests.
 */
export const MATCHER_CODE = typeof __DOSSIER_MATCHER_CODE__ === 'string' ? __DOSSIER_MATCHER_CODE__ : 'source';

/** A name, a short form (surname), or a word the pack declares is not this entity's name. */
export type FormKind = 'name' | 'short' | 'not';

const FLAG_SHORT = 1;
const FLAG_CASE = 2;
const FLAG_NOT = 4;

/**
 * Lists of strings for the few entities that have them, packed flat: entity `entities[k]` has
 * `items.slice(start[k], start[k + 1])` split at LIST_SEPARATOR. A waking worker reads the stored
 * matcher from IndexedDB, and thousands of small arrays took longer to clone back than all the
 * typed arrays together; one string and two typed arrays take no time.
 */
export interface PackedLists {
  /** Entity indices, ascending. */
  entities: Uint32Array;
  start: Uint32Array;
  items: string;
}

const LIST_SEPARATOR = '\u0001';

function packLists(lists: [number, string[]][]): PackedLists {
  const start = new Uint32Array(lists.length + 1);
  const parts: string[] = [];
  let length = 0;
  lists.forEach(([, items], k) => {
    const joined = items.join(LIST_SEPARATOR);
    parts.push(joined);
    length += joined.length;
    start[k + 1] = length;
  });
  return { entities: Uint32Array.from(lists.map(([entity]) => entity)), start, items: parts.join('') };
}

/** The list packed for `entity`, or null. */
function unpackList(packed: PackedLists, entity: number): string[] | null {
  const { entities, start, items } = packed;
  let lo = 0;
  let hi = entities.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = entities[mid]!;
    if (at === entity) {
      const text = items.slice(start[mid], start[mid + 1]);
      return text ? text.split(LIST_SEPARATOR) : [];
    }
    if (at < entity) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

/** The serialisable content of a gazetteer. */
export interface GazetteerData {
  format: 2;
  trie: FrozenTrie;
  /** Per form: the entity index, flags (short form, case-sensitive), and its surface. */
  formEntity: Uint32Array;
  formFlags: Uint8Array;
  /** All surfaces joined; form i is surfaces.slice(surfaceStart[i], surfaceStart[i + 1]). */
  surfaces: string;
  surfaceStart: Uint32Array;
  entityIds: string[];
  entityTypes: Uint8Array;
  /** Only the few entities that have them: folded evidence words, vetoes, related ids. */
  evidence: PackedLists;
  against: PackedLists;
  related: PackedLists;
  /**
   * Per form: a number equal for forms with the same spelling and case rule, so the resolver
   * checks what the page wrote against each spelling once. Computed when built: over 50,000
   * forms it is too slow for a waking worker's first page.
   */
  surfaceKeys: Uint32Array;
  /**
   * Folded first characters of the forms that may start with a lower-case letter ("eBay", "von
   * der Leyen"). A word starting in lower case can only be one of those: every other form needs a
   * capital there, so the scan skips most running text at its first character.
   */
  lowerStarts: number[];
}

export interface FormEntry {
  entity: number;
  kind: FormKind;
  caseSensitive: boolean;
  /** The form as the pack writes it, apostrophes and spaces unified. */
  surface: string;
}

/** A span where one or more forms (all with the same folded key) occur. */
export interface Candidate {
  start: number;
  /** End of the mention, including an inflection ending such as the genitive s. */
  end: number;
  /** End of the name proper, before any inflection ending. */
  nameEnd: number;
  /** The trie node the key ends at: its forms are `formsAt(node)`. */
  node: number;
}

const SPACE = 0x20;
const NONE = new Set<string>();

export class Gazetteer {
  private readonly lowerStartOk: Uint8Array;
  /** Unpacked on first use: a page asks about a handful of entities. */
  private readonly evidenceOf = new Map<number, Set<string>>();
  private readonly againstOf = new Map<number, Set<string>>();
  private readonly relatedOf = new Map<number, string[]>();

  constructor(readonly data: GazetteerData) {
    this.lowerStartOk = new Uint8Array(0x10000);
    for (const code of data.lowerStarts) this.lowerStartOk[code] = 1;
  }

  private wordSet(cache: Map<number, Set<string>>, packed: PackedLists, entity: number): Set<string> {
    let set = cache.get(entity);
    if (!set) {
      const list = unpackList(packed, entity);
      set = list ? new Set(list) : NONE;
      cache.set(entity, set);
    }
    return set;
  }

  static fromEntities(list: readonly Entity[]): Gazetteer {
    return new Gazetteer(compileGazetteer(list));
  }

  get entityCount(): number {
    return this.data.entityIds.length;
  }

  entityId(entity: number): string {
    return this.data.entityIds[entity]!;
  }

  entityType(entity: number): EntityType {
    return ENTITY_TYPES[this.data.entityTypes[entity]!]!;
  }

  evidence(entity: number): Set<string> {
    return this.wordSet(this.evidenceOf, this.data.evidence, entity);
  }

  against(entity: number): Set<string> {
    return this.wordSet(this.againstOf, this.data.against, entity);
  }

  related(entity: number): string[] {
    let list = this.relatedOf.get(entity);
    if (!list) this.relatedOf.set(entity, (list = unpackList(this.data.related, entity) ?? []));
    return list;
  }

  form(index: number): FormEntry {
    const { formEntity, formFlags, surfaces, surfaceStart } = this.data;
    const flags = formFlags[index]!;
    return {
      entity: formEntity[index]!,
      kind: flags & FLAG_NOT ? 'not' : flags & FLAG_SHORT ? 'short' : 'name',
      caseSensitive: (flags & FLAG_CASE) !== 0,
      surface: surfaces.slice(surfaceStart[index], surfaceStart[index + 1]),
    };
  }

  /** The memory held by the arrays, in bytes (strings counted at two bytes a character). */
  approximateBytes(): number {
    const d = this.data;
    return (
      trieBytes(d.trie) +
      d.formEntity.byteLength +
      d.formFlags.byteLength +
      d.surfaceStart.byteLength +
      d.surfaceKeys.byteLength +
      d.surfaces.length * 2 +
      [d.evidence, d.against, d.related].reduce(
        (n, l) => n + l.entities.byteLength + l.start.byteLength + l.items.length * 2,
        0,
      ) +
      d.entityIds.reduce((n, id) => n + id.length * 2 + 16, 0)
    );
  }

  /** The entity and kind of a form, without building a FormEntry (hot loops over many forms). */
  formEntityOf(index: number): number {
    return this.data.formEntity[index]!;
  }

  formKindOf(index: number): FormKind {
    const flags = this.data.formFlags[index]!;
    return flags & FLAG_NOT ? 'not' : flags & FLAG_SHORT ? 'short' : 'name';
  }

  /**
   * A number that is equal for two forms with the same spelling and case rule, for caching the
   * check of what was written against them.
   */
  formSurfaceKey(index: number): number {
    return this.data.surfaceKeys[index]!;
  }

  /** The indices of the forms whose key ends at a trie node. */
  formsAt(node: number): Uint32Array {
    const { valueStart, values } = this.data.trie;
    return values.subarray(valueStart[node], valueStart[node + 1]);
  }

  /**
   * Every form that occurs in `text` at a word start and ends at a word boundary, or before an
   * inflection ending of `lang`. Case and diacritics are checked later by `matchesCanonical`.
   */
  scan(text: string, lang: Lang): Candidate[] {
    const { trie } = this.data;
    const { firstChild, valueStart } = trie;
    const classes = characterClasses();
    const fold = foldTable();
    const root = this.rootChildren();
    const lowerStartOk = this.lowerStartOk;
    const lower = lowerCaseLetters();
    const suffixes = rulesFor(lang).suffixes;
    const n = text.length;
    const out: Candidate[] = [];
    let i = 0;
    while (i < n) {
      // Two tight loops: to the next word start, then (after matching) past the word.
      while (i < n && classes[text.charCodeAt(i)] !== WORD_CLASS) i++;
      if (i >= n) break;
      const wordStart = i;
      const first = text.charCodeAt(i);
      i++;
      while (i < n && classes[text.charCodeAt(i)] === WORD_CLASS) i++;
      // Most words start no name: one or two table lookups reject them.
      const folded = fold[first]!;
      if (lower[first] === 1 && lowerStartOk[folded] === 0) continue;
      let node = root[folded]!;
      if (node < 0) continue;
      let p = wordStart + 1;
      for (;;) {
        if (valueStart[node + 1]! > valueStart[node]!) {
          const end = p;
          let mentionEnd = -1;
          if (end === n || classes[text.charCodeAt(end)] !== WORD_CLASS) {
            mentionEnd = end;
          } else {
            for (const suffix of suffixes) {
              const after = end + suffix.length;
              if (
                text.slice(end, after).toLowerCase() === suffix &&
                (after === n || classes[text.charCodeAt(after)] !== WORD_CLASS)
              ) {
                mentionEnd = after;
                break;
              }
            }
          }
          if (mentionEnd >= 0) out.push({ start: wordStart, end: mentionEnd, nameEnd: end, node });
        }
        if (p >= n || firstChild[node + 1] === firstChild[node]) break;
        let raw = text.charCodeAt(p);
        // Soft hyphens and zero-width characters inside a name are read through.
        while (classes[raw] === IGNORABLE_CLASS && p + 1 < n) raw = text.charCodeAt(++p);
        const code = fold[raw]!;
        const next = childOf(trie, node, code);
        if (next < 0) break;
        node = next;
        p++;
        if (code === SPACE) {
          while (p < n && fold[text.charCodeAt(p)] === SPACE) p++;
        }
      }
    }
    return out;
  }

  private rootIndex: Int32Array | undefined;

  /** The root's children indexed by character: the one lookup every word start makes. */
  private rootChildren(): Int32Array {
    if (!this.rootIndex) {
      const { labels, firstChild } = this.data.trie;
      const index = new Int32Array(0x10000).fill(-1);
      for (let c = firstChild[0]!; c < firstChild[1]!; c++) index[labels[c]!] = c;
      this.rootIndex = index;
    }
    return this.rootIndex;
  }
}

/** Builds the serialisable gazetteer of a list of entities. */
export function compileGazetteer(list: readonly Entity[]): GazetteerData {
  const keys: string[] = [];
  const keyForm: number[] = [];
  const formEntity: number[] = [];
  const formFlags: number[] = [];
  const surfaceParts: string[] = [];
  const surfaceStart: number[] = [0];
  let surfaceLength = 0;
  const entityIds: string[] = [];
  const entityTypes: number[] = [];
  const evidence: [number, string[]][] = [];
  const against: [number, string[]][] = [];
  const related: [number, string[]][] = [];
  const seen = new Set<string>();
  const lowerStarts = new Set<number>();

  const addForm = (entity: number, form: string, kind: FormKind, forceCase: boolean, dedupe: Set<string>) => {
    const key = foldKey(form);
    if (!key) return;
    const surface = canonicalSurface(form.trim());
    const id = `${kind}\u0000${surface}`;
    if (dedupe.has(id)) return;
    dedupe.add(id);
    const index = formEntity.length;
    formEntity.push(entity);
    formFlags.push(
      (kind === 'short' ? FLAG_SHORT : kind === 'not' ? FLAG_NOT : 0) |
        (forceCase || looksLikeCode(form) ? FLAG_CASE : 0),
    );
    surfaceParts.push(surface);
    surfaceLength += surface.length;
    surfaceStart.push(surfaceLength);
    keys.push(key);
    keyForm.push(index);
    if (!isUpperCaseLetter(surface[0] ?? '')) lowerStarts.add(key.charCodeAt(0));
  };

  for (const entity of list) {
    if (seen.has(entity.id)) continue;
    seen.add(entity.id);
    const index = entityIds.length;
    entityIds.push(entity.id);
    entityTypes.push(ENTITY_TYPES.indexOf(entity.type));
    const words = foldedWords(entity.evidence?.words);
    if (words.length > 0) evidence.push([index, words]);
    const vetoes = foldedWords(entity.evidence?.against);
    if (vetoes.length > 0) against.push([index, vetoes]);
    if (entity.related?.length) related.push([index, entity.related]);
    const dedupe = new Set<string>();
    for (const form of surfaceForms(entity)) addForm(index, form, 'name', entity.caseSensitive === true, dedupe);
    if (entity.type === 'person') {
      for (const form of entity.short ?? defaultShortForms(entity)) addForm(index, form, 'short', false, dedupe);
    }
    for (const list of Object.values(entity.notNames ?? {}))
      for (const form of list) addForm(index, form, 'not', false, dedupe);
  }

  const surfaces = surfaceParts.join('');
  return {
    format: 2,
    trie: buildTrie(keys, keyForm),
    formEntity: Uint32Array.from(formEntity),
    formFlags: Uint8Array.from(formFlags),
    surfaces,
    surfaceStart: Uint32Array.from(surfaceStart),
    entityIds,
    entityTypes: Uint8Array.from(entityTypes),
    evidence: packLists(evidence),
    against: packLists(against),
    related: packLists(related),
    surfaceKeys: surfaceKeysOf(formFlags, surfaceParts),
    lowerStarts: [...lowerStarts],
  };
}

/** Numbers forms by spelling and case rule (see `GazetteerData.surfaceKeys`). */
function surfaceKeysOf(formFlags: readonly number[], surfaces: readonly string[]): Uint32Array {
  const ids = new Map<string, number>();
  const keys = new Uint32Array(formFlags.length);
  for (let f = 0; f < formFlags.length; f++) {
    const id = `${formFlags[f]! & FLAG_CASE}${surfaces[f]}`;
    let key = ids.get(id);
    if (key === undefined) ids.set(id, (key = ids.size));
    keys[f] = key;
  }
  return keys;
}

/**
 * Evidence words as the resolver reads the text around a mention: folded, in runs of letters and
 * digits joined by one space, so that "pay-TV", "auto's" and "AT&T" match as the phrases they are.
 */
function foldedWords(byLang: Record<Lang, string[]> | undefined): string[] {
  const out = new Set<string>();
  for (const words of Object.values(byLang ?? {})) {
    for (const word of words) {
      const tokens = foldKey(word).match(/[\p{L}\p{N}]+/gu);
      if (tokens) out.add(tokens.join(' '));
    }
  }
  return [...out];
}

/** A person's surname as a Western name writes it last; packs set `short` where that is wrong. */
function defaultShortForms(entity: Entity): string[] {
  const label = entity.labels.en ?? Object.values(entity.labels)[0] ?? '';
  const words = label.trim().split(/\s+/);
  return words.length >= 2 ? [words[words.length - 1]!] : [];
}

export type FormMatch = 'exact' | 'case' | 'folded' | false;

/**
 * Whether the text written on the page (already through `canonicalSurface`) fits the form's case
 * rules: codes only as written, names with their capitals where the pack writes capitals (a
 * headline in capitals still fits), and diacritics told apart as 'folded' so an exact spelling can win over a folded one.
 */
export function matchesCanonical(text: string, form: FormEntry): FormMatch {
  if (form.caseSensitive) return text === form.surface ? 'exact' : false;
  if (text === form.surface) return 'exact';
  const textWords = text.split(/[ -]/);
  const formWords = form.surface.split(/[ -]/);
  for (let w = 0; w < formWords.length; w++) {
    const formFirst = formWords[w]?.[0];
    const textFirst = textWords[w]?.[0];
    if (formFirst && textFirst && isUpperCaseLetter(formFirst) && !isUpperCaseLetter(textFirst)) {
      return false;
    }
  }
  return text.toLowerCase() === form.surface.toLowerCase() ? 'case' : 'folded';
}
