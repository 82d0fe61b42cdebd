// The Firefox build loads in Firefox and reads the seed article there too. Firefox is driven over
// WebDriver BiDi (puppeteer-core), which installs the build as a temporary add-on.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_ADVICE, findFirefox } from '../scripts/lib/browsers';
import { ROOT } from '../scripts/lib/pack-sources';
import type { StaticServer } from '../scripts/lib/static-server';
import { SCREENSHOTS_DIR, startServer } from './helpers/harness';

const FIREFOX_BUILD = join(ROOT, '.output', 'firefox-mv2');

let server: StaticServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(FIREFOX_ADVICE);
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  server = await startServer();
  browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
  await browser.installExtension(FIREFOX_BUILD);
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${server.url}/seed-article-de.html`);
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((k) => k.startsWith('dossier-')), {
    timeout: 20_000,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the Firefox build', () => {
  it('marks the entities of the seed article', async () => {
    const marks = await page.evaluate(() =>
      [...CSS.highlights].flatMap(([name, h]) =>
        name.startsWith('dossier-') ? [...(h as unknown as Set<Range>)].map((r) => r.toString()) : [],
      ),
    );
    for (const form of ['Jensen Huang', 'Nvidias', 'Lizzi Lee', 'H20', 'Peking', 'Weißen Haus', 'Wang Wentao']) {
      expect(marks).toContain(form);
    }
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'firefox-01-highlighted-article.png') });
  });

  it('opens the card, in a closed shadow root, when the pointer rests on a name', async () => {
    const point = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.nodeValue!.indexOf('Lizzi Lee');
        if (at < 0) continue;
        node.parentElement!.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 9);
        const box = range.getBoundingClientRect();
        return { x: box.left + box.width / 2, y: box.top + box.height / 2, bottom: box.bottom };
      }
      return null;
    });
    expect(point).not.toBeNull();
    await page.mouse.move(point!.x - 40, point!.y + 30);
    await page.mouse.move(point!.x, point!.y, { steps: 4 });
    // The card opens just below the mention; the page sees only its closed host there.
    await page.waitForFunction(
      (x: number, y: number) => document.elementFromPoint(x, y)?.localName === 'dossier-card',
      { timeout: 10_000 },
      point!.x,
      point!.bottom + 40,
    );
    expect(await page.evaluate(() => document.querySelector('dossier-card')?.shadowRoot ?? null)).toBeNull();
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'firefox-02-card.png') });
  });
});
