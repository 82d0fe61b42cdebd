// Online lookups: off by default, and then nothing leaves the browser; once the reader turns
// them on, a card shows Wikipedia's summary in the page's language, fetched once and kept.
// Every host but 127.0.0.1 is sent to a local stand-in for Wikipedia that records what it gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Launched } from '../scripts/lib/launch';
import { ROOT } from '../scripts/lib/pack-sources';
import type { StaticServer } from '../scripts/lib/static-server';
import { startWikiFixtures, type WikiFixtureServer } from '../scripts/lib/wiki-fixtures';
import {
  CardProbe,
  hoverText,
  paintedMarks,
  saveScreenshot,
  selectText,
  startBrowser,
  startServer,
  waitForMarks,
} from './helpers/harness';

let server: StaticServer;
let wiki: WikiFixtureServer;

beforeAll(async () => {
  server = await startServer();
  wiki = await startWikiFixtures();
});

afterAll(async () => {
  await server?.close();
  await wiki?.close();
});

const fromExtension = () =>
  wiki.requests.filter(
    (r) =>
      /wiki(pedia|data|media)\.org$/.test(r.host) || String(r.headers.origin ?? '').startsWith('chrome-extension:'),
  );

describe('with online lookups off (as installed)', () => {
  let browser: Launched;
  afterAll(async () => browser?.close());

  it('no request leaves the browser while the reader reads, hovers and takes notes', async () => {
    browser = await startBrowser({ extraArgs: wiki.chromiumArgs });
    const article = await browser.context.newPage();
    await article.goto(`${server.url}/seed-article-de.html`);
    await waitForMarks(article);
    const card = new CardProbe(article);
    await hoverText(article, 'Jensen Huang');
    const text = await card.waitForText((t) => t?.includes('Jensen Huang') ?? false);
    expect(text).not.toContain('Wikipedia, fetched');
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#knowledge`);
    expect(await options.getByLabel('Look entities up on Wikipedia').isChecked()).toBe(false);
    expect(fromExtension()).toEqual([]);
  });
});

describe('with online lookups on', () => {
  let browser: Launched;
  afterAll(async () => browser?.close());

  it('a card shows the Wikipedia summary in the page’s language, fetched once with an identifying header', async () => {
    browser = await startBrowser({
      extraArgs: wiki.chromiumArgs,
      extensionDir: join(ROOT, '.output-online-test', 'chrome-mv3'),
    });
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#knowledge`);
    const toggle = options.getByLabel('Look entities up on Wikipedia');
    await toggle.check();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await saveScreenshot(options, 'online-01-setting');

    const article = await browser.context.newPage();
    await article.goto(`${server.url}/seed-article-de.html`);
    await waitForMarks(article);
    const card = new CardProbe(article);
    await hoverText(article, 'Jensen Huang');
    const text = await card.waitForText((t) => t?.includes('Wikipedia, fetched') ?? false);
    // The German article, as the page is German; with its source and age.
    expect(text).toContain('Mitgründer, Präsident und CEO des Grafikprozessor-Herstellers Nvidia');
    expect(text).toMatch(/Wikipedia, fetched today/);
    expect(text).toContain('Open on Wikipedia');
    await saveScreenshot(article, 'online-02-card-with-wikipedia');

    const summaries = wiki.requests.filter((r) => r.path.startsWith('/api/rest_v1/page/summary/'));
    expect(summaries.map((r) => `${r.host}${r.path}`)).toEqual([
      'de.wikipedia.org/api/rest_v1/page/summary/Jensen_Huang',
    ]);
    expect(summaries[0]!.headers['api-user-agent']).toMatch(/^Dossier\//);
    expect(wiki.requests.some((r) => r.host === 'upload.wikimedia.org')).toBe(true);

    // Shown again from the cache: no second request.
    await article.mouse.move(5, 5);
    await card.waitForText((t) => t === null);
    await hoverText(article, 'Jensen Huang', 1);
    await card.waitForText((t) => t?.includes('Wikipedia, fetched') ?? false);
    expect(wiki.requests.filter((r) => r.path.startsWith('/api/rest_v1/page/summary/'))).toHaveLength(1);
  });

  it('“Look it up” on a selection finds the article, and the chosen one becomes an entity', async () => {
    const article = await browser.context.newPage();
    await article.goto(`${server.url}/local-news-en.html`);
    await waitForMarks(article);
    const card = new CardProbe(article);
    await selectText(article, 'Rachel Carson');
    await card.waitForText((t) => t?.startsWith('Add to Dossier') ?? false);
    await card.clickButton('Add to Dossier');
    // The editor offers the look-up once it has read the reader's settings.
    await card.waitForText((t) => t?.includes('Look it up on Wikipedia') ?? false);
    await card.clickButton('Look it up on Wikipedia');
    const results = await card.waitForText((t) => t?.includes('Rachel Carson Bridge') ?? false);
    expect(results).toContain('American marine biologist and conservationist (1907–1964)');
    await saveScreenshot(article, 'online-03-look-up');
    await card.clickButton('Rachel Carson');
    await card.waitForText((t) => (t?.includes('Save entity') ?? false) && !t?.includes('Rachel Carson Bridge'));
    await card.clickButton('Save entity');
    await card.waitForText((t) => t?.includes('Dossier now knows “Rachel Carson”') ?? false);
    await expect
      .poll(async () => (await paintedMarks(article))['dossier-person'] ?? [], { timeout: 15_000 })
      .toContain('Rachel Carson');
    // Its card now carries the article chosen.
    await card.clickButton('×');
    await card.waitForText((t) => t === null);
    await hoverText(article, 'Rachel Carson');
    const text = await card.waitForText((t) => t?.includes('Wikipedia, fetched') ?? false);
    expect(text).toContain('Her 1962 book Silent Spring');
  });

  it('turned off again, cards no longer ask Wikipedia', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#knowledge`);
    const toggle = options.getByLabel('Look entities up on Wikipedia');
    await toggle.uncheck();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    // Only what Dossier asks counts: Chromium itself calls home now and then (accounts.google.com).
    const before = fromExtension().length;
    const article = await browser.context.newPage();
    await article.goto(`${server.url}/trade-talks-en.html`);
    await waitForMarks(article);
    const card = new CardProbe(article);
    // The body's "Nvidia designed", not the navigation's unmarked link.
    await hoverText(article, 'Nvidia designed');
    const text = await card.waitForText((t) => t?.includes('US chip designer') ?? false);
    expect(text).not.toContain('Wikipedia, fetched');
    expect(
      fromExtension()
        .slice(before)
        .map((r) => `${r.host}${r.path}`),
    ).toEqual([]);
  });
});
