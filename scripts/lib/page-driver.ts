/** Drives a page the way a reader does: waits for Dossier's marks, rests the pointer on a name. */
import type { Page } from 'playwright-core';
import type { Launched } from './launch';

/** The text of every painted mention, by highlight name, as the page's registry holds them. */
export async function paintedMarks(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const [name, highlight] of CSS.highlights) {
      if (name.startsWith('dossier-hover')) continue;
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

/** Selects the first occurrence of `text` by dragging the pointer across it, as a reader does. */
export async function selectText(page: Page, text: string): Promise<void> {
  const box = await page.evaluate((text) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.nodeValue!.indexOf(text);
      if (at < 0) continue;
      node.parentElement!.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const rects = [...range.getClientRects()];
      const first = rects[0]!;
      const last = rects[rects.length - 1]!;
      return {
        x1: first.left + 1,
        y1: first.top + first.height / 2,
        x2: last.right - 1,
        y2: last.top + last.height / 2,
      };
    }
    return null;
  }, text);
  if (!box) throw new Error(`"${text}" is not on the page`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 5 });
  await page.mouse.up();
}

/**
 * How many mentions the popup lists for the tab showing `url`, in all. On a page with over a
 * thousand, only the marks near the viewport are painted; the popup counts every one.
 */
export async function mentionsInPopup(browser: Launched, url: string): Promise<number> {
  const tabId = await browser.worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, url);
  const popup = await browser.context.newPage();
  try {
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.locator('.entity-row').first().waitFor();
    const counts = await popup.locator('.entity-count').allTextContents();
    return counts.reduce((n, text) => n + Number(/\d+/.exec(text)?.[0] ?? 0), 0);
  } finally {
    await popup.close();
  }
}
