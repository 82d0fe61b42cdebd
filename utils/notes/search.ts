/**
 * Full-text search over notes, for the notes page: the note's text, its quote, the names of its
 * entity, the page title and the tags, with prefix and typo-tolerant matching, filters and sorting.
 * The index lives in memory and is kept up to date note by note, so typing in the search box never
 * waits for the database.
 *
 * Matching folds case and accents, and spells German umlauts and ß out as ae, oe, ue and ss, the
 * way a reader without a German keyboard types them: "aussenminister" and "außenmin" both find
 * "Außenminister", "sanchez" finds "Sánchez".
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { EntityType } from '../knowledge/types';
import type { Note } from './model';

/** What the index needs to know about an entity: its names (display name first) and its type. */
export interface EntityInfo {
  names: readonly string[];
  type?: EntityType;
}

export type EntityLookup = (entityId: string) => EntityInfo | undefined;

export type NoteSort = 'relevance' | 'newest' | 'oldest' | 'edited' | 'entity';

export interface NoteQuery {
  /** Words to find; empty or absent lists every note that passes the filters. */
  text?: string;
  entityId?: string;
  entityType?: EntityType;
  /** A host name; "spiegel.de" also matches "www.spiegel.de". */
  site?: string;
  /** Notes carrying this tag, compared without regard to case. */
  tag?: string;
  /** Times in milliseconds, both inclusive, compared with `dateField`. */
  from?: number;
  to?: number;
  /** Which date `from` and `to` bound: when the note was written (the default) or last edited. */
  dateField?: 'createdAt' | 'updatedAt';
  /** Relevance when there are words to find, else newest first. */
  sort?: NoteSort;
  limit?: number;
}

export interface NoteHit {
  note: Note;
  /** The search engine's relevance; 0 when listing without words. */
  score: number;
  /** The indexed terms that matched, folded, for highlighting. */
  terms: string[];
}

interface IndexedNote {
  id: string;
  text: string;
  quote: string;
  entity: string;
  title: string;
  tags: string;
}

const FIELDS = ['text', 'quote', 'entity', 'title', 'tags'] satisfies (keyof IndexedNote)[];

export function createNoteIndex(lookup: EntityLookup, notes: Iterable<Note> = []): NoteIndex {
  return new NoteIndex(lookup, notes);
}

export class NoteIndex {
  private readonly notes = new Map<string, Note>();
  private readonly engine: MiniSearch<IndexedNote>;

  constructor(
    private readonly lookup: EntityLookup,
    notes: Iterable<Note> = [],
  ) {
    this.engine = new MiniSearch<IndexedNote>({
      fields: FIELDS,
      // A stored term carries every spelling a reader might type; a query term is folded once.
      processTerm: (term) => indexTerms(term),
      searchOptions: {
        processTerm: (term) => foldTerm(term) || null,
        // An entity's name or a tag says more about what a note is about than a word in passing.
        boost: { entity: 3, tags: 2, title: 1.5, quote: 1.2 },
        prefix: true,
        // One typo in five letters; very short words must match as typed, or everything would.
        fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
        maxFuzzy: 3,
        combineWith: 'AND',
      },
    });
    for (const note of notes) this.add(note);
  }

  get size(): number {
    return this.notes.size;
  }

  has(id: string): boolean {
    return this.notes.has(id);
  }

  get(id: string): Note | undefined {
    return this.notes.get(id);
  }

  /**
   * Adds a note, or replaces the version already indexed. A note marked deleted is taken out
   * instead: the notes page shows deleted notes only as an undo bar, never as results.
   */
  add(note: Note): void {
    this.remove(note.id);
    if (note.deletedAt !== undefined) return;
    this.notes.set(note.id, note);
    this.engine.add(this.document(note));
  }

  update(note: Note): void {
    this.add(note);
  }

  remove(id: string): void {
    if (!this.notes.delete(id)) return;
    // `discard` needs only the id; `remove` would need the document exactly as it was indexed,
    // and entity names may have changed since.
    this.engine.discard(id);
  }

  clear(): void {
    this.notes.clear();
    this.engine.removeAll();
  }

  /** Indexes the notes on `entityId` again, after its names changed (a pack was updated). */
  refreshEntity(entityId: string): void {
    for (const note of [...this.notes.values()]) if (note.entityId === entityId) this.add(note);
  }

  search(query: NoteQuery = {}): NoteHit[] {
    const words = query.text?.trim() ?? '';
    const passes = this.filter(query);
    let hits: NoteHit[];
    if (words) {
      hits = this.engine
        .search(words, { filter: (result: SearchResult) => passes(this.notes.get(result.id as string)!) })
        .map((result) => ({ note: this.notes.get(result.id as string)!, score: result.score, terms: result.terms }));
    } else {
      hits = [...this.notes.values()].filter(passes).map((note) => ({ note, score: 0, terms: [] }));
    }
    const order = this.order(query.sort ?? (words ? 'relevance' : 'newest'));
    if (order) hits.sort(order);
    return query.limit === undefined ? hits : hits.slice(0, query.limit);
  }

  private filter(query: NoteQuery): (note: Note) => boolean {
    const site = query.site?.trim().toLowerCase();
    const tag = query.tag === undefined ? undefined : foldTag(query.tag);
    const dateField = query.dateField ?? 'createdAt';
    return (note) => {
      if (query.entityId !== undefined && note.entityId !== query.entityId) return false;
      if (query.entityType !== undefined && (!note.entityId || this.lookup(note.entityId)?.type !== query.entityType)) {
        return false;
      }
      if (site) {
        const host = note.page?.site.toLowerCase() ?? '';
        if (host !== site && !host.endsWith(`.${site}`)) return false;
      }
      if (tag !== undefined && !note.tags.some((t) => foldTag(t) === tag)) return false;
      if (query.from !== undefined && note[dateField] < query.from) return false;
      if (query.to !== undefined && note[dateField] > query.to) return false;
      return true;
    };
  }

  private order(sort: NoteSort): ((a: NoteHit, b: NoteHit) => number) | undefined {
    const newest = (a: NoteHit, b: NoteHit): number => b.note.createdAt - a.note.createdAt;
    switch (sort) {
      case 'relevance':
        return (a, b) => b.score - a.score || newest(a, b);
      case 'newest':
        return newest;
      case 'oldest':
        return (a, b) => a.note.createdAt - b.note.createdAt;
      case 'edited':
        return (a, b) => b.note.updatedAt - a.note.updatedAt || newest(a, b);
      case 'entity': {
        const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
        const names = new Map<string, string | undefined>();
        const nameOf = (note: Note): string | undefined => {
          if (!note.entityId) return undefined;
          if (!names.has(note.entityId))
            names.set(note.entityId, this.lookup(note.entityId)?.names[0] ?? note.entityId);
          return names.get(note.entityId);
        };
        // Notes without an entity come last; within one entity, newest first.
        return (a, b) => {
          const x = nameOf(a.note);
          const y = nameOf(b.note);
          if (x === undefined || y === undefined)
            return Number(x === undefined) - Number(y === undefined) || newest(a, b);
          return collator.compare(x, y) || newest(a, b);
        };
      }
    }
  }

  private document(note: Note): IndexedNote {
    const entity = note.entityId ? this.lookup(note.entityId) : undefined;
    return {
      id: note.id,
      text: note.text,
      quote: note.quote?.exact ?? '',
      entity: entity?.names.join(' \n ') ?? '',
      title: note.page?.title ?? '',
      tags: note.tags.join(' \n '),
    };
  }
}

/** Letters that neither Unicode decomposition nor case folding turn into plain Latin ones. */
const LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const SPECIAL_LETTERS = /[ßẞæœøłđðþı]/g;
const GERMAN_UMLAUTS = /[äöü]/g;
const UMLAUT_SPELLED: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue' };
const MARKS = /\p{M}+/gu;

/**
 * A query term folded: lower case, umlauts spelled out (ä → ae), other accents dropped. Spelling
 * umlauts out is what matches both ways, since "Mueller" is how "Müller" is written without them.
 */
export function foldTerm(term: string): string {
  return term
    .normalize('NFC')
    .toLowerCase()
    .replace(SPECIAL_LETTERS, (c) => LETTERS[c] ?? c)
    .replace(GERMAN_UMLAUTS, (c) => UMLAUT_SPELLED[c] ?? c)
    .normalize('NFD')
    .replace(MARKS, '');
}

/**
 * The terms stored for a word of a note: the folded form, and for words with umlauts also the
 * form with the dots simply dropped, so that "muller" (an English reader's "Müller") finds it too.
 */
function indexTerms(term: string): string | string[] | null {
  const folded = foldTerm(term);
  if (!folded) return null;
  const undotted = term.normalize('NFD').replace(MARKS, '');
  if (undotted === term.normalize('NFD')) return folded;
  const plain = foldTerm(undotted);
  return plain === folded ? folded : [folded, plain];
}

function foldTag(tag: string): string {
  return foldTerm(tag.trim());
}
