/** What the notes page and an entity's page read from the database: the live notes and their entities. */
import { getDb } from '@/utils/db';
import { t, uiLanguage } from '@/utils/i18n';
import { pickLang, type Entity } from '@/utils/knowledge/types';
import type { Note } from '@/utils/notes/model';
import type { EntityInfo } from '@/utils/notes/search';
import { listNotes } from '@/utils/notes/store';

export interface NotesView {
  notes: Note[];
  entities: Map<string, Entity>;
}

export async function loadNotesView(): Promise<NotesView> {
  const db = getDb();
  const notes = await listNotes(db);
  const ids = [...new Set(notes.flatMap((n) => (n.entityId ? [n.entityId] : [])))];
  const entities = new Map((await db.entities.bulkGet(ids)).flatMap((e) => (e ? [[e.id, e] as const] : [])));
  return { notes, entities };
}

export function displayName(entity: Entity): string {
  return pickLang(entity.labels, uiLanguage().slice(0, 2)) ?? entity.id;
}

/** The name a note shows for its entity; an entity since removed from the packs still has a note. */
export function entityNameOf(note: Note, entities: ReadonlyMap<string, Entity>): string | undefined {
  if (!note.entityId) return undefined;
  const entity = entities.get(note.entityId);
  return entity ? displayName(entity) : t('unknownEntity');
}

/** Everything the search index needs to know about an entity: all its names, in every language. */
export function entityInfo(entity: Entity): EntityInfo {
  const names = new Set([displayName(entity), ...Object.values(entity.labels)]);
  for (const list of Object.values(entity.aliases ?? {})) for (const alias of list) names.add(alias);
  return { names: [...names], type: entity.type };
}

/** Every tag on the notes, once, sorted as the reader's language sorts. */
export function allTags(notes: readonly Note[]): string[] {
  const tags = new Map<string, string>();
  for (const note of notes)
    for (const tag of note.tags) if (!tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag);
  return [...tags.values()].sort((a, b) => a.localeCompare(b, uiLanguage()));
}
