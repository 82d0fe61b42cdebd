// Writing notes several at a time from the notes page: tags, deleting with undo, a full disk.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DossierDB } from '../../utils/db';
import {
  addNote,
  cleanTags,
  deleteNotes,
  isQuotaExceeded,
  listNotes,
  restoreNotes,
  setNoteTags,
  tagNotes,
} from '../../utils/notes/store';

let db: DossierDB;

beforeEach(() => {
  db = new DossierDB({ indexedDB: new IDBFactory(), IDBKeyRange });
});

describe('tags', () => {
  it('are trimmed, with inner spaces collapsed and duplicates dropped without regard to case', () => {
    expect(cleanTags([' China ', 'china', '', 'Außen  politik', 'CHINA', 'Zölle'])).toEqual([
      'China',
      'Außen politik',
      'Zölle',
    ]);
  });

  it('are set on one note, which counts as an edit', async () => {
    const note = await addNote(db, { text: 'a', tags: ['x'] });
    await setNoteTags(db, note.id, ['x', ' y ', 'X']);
    const saved = (await db.notes.get(note.id))!;
    expect(saved.tags).toEqual(['x', 'y']);
    expect(saved.updatedAt).toBeGreaterThanOrEqual(note.updatedAt);
  });

  it('are added to several notes, leaving the ones that have it alone', async () => {
    const a = await addNote(db, { text: 'a', tags: ['Chips'] });
    const b = await addNote(db, { text: 'b' });
    const c = await addNote(db, { text: 'c' });
    await tagNotes(db, [a.id, b.id], ' chips ');
    expect((await db.notes.get(a.id))!.tags).toEqual(['Chips']);
    expect((await db.notes.get(a.id))!.updatedAt).toBe(a.updatedAt);
    expect((await db.notes.get(b.id))!.tags).toEqual(['chips']);
    expect((await db.notes.get(c.id))!.tags).toEqual([]);
  });
});

describe('deleting several notes', () => {
  it('hides them until they are restored', async () => {
    const a = await addNote(db, { text: 'a' });
    const b = await addNote(db, { text: 'b' });
    const c = await addNote(db, { text: 'c' });
    await deleteNotes(db, [a.id, c.id]);
    expect((await listNotes(db)).map((n) => n.id)).toEqual([b.id]);
    await restoreNotes(db, [a.id, c.id]);
    expect((await listNotes(db)).map((n) => n.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect((await db.notes.get(a.id))!.deletedAt).toBeUndefined();
  });
});

describe('isQuotaExceeded', () => {
  it('recognises a full disk, as the DOMException, wrapped by Dexie, or as a message from the background', () => {
    expect(isQuotaExceeded(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toBe(true);
    const inner = new DOMException('full', 'QuotaExceededError');
    expect(isQuotaExceeded(new Dexie.AbortError('Transaction aborted', inner))).toBe(true);
    expect(isQuotaExceeded(new Error('QuotaExceededError: Transaction aborted'))).toBe(true);
  });

  it('leaves other failures alone', () => {
    expect(isQuotaExceeded(new Error('Could not establish connection'))).toBe(false);
    expect(isQuotaExceeded(new Dexie.ConstraintError('Key already exists'))).toBe(false);
    expect(isQuotaExceeded('quota')).toBe(false);
    expect(isQuotaExceeded(undefined)).toBe(false);
  });
});
