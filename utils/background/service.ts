/**
 * What the background does, free of the extension APIs so unit tests drive it directly: keeps the
 * packs imported, holds the matcher built from the database, and answers the protocol's requests.
 */
import type { DossierDB, KnowledgeStatus, PackRecord } from '../db';
import { compileGazetteer, Gazetteer, MATCHER_CODE } from '../detect/gazetteer';
import { detectMentions } from '../detect/resolve';
import { characterClasses } from '../detect/text';
import { importPack, type ImportReport } from '../knowledge/import';
import type { CompiledPack, Entity } from '../knowledge/types';
import {
  addCorrection,
  correctionFilter,
  deleteUserEntity,
  removeCorrection,
  saveUserEntity,
  siteOf,
} from '../knowledge/user';
import { backgroundRequestSchemas } from '../message-schemas';
import type { BackgroundProtocol } from '../messages';
import { addNote, listNotes, recordAnchors } from '../notes/store';
import { SightingRecorder } from './sightings';
import type { OnlineMatch, OnlineSummary, WikipediaClient } from '../online/wikipedia';

const MATCHER_ID = 'main';
/** A fetched summary is reused for two weeks; older, it is fetched again (and shown while offline). */
export const LOOKUP_FRESH_MS = 14 * 24 * 60 * 60 * 1000;

/** Online lookups: whether the reader turned them on (and granted the hosts), and the client. */
export interface OnlineAccess {
  enabled(): Promise<boolean>;
  client: WikipediaClient;
}

/** What a card shows from Wikipedia: the summary, when it was fetched, and whether it is old. */
export type { OnlineMatch };

export interface OnlineAnswer {
  summary: OnlineSummary;
  fetchedAt: number;
  /** True when a fresh copy could not be fetched and an older one is shown. */
  stale: boolean;
}

/** What the build ships in public/packs/index.json: enough to tell whether a pack is current. */
export interface ShippedPack {
  id: string;
  version: string;
  entityCount: number;
  file: string;
  /** See `CompiledPack.contentHash`; packs held in memory (tests, tools) may leave it out. */
  contentHash?: string;
}

/** Where the background finds the packs the extension ships. */
export interface PackSource {
  list(): Promise<ShippedPack[]>;
  load(file: string): Promise<CompiledPack>;
}

/** A pack source over packs already in memory (tests, tools). */
export function packsInMemory(packs: CompiledPack[]): PackSource {
  return {
    list: () =>
      Promise.resolve(
        packs.map((p) => ({
          id: p.id,
          version: p.version,
          entityCount: p.entities.length,
          file: `${p.id}.json`,
          ...(p.contentHash ? { contentHash: p.contentHash } : {}),
        })),
      ),
    load: (file) => Promise.resolve(packs.find((p) => `${p.id}.json` === file)!),
  };
}

export type Handlers = {
  [K in keyof BackgroundProtocol]: (
    data: Parameters<BackgroundProtocol[K]>[0],
  ) => Promise<ReturnType<BackgroundProtocol[K]>>;
};

export class DossierService {
  private gazetteer: Promise<Gazetteer> | undefined;
  private packsReady: Promise<ImportReport[]> | undefined;

  /**
   * @param onKnowledgeChanged called after the reader's entities or corrections change, so open
   *   tabs can read their pages again
   */
  constructor(
    private readonly db: DossierDB,
    private readonly packs: PackSource,
    private readonly onKnowledgeChanged: () => void = () => {},
    private readonly online: OnlineAccess | null = null,
    private readonly now: () => number = () => Date.now(),
    private readonly historyEnabled: () => Promise<boolean> = () => Promise.resolve(true),
  ) {
    this.history = new SightingRecorder(db, historyEnabled, now);
  }

  /** Where the reader met each entity; public so tests can write what is pending at once. */
  readonly history: SightingRecorder;

  /**
   * The Wikipedia summary of an entity in the page's language (else English): from the cache
   * when fresh, fetched otherwise; an old copy when the network fails. Nothing is fetched unless
   * the reader turned online lookups on.
   */
  private async onlineSummary(entityId: string, lang: string): Promise<OnlineAnswer | null> {
    if (!this.online || !(await this.online.enabled())) return null;
    const entity = await this.db.entities.get(entityId);
    const titles = entity?.wikipedia ?? {};
    const wikiLang = titles[lang] ? lang : titles.en ? 'en' : Object.keys(titles)[0];
    if (!wikiLang) return null;
    const title = titles[wikiLang]!;
    const id = `${wikiLang}:${title}`;
    const cached = await this.db.lookups.get(id);
    if (cached && this.now() - cached.fetchedAt < LOOKUP_FRESH_MS) {
      return cached.summary ? { summary: cached.summary, fetchedAt: cached.fetchedAt, stale: false } : null;
    }
    try {
      const summary = await this.online.client.summary(wikiLang, title);
      const fetchedAt = this.now();
      await this.db.lookups.put({ id, fetchedAt, summary }).catch(() => {
        // A full disk costs the cache, not the answer.
      });
      return summary ? { summary, fetchedAt, stale: false } : null;
    } catch {
      return cached?.summary ? { summary: cached.summary, fetchedAt: cached.fetchedAt, stale: true } : null;
    }
  }

  /** Records what the background is doing, for the notes page and the popup to show. */
  private async setStatus(status: Omit<KnowledgeStatus, 'id' | 'userRevision'>): Promise<void> {
    try {
      await this.db.transaction('rw', this.db.status, async () => {
        const userRevision = (await this.db.status.get('knowledge'))?.userRevision ?? 0;
        await this.db.status.put({ id: 'knowledge', userRevision, ...status });
      });
    } catch {
      // The status is for show; a full disk must not stop detection.
    }
  }

  /** Imports the shipped packs once per worker start; a no-op when they are current. */
  ensurePacks(): Promise<ImportReport[]> {
    this.packsReady ??= (async () => {
      const reports: ImportReport[] = [];
      const startedAt = Date.now();
      const began = performance.now();
      try {
        for (const shipped of await this.packs.list()) {
          // Fetching and parsing a pack costs more than the whole check: skip packs already in.
          const stored = await this.db.packs.get(shipped.id);
          if (
            stored?.version === shipped.version &&
            stored.entityCount === shipped.entityCount &&
            (shipped.contentHash === undefined || stored.contentHash === shipped.contentHash)
          ) {
            continue;
          }
          const progress = (done: number, total: number) =>
            void this.setStatus({ phase: 'importing', pack: shipped.id, done, total, startedAt });
          progress(0, shipped.entityCount);
          // User Timing marks, so a DevTools trace of the worker shows where an import spends its time.
          const loading = performance.now();
          const pack = await this.packs.load(shipped.file);
          performance.measure(`Dossier: load ${shipped.id}`, { start: loading });
          const importing = performance.now();
          reports.push(await importPack(this.db, pack, progress));
          performance.measure(`Dossier: import ${shipped.id}`, { start: importing });
        }
      } catch (error) {
        await this.setStatus({ phase: 'error', done: 0, total: 0, startedAt, error: messageOf(error) });
        throw error;
      }
      if (reports.some((r) => r.imported)) {
        this.gazetteer = undefined;
        this.packInfo = undefined;
        this.importMs = performance.now() - began;
      }
      return reports;
    })();
    // A failed import is retried by the next request rather than remembered forever.
    this.packsReady.catch(() => (this.packsReady = undefined));
    return this.packsReady;
  }

  private packInfo: Promise<Map<string, PackRecord>> | undefined;
  /** How long this worker's import took, when it imported anything. */
  private importMs: number | undefined;

  /**
   * Entities as served: their source names the pack's current version and date. (Entities are
   * stored without rewriting them when only the pack's version changed; see `importPack`.)
   */
  private async withPackSource(entities: (Entity | undefined)[]): Promise<Entity[]> {
    this.packInfo ??= this.db.packs.toArray().then((list) => new Map(list.map((p) => [p.id, p])));
    const packs = await this.packInfo;
    return entities.flatMap((e) => {
      if (!e) return [];
      const pack = packs.get(e.source.pack);
      return [
        pack ? { ...e, source: { pack: pack.id, title: pack.title, version: pack.version, asOf: pack.asOf } } : e,
      ];
    });
  }

  /** After the reader changed their entities: the matcher is rebuilt and open tabs read again. */
  private knowledgeChanged(): void {
    this.gazetteer = undefined;
    this.onKnowledgeChanged();
  }

  /** Where the current matcher came from: built from the entities, or loaded as stored. */
  matcherSource: 'built' | 'stored' | null = null;

  /**
   * The matcher: loaded from the database when it was built from the same packs and entities,
   * otherwise built and stored for the next time the worker wakes.
   */
  private matcher(): Promise<Gazetteer> {
    if (this.gazetteer) return this.gazetteer;
    // Held, so that the steps below can tell whether it is still the matcher in use.
    const made: { current?: Promise<Gazetteer> } = {};
    const current = (made.current = (async () => {
      // A waking worker serves the matcher it stored as soon as it is read, while it checks the
      // packs: an import (only after an update) happens in one transaction and drops this
      // matcher when it is done, so detection never waits for the check. The stored matcher
      // fits when its signature matches the database as read now.
      const reading = this.db.matchers.get(MATCHER_ID);
      reading.catch(() => {});
      const checking = this.ensurePacks();
      checking.catch(() => {});
      const early = this.signature();
      // The character tables take a few dozen milliseconds to build: while the database reads.
      characterClasses();
      const [signature, stored] = await Promise.all([early, reading]);
      if (stored?.signature === signature) {
        this.matcherSource = 'stored';
        // Ready once the check is done: then either nothing changed, or the import dropped this
        // matcher and the next one is made. The status is for show; pages need not wait for it.
        void checking.then(
          () => {
            if (this.gazetteer === made.current) return this.markReady();
            // An update was imported: pages read meanwhile with the old matcher are read again.
            this.onKnowledgeChanged();
            return this.warmUp();
          },
          () => {},
        );
        return new Gazetteer(stored.data);
      }
      await checking;
      // An import just done dropped the matcher being made here; made after it, this one fits.
      if (this.gazetteer === undefined) this.gazetteer = made.current;
      const latest = await this.signature();
      if (stored?.signature === latest) {
        this.matcherSource = 'stored';
        void this.markReady();
        return new Gazetteer(stored.data);
      }
      const startedAt = Date.now();
      const began = performance.now();
      const total = await this.db.entities.count();
      await this.setStatus({ phase: 'building', done: 0, total, startedAt });
      const data = compileGazetteer(await this.db.entities.toArray());
      const buildMs = performance.now() - began;
      this.matcherSource = 'built';
      try {
        await this.db.matchers.put({ id: MATCHER_ID, signature: latest, builtAt: Date.now(), data });
      } catch {
        // A full disk only costs the next start a rebuild; detection goes on.
      }
      await this.setStatus({
        phase: 'ready',
        done: total,
        total,
        startedAt,
        finishedAt: Date.now(),
        buildMs,
        readySinceStartMs: performance.now(),
        ...(this.importMs !== undefined ? { importMs: this.importMs } : {}),
      });
      return new Gazetteer(data);
    })());
    this.gazetteer = current;
    current.catch(() => {
      if (this.gazetteer === current) this.gazetteer = undefined;
    });
    return current;
  }

  /** After a stored matcher was loaded: the status says ready, unless it already does. */
  private async markReady(): Promise<void> {
    const status = await this.db.status.get('knowledge');
    if (status?.phase === 'ready') return;
    const total = await this.db.entities.count();
    await this.setStatus({
      phase: 'ready',
      done: total,
      total,
      startedAt: Date.now(),
      finishedAt: Date.now(),
      readySinceStartMs: performance.now(),
      ...(this.importMs !== undefined ? { importMs: this.importMs } : {}),
    });
  }

  /**
   * What the matcher was built from: each pack's names (a new version that only changed facts
   * keeps the matcher), how many entities, which revision of the reader's own, and which version
   * of the matching code.
   */
  private async signature(): Promise<string> {
    const [packs, count, status] = await Promise.all([
      this.db.packs.toArray(),
      this.db.entities.count(),
      this.db.status.get('knowledge'),
    ]);
    const userRevision = status?.userRevision ?? 0;
    return `${packs
      .map((p) => `${p.id}@${p.matcherHash ?? p.version}:${p.entityCount}`)
      .sort()
      .join(',')};${count};user@${userRevision};code@${MATCHER_CODE}`;
  }

  /** Triggers the import and the matcher, so a fresh profile is ready before the first page. */
  async warmUp(): Promise<void> {
    await this.matcher();
  }

  readonly handlers: Handlers = {
    detect: async ({ blocks, context, url, visit, title }) => {
      const gazetteer = await this.matcher();
      const result = detectMentions(gazetteer, blocks, context);
      if (url) {
        const corrections = await this.db.corrections.where('site').equals(siteOf(url)).toArray();
        if (corrections.length > 0) {
          const keep = correctionFilter(corrections, url);
          result.mentions = result.mentions.filter((m) => keep(m.entityId, blocks[m.block]!.slice(m.start, m.end)));
        }
      }
      const ids = [...new Set(result.mentions.map((m) => m.entityId))];
      // Asked when the page is read as well as when the history is written: a page read while
      // history was off stays unrecorded even if it is turned on before the write.
      if (url && visit && (await this.historyEnabled())) this.history.record(visit, { url, title: title ?? '' }, ids);
      const entities = await this.withPackSource(await this.db.entities.bulkGet(ids));
      return { ...result, entities };
    },
    getEntities: async (ids) => {
      await this.ensurePacks();
      return this.withPackSource(await this.db.entities.bulkGet(ids));
    },
    getNotes: (filter) => listNotes(this.db, filter),
    saveNote: (draft) => addNote(this.db, draft),
    setNoteAnchors: ({ url, results }) => recordAnchors(this.db, url, results, this.now()),
    getSightings: ({ entityId, exceptUrl, limit }) => this.history.recent(entityId, exceptUrl, limit ?? 3),
    clearHistory: async () => {
      await this.history.clear();
      return true;
    },
    saveEntity: async (input) => {
      const entity = await saveUserEntity(this.db, input);
      this.knowledgeChanged();
      return entity;
    },
    deleteEntity: async (id) => {
      await deleteUserEntity(this.db, id);
      this.knowledgeChanged();
      return true;
    },
    addCorrection: async (input) => {
      const correction = await addCorrection(this.db, input);
      this.onKnowledgeChanged();
      return correction;
    },
    getOnlineSummary: ({ entityId, lang }) => this.onlineSummary(entityId, lang),
    searchOnline: async ({ query, lang }) => {
      if (!this.online || !(await this.online.enabled())) return [];
      // The page's language first; English when it has no such article.
      const found = await this.online.client.search(lang, query);
      return found.length > 0 || lang === 'en' ? found : this.online.client.search('en', query);
    },
    removeCorrection: async (id) => {
      await removeCorrection(this.db, id);
      this.onKnowledgeChanged();
      return true;
    },
  };

  /**
   * Validates a request that arrived from another context and runs its handler. Anything that
   * does not fit the protocol is refused with a message naming what is wrong.
   */
  async handle<K extends keyof BackgroundProtocol>(type: K, data: unknown): Promise<ReturnType<BackgroundProtocol[K]>> {
    const parsed = backgroundRequestSchemas[type].safeParse(data);
    if (!parsed.success) {
      throw new Error(`Dossier refused a malformed "${type}" request: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    const handler = this.handlers[type] as (d: unknown) => Promise<ReturnType<BackgroundProtocol[K]>>;
    return handler(parsed.data);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
