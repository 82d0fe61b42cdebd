// Text that arrives after load where a plain observer would miss it or drown: inside an open
// shadow root, and on a page of 1 MB of text that keeps adding posts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Launched } from '../scripts/lib/launch';
import { compileAllPacks } from '../scripts/lib/pack-sources';
import { serveDirectory, type StaticServer } from '../scripts/lib/static-server';
import { syntheticText } from '../scripts/lib/synthetic';
import { mentionsInPopup, saveScreenshot, startBrowser, startServer, waitForMarks } from './helpers/harness';

declare global {
  interface Window {
    addShadowPost(text: string): string;
    editShadowPost(id: string, text: string): void;
    addPost(text: string): void;
  }
}

let server: StaticServer;
let largeServer: StaticServer;
let largeDir: string;
let browser: Launched;

/** Every painted mark's text, also those whose range lies in a shadow root. */
const marks = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const [name, h] of CSS.highlights) {
      if (name.startsWith('dossier-') && !name.startsWith('dossier-hover')) {
        for (const r of h as unknown as Set<Range>) out.push(r.toString());
      }
    }
    return out.sort();
  });

/** The painted marks whose text is on screen now. */
const marksOnScreen = (page: Page) =>
  page.evaluate(() => {
    let n = 0;
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('dossier-') || name.startsWith('dossier-hover')) continue;
      for (const r of h as unknown as Set<Range>) {
        const rect = r.getBoundingClientRect();
        if (rect.bottom > 0 && rect.top < innerHeight) n++;
      }
    }
    return n;
  });

beforeAll(async () => {
  server = await startServer();
  largeDir = mkdtempSync(join(tmpdir(), 'dossier-large-'));
  const entities = compileAllPacks().flatMap((p) => p.entities);
  const paragraphs = syntheticText(1024 * 1024, entities, 11);
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  writeFileSync(
    join(largeDir, 'large-live.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A very long live page</title></head>
<body><main><article id="feed"><h1>A very long live page</h1>
${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
</article></main>
<script>window.addPost = (text) => { const p = document.createElement('p'); p.className = 'late'; p.textContent = text; document.getElementById('feed').prepend(p); };</script>
</body></html>`,
  );
  largeServer = await serveDirectory(largeDir);
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await largeServer?.close();
  rmSync(largeDir, { recursive: true, force: true });
});

describe('text added after load', () => {
  it('is read inside an open shadow root, and edits there are followed', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/shadow-live.html`);
    await waitForMarks(page);
    await expect.poll(() => marks(page)).toEqual(['Beijing', 'Nvidia', 'Washington']);

    const id = await page.evaluate(() => window.addShadowPost('Jensen Huang said Nvidia would keep selling in China.'));
    await expect
      .poll(() => marks(page), { timeout: 15_000 })
      .toEqual(['Beijing', 'China', 'Jensen Huang', 'Nvidia', 'Nvidia', 'Washington']);

    await page.evaluate((postId) => window.editShadowPost(postId, 'No comment from the company today.'), id);
    await expect.poll(() => marks(page), { timeout: 15_000 }).toEqual(['Beijing', 'Nvidia', 'Washington']);
    await page.close();
  });

  it('on a page of 1 MB of text, posts added over time are marked and nothing else is lost', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${largeServer.url}/large-live.html`);
    await waitForMarks(page);
    // Settled: the same number of mentions twice, a second apart.
    let before = -1;
    await expect
      .poll(
        async () => {
          const now = await mentionsInPopup(browser, page.url());
          const settled = now === before;
          before = now;
          return settled;
        },
        { timeout: 60_000, interval: 1500 },
      )
      .toBe(true);
    const posts = [
      'Christine Lagarde told reporters in Frankfurt that rates would stay put.',
      'Later, Jensen Huang arrived in Taipei.',
      'Ursula von der Leyen spoke to Xi Jinping by phone.',
    ];
    let expected = before;
    for (const post of posts) {
      await page.evaluate((text) => window.addPost(text), post);
      const names = post.match(/Christine Lagarde|Frankfurt|Jensen Huang|Taipei|Ursula von der Leyen|Xi Jinping/g)!;
      expected += names.length;
      await expect.poll(() => mentionsInPopup(browser, page.url()), { timeout: 30_000 }).toBe(expected);
    }
    const found = await marks(page);
    for (const name of [
      'Christine Lagarde',
      'Frankfurt',
      'Jensen Huang',
      'Taipei',
      'Ursula von der Leyen',
      'Xi Jinping',
    ]) {
      expect(found).toContain(name);
    }
    await saveScreenshot(page, 'live-large-posts');

    // Thousands of mentions: only those near the viewport are painted (the browser lays out every
    // painted mark again on each change), and scrolling paints the others as they come near.
    expect((await marks(page)).length).toBeLessThan(before / 4);
    expect(await marksOnScreen(page)).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(() => marksOnScreen(page), { timeout: 10_000 }).toBeGreaterThan(0);
    await saveScreenshot(page, 'live-large-end-of-page');
    await page.close();
  });
});
