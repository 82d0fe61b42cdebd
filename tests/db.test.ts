// The database schema: upgrades keep every row of the versions before.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DossierDB } from '../utils/db';
import { createNote } from '../utils/notes/model';

describe('DossierDB', () => {
  it('opens a database of the first version with every note and entity intact', async () => {
    const indexedDB = new IDBFactory();
    const v1 = new Dexie('dossier', { indexedDB, IDBKeyRange });
    v1.version(1).stores({
      entities: 'id, type, source.pack',
      packs: 'id',
      notes: 'id, entityId, page.url, createdAt, updatedAt',
    });
    const notes = [
      createNote(
        {
          entityId: 'news:lizzi-lee',
          text: 'first',
          page: { url: 'https://a.example/', title: 'A', site: 'a.example' },
        },
        1,
      ),
      createNote({ text: 'a page note', quote: { exact: 'Quoted.', prefix: '', suffix: '' } }, 2),
    ];
    await v1.table('notes').bulkAdd(notes);
    await v1
      .table('packs')
      .add({ id: 'news', version: '0.1.0', asOf: '2025-06', title: { en: 'News' }, entityCount: 0, importedAt: 0 });
    v1.close();

    const db = new DossierDB({ indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2);
    expect(await db.notes.orderBy('createdAt').toArray()).toEqual(notes);
    expect(await db.packs.get('news')).toMatchObject({ version: '0.1.0' });
    expect(await db.matchers.count()).toBe(0);
    db.close();
  });
  it('upgrades a version 4 database to the history table with every note intact', async () => {
    const indexedDB = new IDBFactory();
    const v4 = new Dexie('dossier', { indexedDB, IDBKeyRange });
    v4.version(1).stores({
      entities: 'id, type, source.pack',
      packs: 'id',
      notes: 'id, entityId, page.url, createdAt, updatedAt',
    });
    v4.version(2).stores({ matchers: 'id' });
    v4.version(3).stores({ status: 'id', corrections: 'id, entityId, site, url' });
    v4.version(4).stores({ lookups: 'id, fetchedAt' });
    const note = createNote(
      {
        text: 'quoted',
        page: { url: 'https://a.example/', title: 'A', site: 'a.example' },
        quote: { exact: 'Quoted.', prefix: 'x ', suffix: ' y', start: 2 },
      },
      3,
    );
    await v4.table('notes').add(note);
    v4.close();

    const db = new DossierDB({ indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.notes.toArray()).toEqual([note]);
    expect(await db.sightings.count()).toBe(0);
    db.close();
  });
});
