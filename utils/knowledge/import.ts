/**
 * Imports a compiled pack into the database: idempotent, in one transaction, writing only the
 * entities that changed. A pack owns only its own entities; notes and the reader's own entities
 * are never touched.
 */
import Dexie from 'dexie';
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

/** Called as the import goes: `done` of `total` entities compared or written. */
export type ImportProgress = (done: number, total: number) => void;

/** Entities are written in slices so progress can be reported between them. */
const SLICE = 500;

/**
 * An entity as it compares between versions: without its `source`, which names the pack's
 * version and date. A new version that changes 1 % of the entities then writes 1 %; the source
 * shown on cards comes from the pack's record (see `withPackSource`).
 */
function comparable(entity: Entity): string {
  const { source: _source, ...rest } = entity;
  return JSON.stringify(rest);
}

export async function importPack(
  db: DossierDB,
  pack: CompiledPack,
  onProgress?: ImportProgress,
): Promise<ImportReport> {
  const total = pack.entities.length;
  // Progress goes to a table outside the import's transaction, so other pages see it at once.
  const report_ = (done: number) => Dexie.ignoreTransaction(() => onProgress?.(done, total));
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
    if (existing?.version === pack.version && existing.entityCount === total) return report;

    const stored = new Map<string, string>();
    await db.entities
      .where('source.pack')
      .equals(pack.id)
      .each((e) => stored.set(e.id, comparable(e)));

    const changed: Entity[] = [];
    for (const entity of pack.entities) {
      const before = stored.get(entity.id);
      stored.delete(entity.id);
      if (before === undefined) {
        report.added++;
        changed.push(entity);
      } else if (before !== comparable(entity)) {
        report.updated++;
        changed.push(entity);
      }
    }
    const unchanged = total - changed.length;
    report_(unchanged);
    for (let i = 0; i < changed.length; i += SLICE) {
      await db.entities.bulkPut(changed.slice(i, i + SLICE));
      report_(unchanged + Math.min(changed.length, i + SLICE));
    }
    // What is left was dropped from the pack.
    report.removed = stored.size;
    await db.entities.bulkDelete([...stored.keys()]);
    await db.packs.put({
      id: pack.id,
      title: pack.title,
      version: pack.version,
      asOf: pack.asOf,
      entityCount: total,
      importedAt: Date.now(),
    });
    report.imported = true;
    return report;
  });
}
