/**
 * The one place that declares Dossier's database. It lives in the extension's origin: only the
 * background and the extension pages open it. A content script that opened IndexedDB would write
 * into the news site's origin, where the site could read it, so content scripts ask the background.
 *
 * Every schema change is a new version below with an upgrade that keeps all data; old versions
 * that carry an upgrade stay declared.
 */
import Dexie, { type DexieOptions, type EntityTable, type Table } from 'dexie';
import type { GazetteerData } from './detect/gazetteer';
import type { Entity, PackInfo } from './knowledge/types';
import type { Note } from './notes/model';
import type { OnlineSummary } from './online/wikipedia';

export interface PackRecord extends PackInfo {
  entityCount: number;
  importedAt: number;
  /** Each entity's content hash, so an update finds what changed without reading them back. */
  entityHashes?: Record<string, string>;
  /** A hash of what the matcher is built from: a new version that keeps it keeps the matcher. */
  matcherHash?: string;
  /** See `CompiledPack.contentHash`. */
  contentHash?: string;
}

/**
 * The matcher compiled from the entities, stored so a waking service worker loads it instead of
 * building it again. `signature` says which packs and entities it was built from.
 */
export interface MatcherRecord {
  id: string;
  signature: string;
  builtAt: number;
  data: GazetteerData;
}

/**
 * What the background is doing with the knowledge, for the notes page and the popup to show:
 * importing a pack (with progress), building the matcher, or ready. One row, id 'knowledge'.
 */
export interface KnowledgeStatus {
  id: 'knowledge';
  phase: 'importing' | 'building' | 'ready' | 'error';
  /** The pack being imported. */
  pack?: string;
  done: number;
  total: number;
  startedAt: number;
  finishedAt?: number;
  error?: string;
  /** Bumped on every change to the reader's own entities, so the matcher is rebuilt. */
  userRevision: number;
  /** Once ready: how long this start's import and matcher build took, and when (in ms since the
   * worker started) detection was ready. For the knowledge page and the benchmark. */
  importMs?: number;
  buildMs?: number;
  readySinceStartMs?: number;
}

/**
 * A reader's correction: "not this entity here" (on one page, for one written form) or "never
 * mark this entity on this site".
 */
export interface Correction {
  id: string;
  kind: 'not-here' | 'not-on-site';
  entityId: string;
  site: string;
  /** For 'not-here': the page and the form as written there. */
  url?: string;
  surface?: string;
  createdAt: number;
}

/** A Wikipedia summary fetched for the reader, kept with the time it was fetched. */
export interface LookupRecord {
  /** `<lang>:<title>` */
  id: string;
  fetchedAt: number;
  /** null when Wikipedia has no such article. */
  summary: OnlineSummary | null;
}

/**
 * A page on which the reader met an entity: the history behind "Also seen on". One row per entity
 * and page address; it never leaves the browser and is only written while history is on.
 */
export interface Sighting {
  entityId: string;
  url: string;
  title: string;
  site: string;
  firstSeen: number;
  lastSeen: number;
}

export class DossierDB extends Dexie {
  entities!: EntityTable<Entity, 'id'>;
  packs!: EntityTable<PackRecord, 'id'>;
  notes!: EntityTable<Note, 'id'>;
  matchers!: EntityTable<MatcherRecord, 'id'>;
  status!: EntityTable<KnowledgeStatus, 'id'>;
  corrections!: EntityTable<Correction, 'id'>;
  lookups!: EntityTable<LookupRecord, 'id'>;
  sightings!: Table<Sighting, [string, string]>;

  constructor(options?: DexieOptions) {
    super('dossier', options);
    this.version(1).stores({
      entities: 'id, type, source.pack',
      packs: 'id',
      notes: 'id, entityId, page.url, createdAt, updatedAt',
    });
    // Version 2 adds the stored matcher; existing tables and their rows are unchanged.
    this.version(2).stores({ matchers: 'id' });
    // Version 3 adds the knowledge status (import progress) and the reader's corrections.
    this.version(3).stores({ status: 'id', corrections: 'id, entityId, site, url' });
    // Version 4 adds the cache of online lookups (only ever filled when the reader turned them on).
    this.version(4).stores({ lookups: 'id, fetchedAt' });
    // Version 5 adds the reader's history: on which pages each entity was seen, most recent first
    // through [entityId+lastSeen]. Notes gain an optional anchor state, which needs no index.
    this.version(5).stores({ sightings: '[entityId+url], entityId, url, lastSeen, [entityId+lastSeen]' });
  }
}

let shared: DossierDB | undefined;

/** The database of this extension context, opened on first use. */
export function getDb(): DossierDB {
  shared ??= new DossierDB();
  return shared;
}
