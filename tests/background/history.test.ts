// The reader's history of where they met each entity, and the anchor state of quoted notes, as the
// background records them.
import { describe, expect, it, vi } from 'vitest';
import { DossierService, packsInMemory } from '../../utils/background/service';
import { historyUrl } from '../../utils/background/sightings';
import { freshDb } from '../helpers/db';
import { shippedPacks } from '../helpers/packs';

const context = { lang: 'en', named: [], confirmed: [] };
const NVIDIA_PAGE = ['Nvidia sells its H20 chips in China, said Jensen Huang.'];

function service(options: { history?: boolean } = {}) {
  const db = freshDb();
  let time = 1_000;
  const clock = {
    now: () => time,
    advance: (ms: number) => (time += ms),
  };
  let history = options.history ?? true;
  const s = new DossierService(
    db,
    packsInMemory(shippedPacks()),
    () => {},
    null,
    clock.now,
    () => Promise.resolve(history),
  );
  return { db, service: s, clock, setHistory: (on: boolean) => (history = on) };
}

describe('history', () => {
  it('records each entity of a page once per visit, in one write, keeping when it was first seen', async () => {
    const { db, service: s, clock } = service();
    const bulkPut = vi.spyOn(db.sightings, 'bulkPut');
    const page = { url: 'https://news.example/a#top', visit: 'visit-1', title: 'Chips' };
    // A live page is read in batches and again as it changes: the same visit reports many times.
    await s.handle('detect', { blocks: NVIDIA_PAGE, context, ...page });
    clock.advance(10);
    await s.handle('detect', { blocks: NVIDIA_PAGE, context, ...page });
    await s.history.flush();
    expect(bulkPut).toHaveBeenCalledTimes(1);
    const rows = await db.sightings.where('entityId').equals('news:nvidia').toArray();
    expect(rows).toEqual([
      {
        entityId: 'news:nvidia',
        url: 'https://news.example/a',
        title: 'Chips',
        site: 'news.example',
        firstSeen: 1_000,
        lastSeen: 1_000,
      },
    ]);
    expect(await db.sightings.where('url').equals('https://news.example/a').count()).toBeGreaterThanOrEqual(2);

    // Nothing new in the same visit; a later visit moves lastSeen and keeps firstSeen.
    await s.handle('detect', { blocks: NVIDIA_PAGE, context, ...page });
    await s.history.flush();
    expect(bulkPut).toHaveBeenCalledTimes(1);
    clock.advance(60_000);
    await s.handle('detect', { blocks: NVIDIA_PAGE, context, ...page, visit: 'visit-2', title: 'Chips, updated' });
    await s.history.flush();
    expect(bulkPut).toHaveBeenCalledTimes(2);
    expect(await db.sightings.get(['news:nvidia', 'https://news.example/a'])).toMatchObject({
      title: 'Chips, updated',
      firstSeen: 1_000,
      lastSeen: 61_010,
    });
  });

  it('answers the most recent other pages of an entity', async () => {
    const { service: s, clock } = service();
    for (const [i, url] of ['https://a.example/1', 'https://b.example/2', 'https://c.example/3'].entries()) {
      clock.advance(1_000);
      await s.handle('detect', { blocks: NVIDIA_PAGE, context, url, visit: `v${i}`, title: `Page ${i}` });
      await s.history.flush();
    }
    const seen = await s.handle('getSightings', { entityId: 'news:nvidia', exceptUrl: 'https://c.example/3#x' });
    expect(seen.map((x) => x.title)).toEqual(['Page 1', 'Page 0']);
    expect(await s.handle('getSightings', { entityId: 'news:nvidia', limit: 1 })).toHaveLength(1);
    expect(await s.handle('getSightings', { entityId: 'news:nobody' })).toEqual([]);
  });

  it('records nothing while history is off, and nothing without a visit or from a non-web page', async () => {
    const { db, service: s, setHistory } = service({ history: false });
    await s.handle('detect', { blocks: NVIDIA_PAGE, context, url: 'https://a.example/', visit: 'v1', title: 'A' });
    await s.history.flush();
    expect(await db.sightings.count()).toBe(0);

    setHistory(true);
    await s.handle('detect', { blocks: NVIDIA_PAGE, context, url: 'https://b.example/' });
    await s.handle('detect', { blocks: NVIDIA_PAGE, context, url: 'file:///home/me/a.html', visit: 'v2', title: '' });
    await s.history.flush();
    expect(await db.sightings.count()).toBe(0);
  });

  it('is cleared by a message, including what was about to be written', async () => {
    const { db, service: s } = service();
    await s.handle('detect', { blocks: NVIDIA_PAGE, context, url: 'https://a.example/', visit: 'v1', title: 'A' });
    await s.history.flush();
    expect(await db.sightings.count()).toBeGreaterThan(0);
    await s.handle('detect', { blocks: NVIDIA_PAGE, context, url: 'https://b.example/', visit: 'v2', title: 'B' });
    expect(await s.handle('clearHistory', undefined)).toBe(true);
    await s.history.flush();
    expect(await db.sightings.count()).toBe(0);
  });

  it('remembers pages by their address without the fragment, and only web pages', () => {
    expect(historyUrl('https://a.example/x?id=1#part')).toBe('https://a.example/x?id=1');
    expect(historyUrl('chrome://settings')).toBeNull();
    expect(historyUrl('not a url')).toBeNull();
  });
});

describe('note anchors', () => {
  it('records found or detached for the quoted notes of that page only, leaving updatedAt alone', async () => {
    const { db, service: s, clock } = service();
    const page = { url: 'https://news.example/a', title: 'A', site: 'news.example' };
    const quote = { exact: 'Nvidia sells its H20 chips', prefix: '', suffix: ' in China', start: 0 };
    const found = await s.handle('saveNote', { page, quote, text: 'found' });
    const gone = await s.handle('saveNote', { page, quote: { ...quote, exact: 'gone' }, text: 'gone' });
    const elsewhere = await s.handle('saveNote', { page: { ...page, url: 'https://other.example/' }, quote, text: '' });
    const unquoted = await s.handle('saveNote', { page, text: 'page note' });
    clock.advance(5_000);
    const updated = await s.handle('setNoteAnchors', {
      url: page.url,
      results: [
        { id: found.id, found: true },
        { id: gone.id, found: false },
        { id: elsewhere.id, found: false },
        { id: unquoted.id, found: false },
        { id: 'no-such-note', found: false },
      ],
    });
    expect(updated).toBe(2);
    expect(await db.notes.get(found.id)).toMatchObject({ anchor: { state: 'found', checkedAt: 6_000 } });
    const detached = await db.notes.get(gone.id);
    expect(detached).toMatchObject({ text: 'gone', anchor: { state: 'detached', checkedAt: 6_000 } });
    expect(detached!.updatedAt).toBe(gone.updatedAt);
    expect((await db.notes.get(elsewhere.id))!.anchor).toBeUndefined();
    expect((await db.notes.get(unquoted.id))!.anchor).toBeUndefined();
    // A detached note is listed like any other: never lost.
    expect((await s.handle('getNotes', { url: page.url })).map((n) => n.id)).toContain(gone.id);
  });

  it('refuses malformed anchor and history requests', async () => {
    const { service: s } = service();
    await expect(s.handle('setNoteAnchors', { url: 'x', results: [{ id: 'a', found: 'yes' }] })).rejects.toThrow(
      /malformed "setNoteAnchors"/,
    );
    await expect(s.handle('getSightings', { entityId: '' })).rejects.toThrow(/malformed "getSightings"/);
    await expect(s.handle('clearHistory', { all: true })).rejects.toThrow(/malformed "clearHistory"/);
  });
});
