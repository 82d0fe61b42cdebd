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

/** A 53-bit FNV-1a hash of a string, in base 36: enough to tell versions of an entity apart. */
export function hashText(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return ((h2 >>> 0) & 0x1fffff).toString(36) + (h1 >>> 0).toString(36).padStart(7, '0');
}

/**
 * An entity's content as it compares between versions: without its `source`, which names the
 * pack's version and date. A new version that changes 1 % of the entities then writes 1 %; the
 * source shown on cards comes from the pack's record (see `withPackSource`).
 */
export function entityHash(entity: Entity): string {
  const { source: _source, ...rest } = entity;
  return hashText(JSON.stringify(rest));
}

/** What the matcher is built from: names, case rules, evidence, relations. Not descriptions. */
function matcherPart(entity: Entity): string {
  const { id, type, labels, aliases, short, caseSensitive, evidence, notNames, related } = entity;
  return JSON.stringify([id, type, labels, aliases, short, caseSensitive, evidence, notNames, related]);
}

/** One hash over what the matcher needs of a pack: unchanged names need no new matcher. */
export function packMatcherHash(entities: readonly Entity[]): string {
  return hashText(entities.map(matcherPart).join('\n'));
}

/** See `CompiledPack.contentHash`. */
export function packContentHash(entityHashes: readonly string[]): string {
  return hashText(entityHashes.join(','));
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
    const shippedHashes = pack.hashes?.length === total ? pack.hashes : undefined;
    const contentHash = pack.contentHash ?? packContentHash(shippedHashes ?? pack.entities.map(entityHash));
    const existing = await db.packs.get(pack.id);
    // The same version with other content (a pack edited without raising its version) is imported.
    if (existing?.version === pack.version && existing.entityCount === total && existing.contentHash === contentHash) {
      return report;
    }

    // What is stored, as hashes: the pack's record keeps them, so an update compares without
    // reading every entity back (a database written before they were kept reads the entities).
    const stored = new Map<string, string>(Object.entries(existing?.entityHashes ?? {}));
    if (existing && !existing.entityHashes) {
      await db.entities
        .where('source.pack')
        .equals(pack.id)
        .each((e) => stored.set(e.id, entityHash(e)));
    }

    const source = { pack: pack.id, title: pack.title, version: pack.version, asOf: pack.asOf };
    const hashes: Record<string, string> = {};
    const changed: Entity[] = [];
    for (let i = 0; i < total; i++) {
      // Every entity names the pack it came from; the shipped file leaves that to the header.
      const entity = { ...pack.entities[i]!, source };
      const hash = shippedHashes?.[i] ?? entityHash(entity);
      hashes[entity.id] = hash;
      const before = stored.get(entity.id);
      stored.delete(entity.id);
      if (before === undefined) {
        report.added++;
        changed.push(entity);
      } else if (before !== hash) {
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
      entityHashes: hashes,
      matcherHash: pack.matcherHash ?? packMatcherHash(pack.entities),
      contentHash,
    });
    report.imported = true;
    return report;
  });
}

/** The pack as the build ships it: entities without their source, with hashes precomputed. */
export function shippedForm(pack: CompiledPack): CompiledPack {
  const hashes = pack.entities.map(entityHash);
  return {
    ...pack,
    entities: pack.entities.map(({ source: _source, ...entity }) => entity as Entity),
    hashes,
    matcherHash: packMatcherHash(pack.entities),
    contentHash: packContentHash(hashes),
  };
}
