/**
 * The gazetteer: every surface form of every entity in one trie, and the scan that finds them in
 * a block of text. It knows forms, case and word boundaries; which entity a form means on a given
 * page is the resolver's job.
 */
import type { Entity, EntityType, Lang } from '../knowledge/types';
import { surfaceForms } from '../knowledge/types';
import { rulesFor } from './languages';
import {
  canonicalSurface,
  foldKey,
  foldText,
  isIgnorableCode,
  isUpperCaseLetter,
  isWordCode,
  looksLikeCode,
} from './text';
import { childOf, TrieBuilder, type FrozenTrie } from './trie';

export type FormKind = 'name' | 'short';

export interface FormEntry {
  entity: number;
  kind: FormKind;
  caseSensitive: boolean;
  /** The form as the pack writes it, apostrophes and spaces unified. */
  surface: string;
}

export interface EntityInfo {
  id: string;
  type: EntityType;
  /** Folded evidence words of every language; empty when the name is unambiguous. */
  evidence: Set<string>;
  /** Folded words that veto the entity when they stand near a mention. */
  against: Set<string>;
  related: string[];
}

export interface Candidate {
  start: number;
  /** End of the mention, including an inflection ending such as the genitive s. */
  end: number;
  /** End of the name proper, before any inflection ending. */
  nameEnd: number;
  form: number;
}

const SPACE = 0x20;

export class Gazetteer {
  private constructor(
    readonly trie: FrozenTrie,
    readonly forms: FormEntry[],
    readonly entities: EntityInfo[],
    private readonly indexById: Map<string, number>,
  ) {}

  static fromEntities(list: readonly Entity[]): Gazetteer {
    const builder = new TrieBuilder();
    const forms: FormEntry[] = [];
    const entities: EntityInfo[] = [];
    const indexById = new Map<string, number>();
    const formIndex = new Map<string, number>();

    const addForm = (entity: number, form: string, kind: FormKind, forceCase = false) => {
      const key = foldKey(form);
      if (!key) return;
      const caseSensitive = forceCase || looksLikeCode(form);
      const surface = canonicalSurface(form.trim());
      const dedupe = `${entity}\u0000${kind}\u0000${surface}`;
      let index = formIndex.get(dedupe);
      if (index === undefined) {
        index = forms.length;
        forms.push({ entity, kind, caseSensitive, surface });
        formIndex.set(dedupe, index);
      }
      builder.insert(key, index);
    };

    for (const entity of list) {
      if (indexById.has(entity.id)) continue;
      const index = entities.length;
      indexById.set(entity.id, index);
      const evidence = foldedWords(entity.evidence?.words);
      const against = foldedWords(entity.evidence?.against);
      entities.push({ id: entity.id, type: entity.type, evidence, against, related: entity.related ?? [] });
      for (const form of surfaceForms(entity)) addForm(index, form, 'name', entity.caseSensitive);
      if (entity.type === 'person') {
        for (const form of entity.short ?? defaultShortForms(entity)) addForm(index, form, 'short');
      }
    }
    return new Gazetteer(builder.freeze(), forms, entities, indexById);
  }

  entityIndex(id: string): number | undefined {
    return this.indexById.get(id);
  }

  /**
   * Every form that occurs in `text` at a word start and ends at a word boundary, or before an
   * inflection ending of `lang`. Case and diacritics are checked later by `formMatches`.
   */
  scan(text: string, lang: Lang): Candidate[] {
    const { trie } = this;
    const folded = foldText(text);
    const suffixes = rulesFor(lang).suffixes;
    const n = text.length;
    const out: Candidate[] = [];
    for (let i = 0; i < n; i++) {
      if (!isWordCode(text.charCodeAt(i))) continue;
      if (i > 0 && isWordCode(text.charCodeAt(i - 1))) continue;
      let node = 0;
      let p = i;
      while (p < n) {
        const code = folded[p]!;
        if (isIgnorableCode(text.charCodeAt(p))) {
          p++;
          continue;
        }
        const next = childOf(trie, node, code);
        if (next < 0) break;
        node = next;
        p++;
        if (code === SPACE) {
          while (p < n && folded[p] === SPACE) p++;
          continue;
        }
        if (trie.valueCount[node] === 0) continue;
        const end = p;
        let mentionEnd = -1;
        if (end === n || !isWordCode(text.charCodeAt(end))) {
          mentionEnd = end;
        } else {
          for (const suffix of suffixes) {
            const after = end + suffix.length;
            if (
              text.slice(end, after).toLowerCase() === suffix &&
              (after === n || !isWordCode(text.charCodeAt(after)))
            ) {
              mentionEnd = after;
              break;
            }
          }
        }
        if (mentionEnd < 0) continue;
        const first = trie.valueStart[node]!;
        const last = first + trie.valueCount[node]!;
        for (let v = first; v < last; v++) {
          out.push({ start: i, end: mentionEnd, nameEnd: end, form: trie.values[v]! });
        }
      }
    }
    return out;
  }
}

function foldedWords(byLang: Record<Lang, string[]> | undefined): Set<string> {
  const out = new Set<string>();
  for (const words of Object.values(byLang ?? {})) for (const word of words) out.add(foldKey(word));
  return out;
}

/** A person's surname as a Western name writes it last; packs set `short` where that is wrong. */
function defaultShortForms(entity: Entity): string[] {
  const label = entity.labels.en ?? Object.values(entity.labels)[0] ?? '';
  const words = label.trim().split(/\s+/);
  return words.length >= 2 ? [words[words.length - 1]!] : [];
}

export type FormMatch = 'exact' | 'case' | 'folded' | false;

/**
 * Whether the text written on the page fits the form's case rules: codes only as written, names
 * with their capitals where the pack writes capitals (a headline in capitals still fits), and
 * diacritics told apart as 'folded' so an exact spelling can win over a folded one.
 */
export function formMatches(written: string, form: FormEntry): FormMatch {
  const text = canonicalSurface(written);
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
