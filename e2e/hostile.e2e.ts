// A hostile page (e2e/fixtures/pages/hostile-article.html): it resets every element's style, tries
// to hide whatever Dossier adds, transforms and zooms the body, keeps a banner above everything,
// clears the highlight registry, and replaces the built-ins a content script would use. Dossier's
// marks and card must work as on any page, and the card must show the page's text as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Launched } from '../scripts/lib/launch';
import type { StaticServer } from '../scripts/lib/static-server';
import { cardLook, inContentScript } from './helpers/content-world';
import { CardProbe, hoverText, saveScreenshot, startBrowser, startServer } from './helpers/harness';

let server: StaticServer;
let browser: Launched;
let page: Page;

interface Hostile {
  /** The elements the page's replaced `attachShadow` and `appendChild` were called for. */
  shadowHosts: string[];
  appended: string[];
  map: number;
  highlightSet: number;
  cleared: number;
  upgraded: number;
}

const hostile = () => page.evaluate(() => (window as unknown as { hostile: Hostile }).hostile);

/**
 * The painted marks' texts, read with plain loops: the page replaced `Array.prototype.map` in its
 * world, where this runs.
 */
async function markTexts(): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('dossier-') || name === 'dossier-hover') continue;
      for (const range of highlight as unknown as Set<Range>) out.push(range.toString());
    }
    return out;
  });
}

beforeAll(async () => {
  server = await startServer();
  browser = await startBrowser();
  page = await browser.context.newPage();
  await page.goto(`${server.url}/hostile-article.html`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a hostile page', () => {
  it("has replaced the built-ins in its own world (the page's script ran)", async () => {
    expect(await page.evaluate(() => [1, 2, 3].map((n) => n * 2))).toEqual([]);
    expect(await page.evaluate(() => document.createElement('div').attachShadow({ mode: 'closed' }).mode)).toBe('open');
    expect(await page.evaluate(() => document.caretPositionFromPoint(10, 10))).toBeNull();
    await expect(page.evaluate(() => document.body.appendChild(document.createElement('p')))).rejects.toThrow(
      /appendChild is not allowed/,
    );
  });

  it('gets its names marked again after it clears the highlight registry twice', async () => {
    await expect.poll(async () => (await hostile()).cleared, { timeout: 20_000 }).toBe(2);
    await expect
      .poll(markTexts, { timeout: 20_000 })
      .toEqual(expect.arrayContaining(['Jensen Huang', 'Nvidia', 'Lizzi Lee', 'Donald Trump', 'Wang Wentao', 'H20']));
    // Dossier painted through its own world's registry object, never the page's replaced `set`.
    expect((await hostile()).highlightSet).toBe(0);
  });

  it('opens the card on hover, on top of the banner, styled as designed, in a closed shadow root', async () => {
    const probe = new CardProbe(page);
    await hoverText(page, 'Lizzi Lee');
    const text = await probe.waitForText((t) => t !== null && t.includes('Asia Society Policy Institute'));
    expect(text).toContain('Lizzi Lee');
    const look = (await cardLook(page, browser.extensionId))!;
    // The page's `* { all: unset }`, its rules on the card's tag and its custom element change nothing.
    expect(look.background).toBe('rgb(255, 255, 255)');
    expect(look.color).toBe('rgb(29, 35, 48)');
    expect(look.rect.width).toBe(340);
    expect(look.rect.height).toBeGreaterThan(120);
    expect(look.hostDisplay).not.toBe('none');
    expect(look.hostOpacity).toBe('1');
    expect(look.hostVisibility).toBe('visible');
    // Wholly in the viewport, and on top: wherever the card is, the point belongs to the card,
    // also where it lies over the page's "always on top" banner.
    const viewport = page.viewportSize()!;
    expect(look.rect.left).toBeGreaterThanOrEqual(0);
    expect(look.rect.top).toBeGreaterThanOrEqual(0);
    expect(look.rect.right).toBeLessThanOrEqual(viewport.width);
    expect(look.rect.bottom).toBeLessThanOrEqual(viewport.height);
    // Beside the name, not over it, although the page zooms and turns its body.
    const mention = await page.evaluate(() => {
      const paragraph = document.querySelectorAll('article > p')[1]!;
      const text = paragraph.firstChild!;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 'Lizzi Lee'.length);
      // getClientRects, not getBoundingClientRect: the page replaced the latter in its world.
      const r = range.getClientRects()[0]!;
      return { text: range.toString(), left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
    expect(mention.text).toBe('Lizzi Lee');
    const overlaps =
      look.rect.left < mention.right &&
      mention.left < look.rect.right &&
      look.rect.top < mention.bottom &&
      mention.top < look.rect.bottom;
    expect(overlaps, `card ${JSON.stringify(look.rect)}, mention ${JSON.stringify(mention)}`).toBe(false);
    const bannerTop = await page.evaluate(() => document.querySelector('.banner')!.getBoundingClientRect().top);
    expect(look.rect.bottom, 'the card reaches over the banner').toBeGreaterThan(bannerTop + 10);
    const points = [
      { x: look.rect.left + 10, y: look.rect.top + 10 },
      { x: (look.rect.left + look.rect.right) / 2, y: (look.rect.top + look.rect.bottom) / 2 },
      { x: look.rect.right - 10, y: look.rect.bottom - 10 },
    ];
    for (const point of points) {
      expect(
        await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName, point),
        JSON.stringify(point),
      ).toBe('dossier-card');
    }
    // The content script attached its shadow root and added its host with its own world's
    // built-ins: the page's replacements were never called, and the root stayed closed.
    const counts = await hostile();
    expect(counts.shadowHosts).not.toContain('dossier-card');
    expect(counts.appended).not.toContain('dossier-card');
    expect(counts.upgraded, "the page's custom element ran on the host").toBe(1);
    expect(await probe.hostShadowMode()).toBe('closed');
    await saveScreenshot(page, 'hostile-01-card-over-banner');
  });

  it('shows markup-looking text of the page as text in the card', async () => {
    const probe = new CardProbe(page);
    await page.keyboard.press('Escape');
    await probe.waitForText((t) => t === null);
    // The second "Lizzi Lee" stands inside the pasted `<script>alert("Lizzi Lee")</script>`.
    await hoverText(page, 'Lizzi Lee', 1);
    await probe.waitForText((t) => t !== null && t.includes('Asia Society Policy Institute'));
    await probe.clickButton('Add note');
    const text = await probe.waitForText((t) => t !== null && t.includes('Save note'));
    expect(text).toContain('<script>alert("Lizzi Lee")</script>');
    expect(text).toContain('<img src=x onerror="alert(1)">');
    expect(text).toContain('&lt;b&gt;Nvidia&lt;/b&gt;');
    const elements = await inContentScript<string[]>(
      page,
      browser.extensionId,
      `[...chrome.dom.openOrClosedShadowRoot(document.querySelector('dossier-card')).querySelectorAll('.dossier-layer *')].map((e) => e.localName)`,
    );
    expect(elements).toContain('blockquote');
    expect(elements.filter((name) => ['script', 'img', 'b'].includes(name))).toEqual([]);
    await saveScreenshot(page, 'hostile-02-markup-as-text');
    await probe.clickButton('Cancel');
    await page.keyboard.press('Escape');
    await probe.waitForText((t) => t === null);
  });
});
