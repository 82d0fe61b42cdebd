// Online lookups in the background: asked only when turned on, identified, spaced out, cached for
// two weeks and shown from the cache (marked as old) when the network fails.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DossierService, LOOKUP_FRESH_MS, packsInMemory } from '../../utils/background/service';
import { USER_AGENT, WikipediaClient } from '../../utils/online/wikipedia';
import { ROOT } from '../../scripts/lib/pack-sources';
import { freshDb } from '../helpers/db';
import { shippedPacks } from '../helpers/packs';

const fixture = readFileSync(join(ROOT, 'e2e', 'fixtures', 'wikipedia', 'de', 'Jensen_Huang.json'), 'utf8');
const png = readFileSync(join(ROOT, 'e2e', 'fixtures', 'wikipedia', 'thumbnail.png'));

interface Call {
  url: string;
  headers: Record<string, string>;
  at: number;
}

function fakeFetch(options: { failing?: () => boolean } = {}) {
  const calls: Call[] = [];
  const fetcher = ((input: RequestInfo | URL, init?: RequestInit) =>
    Promise.resolve(answer(input, init))) as typeof fetch;
  function answer(input: RequestInfo | URL, init?: RequestInit): Response {
    const url = input instanceof Request ? input.url : input.toString();
    calls.push({ url, headers: (init?.headers ?? {}) as Record<string, string>, at: Date.now() });
    if (options.failing?.()) throw new TypeError('Failed to fetch');
    if (url.startsWith('https://upload.wikimedia.org/')) {
      return new Response(png, { headers: { 'content-type': 'image/png' } });
    }
    if (url.endsWith('/Jensen_Huang'))
      return new Response(fixture, { headers: { 'content-type': 'application/json' } });
    return new Response('{"type":"not_found"}', { status: 404 });
  }
  return { fetcher, calls };
}

describe('WikipediaClient', () => {
  it('fetches a summary as plain text, with its picture inline and an identifying header', async () => {
    const { fetcher, calls } = fakeFetch();
    const summary = await new WikipediaClient(fetcher, 0).summary('de', 'Jensen Huang');
    expect(summary).toMatchObject({
      lang: 'de',
      title: 'Jensen Huang',
      url: 'https://de.wikipedia.org/wiki/Jensen_Huang',
      description: 'taiwanisch-US-amerikanischer Unternehmer',
    });
    expect(summary!.extract).toMatch(/^Jen-Hsun „Jensen“ Huang ist/);
    expect(summary!.thumbnail).toMatch(/^data:image\/png;base64,/);
    expect(calls[0]!.url).toBe('https://de.wikipedia.org/api/rest_v1/page/summary/Jensen_Huang');
    expect(calls.every((c) => c.headers['Api-User-Agent'] === USER_AGENT)).toBe(true);
  });

  it('answers null for a missing article and refuses what is not a language', async () => {
    const { fetcher } = fakeFetch();
    const client = new WikipediaClient(fetcher, 0);
    expect(await client.summary('de', 'Niemand')).toBeNull();
    await expect(client.summary('evil.example/x', 'A')).rejects.toThrow(/Not a Wikipedia language/);
  });

  it('spaces requests out', async () => {
    const { fetcher, calls } = fakeFetch();
    const client = new WikipediaClient(fetcher, 100);
    await Promise.all([client.summary('de', 'A'), client.summary('de', 'B'), client.summary('de', 'C')]);
    // Each request waits for its slot, 100 ms after the one before; on a busy machine the first
    // may start a little late, so the span of the three is what is checked.
    expect(calls).toHaveLength(3);
    expect(calls[2]!.at - calls[0]!.at).toBeGreaterThanOrEqual(150);
  });
});

describe('online summaries in the background', () => {
  function setup(enabled: boolean, failing = () => false) {
    const db = freshDb();
    const { fetcher, calls } = fakeFetch({ failing });
    let now = Date.UTC(2026, 10, 26);
    const service = new DossierService(
      db,
      packsInMemory(shippedPacks()),
      () => {},
      { enabled: () => Promise.resolve(enabled), client: new WikipediaClient(fetcher, 0) },
      () => now,
    );
    return { service, calls, advance: (ms: number) => (now += ms) };
  }

  it('asks nothing while online lookups are off', async () => {
    const { service, calls } = setup(false);
    await service.ensurePacks();
    expect(await service.handle('getOnlineSummary', { entityId: 'news:jensen-huang', lang: 'de' })).toBeNull();
    expect(calls).toEqual([]);
  });

  it('fetches once, reuses the copy for two weeks, then fetches again', async () => {
    const { service, calls, advance } = setup(true);
    await service.ensurePacks();
    const first = await service.handle('getOnlineSummary', { entityId: 'news:jensen-huang', lang: 'de' });
    expect(first).toMatchObject({ stale: false, summary: { lang: 'de', title: 'Jensen Huang' } });
    const summaryCalls = () => calls.filter((c) => c.url.includes('/page/summary/')).length;
    advance(LOOKUP_FRESH_MS - 1000);
    await service.handle('getOnlineSummary', { entityId: 'news:jensen-huang', lang: 'de' });
    expect(summaryCalls()).toBe(1);
    advance(2000);
    await service.handle('getOnlineSummary', { entityId: 'news:jensen-huang', lang: 'de' });
    expect(summaryCalls()).toBe(2);
  });

  it('shows the old copy, marked as such, when the network fails', async () => {
    let offline = false;
    const { service, advance } = setup(true, () => offline);
    await service.ensurePacks();
    const fetched = await service.handle('getOnlineSummary', { entityId: 'news:jensen-huang', lang: 'de' });
    offline = true;
    advance(LOOKUP_FRESH_MS * 2);
    const old = await service.handle('getOnlineSummary', { entityId: 'news:jensen-huang', lang: 'de' });
    expect(old).toEqual({ ...fetched, stale: true });
  });
});
