/**
 * What the background does, free of the extension APIs so unit tests drive it directly: keeps the
 * packs imported, holds the matcher built from the database, and answers the protocol's requests.
 */
import type { DossierDB } from '../db';
import { compileGazetteer, Gazetteer } from '../detect/gazetteer';
import { detectMentions } from '../detect/resolve';
import { importPack, type ImportReport } from '../knowledge/import';
import type { CompiledPack, Entity } from '../knowledge/types';
import { backgroundRequestSchemas } from '../message-schemas';
import type { BackgroundProtocol } from '../messages';
import { addNote, listNotes } from '../notes/store';

const MATCHER_ID = 'main';

/** What the build ships in public/packs/index.json: enough to tell whether a pack is current. */
export interface ShippedPack {
  id: string;
  version: string;
  entityCount: number;
  file: string;
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
        packs.map((p) => ({ id: p.id, version: p.version, entityCount: p.entities.length, file: `${p.id}.json` })),
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

  constructor(
    private readonly db: DossierDB,
    private readonly packs: PackSource,
  ) {}

  /** Imports the shipped packs once per worker start; a no-op when they are current. */
  ensurePacks(): Promise<ImportReport[]> {
    this.packsReady ??= (async () => {
      const reports: ImportReport[] = [];
      for (const shipped of await this.packs.list()) {
        // Fetching and parsing a pack costs more than the whole check: skip packs already in.
        const stored = await this.db.packs.get(shipped.id);
        if (stored?.version === shipped.version && stored.entityCount === shipped.entityCount) continue;
        reports.push(await importPack(this.db, await this.packs.load(shipped.file)));
      }
      if (reports.some((r) => r.imported)) this.gazetteer = undefined;
      return reports;
    })();
    // A failed import is retried by the next request rather than remembered forever.
    this.packsReady.catch(() => (this.packsReady = undefined));
    return this.packsReady;
  }

  /** Where the current matcher came from: built from the entities, or loaded as stored. */
  matcherSource: 'built' | 'stored' | null = null;

  /**
   * The matcher: loaded from the database when it was built from the same packs and entities,
   * otherwise built and stored for the next time the worker wakes.
   */
  private matcher(): Promise<Gazetteer> {
    this.gazetteer ??= (async () => {
      await this.ensurePacks();
      const signature = await this.signature();
      const stored = await this.db.matchers.get(MATCHER_ID);
      if (stored?.signature === signature) {
        this.matcherSource = 'stored';
        return new Gazetteer(stored.data);
      }
      const data = compileGazetteer(await this.db.entities.toArray());
      this.matcherSource = 'built';
      try {
        await this.db.matchers.put({ id: MATCHER_ID, signature, builtAt: Date.now(), data });
      } catch {
        // A full disk only costs the next start a rebuild; detection goes on.
      }
      return new Gazetteer(data);
    })();
    this.gazetteer.catch(() => (this.gazetteer = undefined));
    return this.gazetteer;
  }

  /** Which packs (and versions) and how many entities the database holds. */
  private async signature(): Promise<string> {
    const packs = await this.db.packs.toArray();
    const count = await this.db.entities.count();
    return `${packs
      .map((p) => `${p.id}@${p.version}:${p.entityCount}`)
      .sort()
      .join(',')};${count}`;
  }

  readonly handlers: Handlers = {
    detect: async ({ blocks, context }) => {
      const gazetteer = await this.matcher();
      const result = detectMentions(gazetteer, blocks, context);
      const ids = [...new Set(result.mentions.map((m) => m.entityId))];
      const entities = (await this.db.entities.bulkGet(ids)).filter((e): e is Entity => e !== undefined);
      return { ...result, entities };
    },
    getEntities: async (ids) => {
      await this.ensurePacks();
      return (await this.db.entities.bulkGet(ids)).filter((e): e is Entity => e !== undefined);
    },
    getNotes: (filter) => listNotes(this.db, filter),
    saveNote: (draft) => addNote(this.db, draft),
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
