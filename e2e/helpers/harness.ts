/// <reference types="chrome" />
/** What every end-to-end test needs: the built extension in Chromium and the sample pages served on 127.0.0.1. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launchWithExtension, type LaunchOptions, type Launched } from '../../scripts/lib/launch';
import { ROOT } from '../../scripts/lib/pack-sources';
import { serveDirectory, type StaticServer } from '../../scripts/lib/static-server';

export const PAGES_DIR = join(ROOT, 'e2e', 'fixtures', 'pages');
export const SCREENSHOTS_DIR = join(ROOT, 'artifacts', 'screenshots');

export async function startServer(): Promise<StaticServer> {
  return serveDirectory(PAGES_DIR);
}

export async function startBrowser(options?: LaunchOptions): Promise<Launched> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npx wxt build" first (npm test does).`);
  }
  return launchWithExtension(options);
}

/** Saves a screenshot as a test artifact and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The text of every painted mention, by highlight name, as the page's registry holds them. */
export async function paintedMarks(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const [name, highlight] of CSS.highlights) {
      if (name === 'dossier-hover') continue;
      out[name] = [...(highlight as unknown as Set<Range>)].map((r) => r.toString());
    }
    return out;
  });
}

export async function waitForMarks(page: Page): Promise<void> {
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((k) => k.startsWith('dossier-')), null, {
    timeout: 20_000,
  });
}

/** Moves the pointer onto the n-th occurrence of `text` in the page's text and returns its centre. */
export async function hoverText(page: Page, text: string, occurrence = 0): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    ({ text, occurrence }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        let at = node.nodeValue!.indexOf(text);
        while (at >= 0) {
          if (seen++ === occurrence) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + text.length);
            node.parentElement!.scrollIntoView({ block: 'center' });
            const box = range.getClientRects()[0]!;
            return { x: box.left + Math.min(box.width / 2, 20), y: box.top + box.height / 2 };
          }
          at = node.nodeValue!.indexOf(text, at + 1);
        }
      }
      return null;
    },
    { text, occurrence },
  );
  if (!point) throw new Error(`"${text}" (occurrence ${occurrence}) is not on the page`);
  // Arrive from the side, as a reader's pointer does, so the hover logic sees movement.
  await page.mouse.move(point.x - 40, point.y + 30);
  await page.mouse.move(point.x, point.y, { steps: 4 });
  return point;
}

/** The id of the browser tab showing `url`, asked of the extension's service worker. */
export async function tabIdOf(browser: Launched, url: string): Promise<number> {
  return browser.worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === u);
    if (tab?.id === undefined) throw new Error(`no tab shows ${u}`);
    return tab.id;
  }, url);
}
