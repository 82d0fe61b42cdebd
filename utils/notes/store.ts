/** Reading and writing notes in the database, for the extension pages and the background alike. */
import type { DossierDB } from '../db';
import { createNote, type Note, type NoteDraft } from './model';

export async function addNote(db: DossierDB, draft: NoteDraft): Promise<Note> {
  const note = createNote(draft);
  await db.notes.add(note);
  return note;
}

/** Live notes, newest first; deleted ones are kept aside until they are purged. */
export async function listNotes(db: DossierDB, filter: { entityId?: string; url?: string } = {}): Promise<Note[]> {
  let notes: Note[];
  if (filter.entityId) notes = await db.notes.where('entityId').equals(filter.entityId).toArray();
  else if (filter.url) notes = await db.notes.where('page.url').equals(filter.url).toArray();
  else notes = await db.notes.toArray();
  return notes.filter((n) => !n.deletedAt).sort((a, b) => b.createdAt - a.createdAt);
}

export async function editNote(db: DossierDB, id: string, text: string): Promise<void> {
  await db.notes.update(id, { text: text.trim(), updatedAt: Date.now() });
}

/** Deleting marks the note, so "Undo" can bring it back until the page is left. */
export async function deleteNote(db: DossierDB, id: string): Promise<void> {
  await db.notes.update(id, { deletedAt: Date.now() });
}

export async function restoreNote(db: DossierDB, id: string): Promise<void> {
  await db.notes
    .where('id')
    .equals(id)
    .modify((note) => {
      delete note.deletedAt;
    });
}

/** The tags of a note, trimmed and without duplicates (ignoring case), in the order given. */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const clean: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    clean.push(tag);
  }
  return clean;
}

export async function setNoteTags(db: DossierDB, id: string, tags: readonly string[]): Promise<void> {
  await db.notes.update(id, { tags: cleanTags(tags), updatedAt: Date.now() });
}

/** Adds `tag` to each of the notes that lacks it, in one transaction. */
export async function tagNotes(db: DossierDB, ids: readonly string[], tag: string): Promise<void> {
  const [clean] = cleanTags([tag]);
  if (!clean) return;
  const now = Date.now();
  await db.notes
    .where('id')
    .anyOf([...ids])
    .modify((note) => {
      if (note.tags.some((t) => t.toLowerCase() === clean.toLowerCase())) return;
      note.tags = [...note.tags, clean];
      note.updatedAt = now;
    });
}

/** Deletes several notes at once; like `deleteNote`, they can be restored until purged. */
export async function deleteNotes(db: DossierDB, ids: readonly string[]): Promise<void> {
  const now = Date.now();
  await db.notes
    .where('id')
    .anyOf([...ids])
    .modify((note) => {
      note.deletedAt = now;
    });
}

export async function restoreNotes(db: DossierDB, ids: readonly string[]): Promise<void> {
  await db.notes
    .where('id')
    .anyOf([...ids])
    .modify((note) => {
      delete note.deletedAt;
    });
}

/**
 * Whether a failed write failed because the browser's storage for the extension is full. Dexie
 * wraps the DOMException in its own error and keeps the original as `inner`; an error that came
 * back from the background as a message keeps only its text, which names the quota.
 */
export function isQuotaExceeded(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth += 1) {
    const { name, inner, message } = e as { name?: unknown; inner?: unknown; message?: unknown };
    if (name === 'QuotaExceededError') return true;
    if (typeof message === 'string' && /QuotaExceeded|\bquota\b/i.test(message)) return true;
    e = inner;
  }
  return false;
}

/**
 * Records whether each quoted note of the page at `url` was found there. Only notes of that page
 * change, and only their anchor state: `updatedAt` tells of the reader's edits, not of ours.
 */
export async function recordAnchors(
  db: DossierDB,
  url: string,
  results: readonly { id: string; found: boolean }[],
  now = Date.now(),
): Promise<number> {
  return db.transaction('rw', db.notes, async () => {
    const notes = await db.notes.bulkGet(results.map((r) => r.id));
    const changed = notes.flatMap((note, i) =>
      note?.quote && note.page?.url === url
        ? [
            {
              ...note,
              anchor: { state: results[i]!.found ? ('found' as const) : ('detached' as const), checkedAt: now },
            },
          ]
        : [],
    );
    await db.notes.bulkPut(changed);
    return changed.length;
  });
}
