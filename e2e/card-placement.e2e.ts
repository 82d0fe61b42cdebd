/// <reference types="chrome" />
// The card's look and place: light and dark following the system's colour scheme, and beside its
// mention wherever that is: at each edge of the window, after the page scrolls, with Chrome's
// page zoom and in a small window. The card is measured inside its closed shadow root from the
// content script's world (helpers/content-world.ts); the mention is measured in the page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Launched } from '../scripts/lib/launch';
import { ROOT } from '../scripts/lib/pack-sources';
import type { StaticServer } from '../scripts/lib/static-server';
import { cardLook, type CardLook } from './helpers/content-world';
import { CardProbe, hoverText, selectText, startBrowser, startServer, tabIdOf, waitForMarks } from './helpers/harness';

const DOCS_DIR = join(ROOT, 'docs');

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The names of e2e/fixtures/pages/edges.html, each pinned to one side of the window. */
const EDGES = {
  top: 'Gina Raimondo',
  bottom: 'Donald Trump',
  left: 'Elon Musk',
  right: 'Wang Wentao',
  corner: 'Xi Jinping',
} as const;

let server: StaticServer;
let browser: Launched;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await startBrowser({ viewport: { width: 1280, height: 800 } });
  page = await browser.context.newPage();
  await page.goto(`${server.url}/edges.html`);
  await waitForMarks(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The relative luminance of a computed `rgb(...)` colour, from 0 (black) to 1 (white). */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The rectangles of the first occurrence of `text` on the page, and the window's visible size. */
async function mentionAndWindow(text: string): Promise<{ mention: Rect[]; width: number; height: number }> {
  return page.evaluate((text) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.nodeValue!.indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const rects = [...range.getClientRects()].map((r) => ({
        left: r.left,
        top: r.top,
        right: r.right,
        bottom: r.bottom,
      }));
      // The layout viewport without scroll bars: what Floating UI keeps the card within.
      return {
        mention: rects,
        width: document.documentElement.clientWidth,
        height: document.documentElement.clientHeight,
      };
    }
    throw new Error(`"${text}" is not on the page`);
  }, text);
}

const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Rests the pointer on `name` and waits for its card; returns the card's look. */
async function openCard(name: string): Promise<CardLook> {
  const probe = new CardProbe(page);
  const at = await hoverText(page, name);
  await probe
    .waitForText((t) => t !== null && t.includes(name))
    .catch((error: Error) => {
      throw new Error(`No card for ${name}, with the pointer at ${JSON.stringify(at)}: ${error.message}`);
    });
  // The card is placed in the frame after it is shown: wait until it has its size and place.
  await expect.poll(async () => (await cardLook(page, browser.extensionId))?.rect.width ?? 0).toBeGreaterThan(100);
  return (await cardLook(page, browser.extensionId))!;
}

async function closeCard(): Promise<void> {
  await page.keyboard.press('Escape');
  await new CardProbe(page).waitForText((t) => t === null);
}

/** The card beside `name` is wholly inside the window and covers no part of the name. */
async function expectPlacedBeside(name: string): Promise<{ card: Rect; mention: Rect[] }> {
  const look = await openCard(name);
  const { mention, width, height } = await mentionAndWindow(name);
  const card = look.rect;
  const where = `${name}: card ${JSON.stringify(card)}, mention ${JSON.stringify(mention)}, window ${width}×${height}`;
  expect(card.left, where).toBeGreaterThanOrEqual(0);
  expect(card.top, where).toBeGreaterThanOrEqual(0);
  expect(card.right, where).toBeLessThanOrEqual(width);
  expect(card.bottom, where).toBeLessThanOrEqual(height);
  for (const rect of mention) expect(overlaps(card, rect), where).toBe(false);
  return { card, mention };
}

/** A screenshot of the card and its mention, with some of the page around them. */
async function screenshotAround(file: string, card: Rect, mention: Rect[]): Promise<void> {
  const { width, height } = page.viewportSize()!;
  const all = [card, ...mention];
  const left = Math.max(0, Math.min(...all.map((r) => r.left)) - 40);
  const top = Math.max(0, Math.min(...all.map((r) => r.top)) - 40);
  const right = Math.min(width, Math.max(...all.map((r) => r.right)) + 40);
  const bottom = Math.min(height, Math.max(...all.map((r) => r.bottom)) + 40);
  mkdirSync(DOCS_DIR, { recursive: true });
  await page.screenshot({
    path: join(DOCS_DIR, file),
    clip: { x: left, y: top, width: right - left, height: bottom - top },
  });
}

describe('the card in light and dark', () => {
  it('is white with dark text in a light scheme', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    const look = await openCard('Lizzi Lee');
    expect(luminance(look.background)).toBeGreaterThan(0.9);
    expect(luminance(look.color)).toBeLessThan(0.05);
    const { mention } = await mentionAndWindow('Lizzi Lee');
    await screenshotAround('card-light.png', look.rect, mention);
    await closeCard();
  });

  it('is dark with light text in a dark scheme, and so are the buttons beside a selection', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const look = await openCard('Lizzi Lee');
    expect(luminance(look.background)).toBeLessThan(0.05);
    expect(luminance(look.color)).toBeGreaterThan(0.7);
    const { mention } = await mentionAndWindow('Lizzi Lee');
    await screenshotAround('card-dark.png', look.rect, mention);
    await closeCard();
    // The small buttons beside a selection turn light on a dark page, to stand out from it.
    await selectText(page, 'policymakers in Beijing');
    await new CardProbe(page).waitForText((t) => t !== null && t.includes('Add note'));
    const adder = (await cardLook(page, browser.extensionId))!;
    expect(luminance(adder.background)).toBeGreaterThan(0.7);
    expect(luminance(adder.color)).toBeLessThan(0.05);
    await page.mouse.click(5, 400);
    await new CardProbe(page).waitForText((t) => t === null);
    await page.emulateMedia({ colorScheme: 'light' });
  });
});

describe('the card beside names at the edges of the window', () => {
  for (const [edge, name] of Object.entries(EDGES)) {
    it(`opens wholly inside the window and beside ${name}, at the ${edge}`, async () => {
      const { card, mention } = await expectPlacedBeside(name);
      if (edge !== 'corner') await screenshotAround(`card-edge-${edge}.png`, card, mention);
      await closeCard();
    });
  }

  it('follows its mention when the page scrolls', async () => {
    const probe = new CardProbe(page);
    await openCard('Lizzi Lee');
    // Writing a note keeps the card open while the page moves under the pointer.
    await probe.clickButton('Add note');
    await probe.waitForText((t) => t !== null && t.includes('Save note'));
    const before = (await cardLook(page, browser.extensionId))!.rect;
    const mentionBefore = (await mentionAndWindow('Lizzi Lee')).mention[0]!;
    await page.evaluate(() => window.scrollBy(0, 90));
    const mentionAfter = (await mentionAndWindow('Lizzi Lee')).mention[0]!;
    expect(mentionBefore.top - mentionAfter.top).toBeCloseTo(90, 0);
    // The card keeps its distance from the mention.
    await expect
      .poll(async () => Math.round((await cardLook(page, browser.extensionId))!.rect.top - mentionAfter.top))
      .toBe(Math.round(before.top - mentionBefore.top));
    await probe.clickButton('Cancel');
    await closeCard();
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it("stays inside the window and beside each name with Chrome's page zoom at 175 %", async () => {
    const tabId = await tabIdOf(browser, page.url());
    const setZoom = (factor: number) =>
      browser.worker.evaluate(({ tabId, factor }) => chrome.tabs.setZoom(tabId, factor), { tabId, factor });
    await setZoom(1.75);
    try {
      await expect.poll(() => page.evaluate(() => document.documentElement.clientWidth)).toBeLessThan(1280 / 1.7);
      for (const name of Object.values(EDGES)) {
        await expectPlacedBeside(name);
        await closeCard();
      }
    } finally {
      await setZoom(1);
    }
  });

  for (const [width, height] of [
    [400, 500],
    [480, 300],
  ] as const) {
    it(`stays inside a small window (${width} × ${height}) and beside each name`, async () => {
      await page.setViewportSize({ width, height });
      try {
        for (const name of [...Object.values(EDGES), 'Lizzi Lee']) {
          await expectPlacedBeside(name);
          await closeCard();
        }
      } finally {
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    });
  }
});
