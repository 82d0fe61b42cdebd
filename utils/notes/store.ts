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
