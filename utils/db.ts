/**
 * The one place that declares Dossier's database. It lives in the extension's origin: only the
 * background and the extension pages open it. A content script that opened IndexedDB would write
 * into the news site's origin, where the site could read it, so content scripts ask the background.
 *
 * Every schema change is a new version below with an upgrade that keeps all data; old versions
 * that carry an upgrade stay declared.
 */
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { Entity, PackInfo } from './knowledge/types';
import type { Note } from './notes/model';

export interface PackRecord extends PackInfo {
  entityCount: number;
  importedAt: number;
}

export class DossierDB extends Dexie {
  entities!: EntityTable<Entity, 'id'>;
  packs!: EntityTable<PackRecord, 'id'>;
  notes!: EntityTable<Note, 'id'>;

  constructor(options?: DexieOptions) {
    super('dossier', options);
    this.version(1).stores({
      entities: 'id, type, source.pack',
      packs: 'id',
      notes: 'id, entityId, page.url, createdAt, updatedAt',
    });
  }
}

let shared: DossierDB | undefined;

/** The database of this extension context, opened on first use. */
export function getDb(): DossierDB {
  shared ??= new DossierDB();
  return shared;
}
