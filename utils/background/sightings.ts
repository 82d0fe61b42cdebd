/**
 * The reader's history: on which pages they met each entity. Detection runs in batches, and a live
 * page is read again as it changes, so the same page reports the same entities many times; the
 * recorder keeps one row per entity and page, writes it at most once per visit, and gathers the
 * writes of a moment into one transaction.
 */
import Dexie from 'dexie';
import type { DossierDB, Sighting } from '../db';
import { pageOf } from '../notes/model';

/** Sightings are gathered for this long before they are written together. */
export const SIGHTING_FLUSH_MS = 500;
/** How many (visit, entity) pairs are remembered as written; the oldest are forgotten first. */
const MAX_REMEMBERED = 20_000;

export interface SightingPage {
  url: string;
  title: string;
}

export class SightingRecorder {
  private written = new Set<string>();
  private pending = new Map<string, Sighting>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();

  /**
   * @param enabled whether the reader keeps a history; asked before every write
   */
  constructor(
    private readonly db: DossierDB,
    private readonly enabled: () => Promise<boolean>,
    private readonly now: () => number = () => Date.now(),
    private readonly delayMs = SIGHTING_FLUSH_MS,
  ) {}

  /** The entities found in one batch of a visit's detection; written shortly after. */
  record(visit: string, page: SightingPage, entityIds: readonly string[]): void {
    const url = historyUrl(page.url);
    if (!url) return;
    const { site } = pageOf(url, page.title);
    const time = this.now();
    for (const entityId of entityIds) {
      const key = `${visit}\n${entityId}`;
      if (this.written.has(key)) continue;
      this.written.add(key);
      this.pending.set(`${entityId}\n${url}`, {
        entityId,
        url,
        title: page.title.slice(0, 300),
        site,
        firstSeen: time,
        lastSeen: time,
      });
    }
    // A Set keeps insertion order, so the first entries are the oldest visits.
    for (const key of this.written) {
      if (this.written.size <= MAX_REMEMBERED) break;
      this.written.delete(key);
    }
    if (this.pending.size > 0 && this.timer === undefined) {
      this.timer = setTimeout(() => void this.flush(), this.delayMs);
    }
  }

  /** Writes what is pending now, in one transaction; keeps the first time each page was seen. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending.clear();
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0 || !(await this.enabled())) return;
      try {
        await this.db.transaction('rw', this.db.sightings, async () => {
          const existing = await this.db.sightings.bulkGet(batch.map((s) => [s.entityId, s.url]));
          await this.db.sightings.bulkPut(
            batch.map((s, i) => ({ ...s, firstSeen: existing[i]?.firstSeen ?? s.firstSeen })),
          );
        });
      } catch {
        // History is a convenience: a full disk must not disturb reading.
      }
    });
    return this.flushing;
  }

  /** Forgets the whole history, including what was about to be written. */
  async clear(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    await this.flushing;
    await this.db.sightings.clear();
  }

  /** The most recent pages where the entity was seen, other than `exceptUrl`. */
  async recent(entityId: string, exceptUrl: string | undefined, limit: number): Promise<Sighting[]> {
    const except = exceptUrl === undefined ? undefined : historyUrl(exceptUrl);
    const rows = await this.db.sightings
      .where('[entityId+lastSeen]')
      .between([entityId, Dexie.minKey], [entityId, Dexie.maxKey])
      .reverse()
      .limit(limit + 1)
      .toArray();
    return rows.filter((s) => s.url !== except).slice(0, limit);
  }
}

/**
 * The address a page is remembered by: only web pages, without the fragment, which names a place
 * on the same page rather than another page.
 */
export function historyUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    parsed.hash = '';
    return parsed.href;
  } catch {
    return null;
  }
}
