/**
 * Imports a compiled pack into the database: idempotent, in one transaction, writing only the
 * entities that changed. A pack owns only its own entities; notes and the reader's own entities
 * are never touched.
 */
import type { DossierDB } from '../db';
import type { CompiledPack, Entity } from './types';

export interface ImportReport {
  pack: string;
  version: string;
  /** False when this version was already in the database. */
  imported: boolean;
  added: number;
  updated: number;
  removed: number;
}

export async function importPack(db: DossierDB, pack: CompiledPack): Promise<ImportReport> {
  return db.transaction('rw', db.entities, db.packs, async () => {
    const report: ImportReport = {
      pack: pack.id,
      version: pack.version,
      imported: false,
      added: 0,
      updated: 0,
      removed: 0,
    };
    const existing = await db.packs.get(pack.id);
    if (existing?.version === pack.version && existing.entityCount === pack.entities.length) return report;

    const stored = new Map<string, Entity>();
    await db.entities
      .where('source.pack')
      .equals(pack.id)
      .each((e) => stored.set(e.id, e));

    const changed: Entity[] = [];
    for (const entity of pack.entities) {
      const before = stored.get(entity.id);
      stored.delete(entity.id);
      if (!before) {
        report.added++;
        changed.push(entity);
      } else if (JSON.stringify(before) !== JSON.stringify(entity)) {
        report.updated++;
        changed.push(entity);
      }
    }
    await db.entities.bulkPut(changed);
    // What is left was dropped from the pack.
    report.removed = stored.size;
    await db.entities.bulkDelete([...stored.keys()]);
    await db.packs.put({
      id: pack.id,
      title: pack.title,
      version: pack.version,
      asOf: pack.asOf,
      entityCount: pack.entities.length,
      importedAt: Date.now(),
    });
    report.imported = true;
    return report;
  });
}
