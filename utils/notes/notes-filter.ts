/**
 * The notes page's search and filters as they are written in its address, `#notes?q=…&tag=…`, so
 * that a reload, a bookmark or the back button keeps what the reader was looking at. Parsing is
 * lenient: an unknown sort, type or date is dropped rather than shown as an error, since the
 * address may have been typed or pasted.
 */
import { ENTITY_TYPES, type EntityType } from '../knowledge/types';
import type { NoteQuery, NoteSort } from './search';

export interface NotesFilter {
  q: string;
  entity?: string;
  type?: EntityType;
  site?: string;
  tag?: string;
  /** Calendar days as `YYYY-MM-DD`, both inclusive, in the reader's time zone. */
  from?: string;
  to?: string;
  sort?: NoteSort;
}

const SORTS: readonly NoteSort[] = ['relevance', 'newest', 'oldest', 'edited', 'entity'];
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Where the reader is on the options page: one of its sections, or one entity's page. */
export type OptionsRoute =
  | { section: 'notes'; filter: NotesFilter }
  | { section: 'entities' | 'knowledge' | 'reading' }
  | { section: 'entity'; entityId: string };

/** The route from `location.hash`, with or without its leading `#`. Anything unknown is the notes. */
export function parseRoute(hash: string): OptionsRoute {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const mark = text.indexOf('?');
  const path = mark === -1 ? text : text.slice(0, mark);
  const query = mark === -1 ? '' : text.slice(mark + 1);
  if (path === 'entities' || path === 'knowledge' || path === 'reading') return { section: path };
  if (path.startsWith('entity/')) {
    const entityId = safeDecode(path.slice('entity/'.length));
    if (entityId) return { section: 'entity', entityId };
  }
  return { section: 'notes', filter: parseFilter(query) };
}

export function parseFilter(query: string): NotesFilter {
  const params = new URLSearchParams(query);
  const text = (name: string): string | undefined => params.get(name)?.trim() || undefined;
  const filter: NotesFilter = { q: params.get('q') ?? '' };
  const entity = text('entity');
  if (entity) filter.entity = entity;
  const type = text('type');
  if (type && (ENTITY_TYPES as readonly string[]).includes(type)) filter.type = type as EntityType;
  const site = text('site');
  if (site) filter.site = site.toLowerCase();
  const tag = text('tag');
  if (tag) filter.tag = tag;
  const from = text('from');
  if (from && dayStart(from) !== undefined) filter.from = from;
  const to = text('to');
  if (to && dayStart(to) !== undefined) filter.to = to;
  const sort = text('sort');
  if (sort && (SORTS as readonly string[]).includes(sort)) filter.sort = sort as NoteSort;
  return filter;
}

/** The hash for a filter: `#notes` alone when nothing is set, so the plain address stays plain. */
export function formatFilterHash(filter: NotesFilter): string {
  const params = new URLSearchParams();
  if (filter.q.trim()) params.set('q', filter.q);
  for (const key of ['entity', 'type', 'site', 'tag', 'from', 'to', 'sort'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `#notes?${query}` : '#notes';
}

export function entityHash(entityId: string): string {
  return `#entity/${encodeURIComponent(entityId)}`;
}

/** Whether anything narrows the list, so the page can say "N of M" and offer to clear. */
export function isFiltered(filter: NotesFilter): boolean {
  return Boolean(
    filter.q.trim() || filter.entity || filter.type || filter.site || filter.tag || filter.from || filter.to,
  );
}

/** The search library's query for a filter; dates become the first and last millisecond of their days. */
export function toNoteQuery(filter: NotesFilter): NoteQuery {
  const query: NoteQuery = { text: filter.q };
  if (filter.entity) query.entityId = filter.entity;
  if (filter.type) query.entityType = filter.type;
  if (filter.site) query.site = filter.site;
  if (filter.tag) query.tag = filter.tag;
  const from = filter.from ? dayStart(filter.from) : undefined;
  if (from !== undefined) query.from = from;
  const to = filter.to ? dayStart(filter.to, 1) : undefined;
  if (to !== undefined) query.to = to - 1;
  if (filter.sort) query.sort = filter.sort;
  return query;
}

/** Local midnight at the start of `day` (plus `days` days), or undefined for no such day. */
function dayStart(day: string, days = 0): number | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const time = new Date(year, month - 1, date);
  // Date rolls 2025-02-30 over into March; such a day is not one.
  if (time.getFullYear() !== year || time.getMonth() !== month - 1 || time.getDate() !== date) return undefined;
  time.setDate(time.getDate() + days);
  return time.getTime();
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
