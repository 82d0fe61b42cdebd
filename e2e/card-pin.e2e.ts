// Pinned cards stay beside their mentions while the reader hovers others; each closes on its own.
// The card lists related entities and opens their cards, copies what it says, and links to
// Wikipedia without fetching anything.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Launched } from '../scripts/lib/launch';
import { ROOT } from '../scripts/lib/pack-sources';
import type { StaticServer } from '../scripts/lib/static-server';
import {
  CardProbe,
  hoverText,
  openArticle,
  saveScreenshot,
  screenshotEachStep,
  startBrowser,
  startServer,
} from './helpers/harness';

let server: StaticServer;
let browser: Launched;
let page: Page;
let card: CardProbe;

beforeAll(async () => {
  server = await startServer();
  browser = await startBrowser();
  page = await openArticle(browser, server);
  card = new CardProbe(page);
});

screenshotEachStep('card-pin', () => page);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The card of `name`, among several open ones: its header ends in "×", then the name follows. */
function cardOf(name: string): CardProbe {
  return card.card((text) => text.includes(`× ${name} `));
}

/** Moves the pointer off every name and card, to the page's top corner. */
async function pointerAway(): Promise<void> {
  await page.mouse.move(5, 5, { steps: 3 });
}

describe('pinned cards', () => {
  it('the pin button pins the hovered card', async () => {
    await hoverText(page, 'Jensen Huang', 0);
    await card.waitForText((t) => t?.includes('Jensen Huang') ?? false);
    await card.click('Pin card');
    const [pinned] = await card.waitForCards((cards) => cards.length === 1 && cards[0]!.pinned);
    expect(pinned!.text).toContain('Mitgründer');
    expect(await card.focused()).toMatchObject({ label: 'Pin card', pressed: 'true' });
    // The same button unpins it, and pins it again.
    await card.click('Pin card');
    await card.waitForCards((cards) => cards.length === 1 && !cards[0]!.pinned);
    await card.click('Pin card');
    await card.waitForCards((cards) => cards.length === 1 && cards[0]!.pinned);
  });

  it('two pinned cards stay open while the reader hovers a third name, and after', async () => {
    // The first "Elon Musk" on the page is in the (unmarked) topic bar; the headline's is next.
    await hoverText(page, 'Elon Musk', 1);
    await card.waitForCards((cards) => cards.length === 2 && cards[1]!.text.includes('× Elon Musk '));
    await cardOf('Elon Musk').click('Pin card');
    await card.waitForCards((cards) => cards.length === 2 && cards.every((c) => c.pinned));

    // A third name opens a passing card of its own beside the two pinned ones...
    await hoverText(page, 'Lizzi Lee', 0);
    const three = await card.waitForCards((cards) => cards.length === 3);
    expect(three.map((c) => c.pinned)).toEqual([true, true, false]);
    expect(three[2]!.text).toContain('Asia Society Policy Institute');
    // ...which hides when the pointer leaves, as before; the pinned cards stay.
    await pointerAway();
    const two = await card.waitForCards((cards) => cards.length === 2);
    expect(two.map((c) => c.pinned)).toEqual([true, true]);
    expect(two[0]!.text).toContain('× Jensen Huang ');
    expect(two[1]!.text).toContain('× Elon Musk ');

    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(async () => (await cardOf('Jensen Huang').box()).y).toBeLessThan(500);
    await page.screenshot({ path: join(ROOT, 'docs', 'pinned-cards.png') });
  });

  it('a pinned card follows its mention while the page scrolls', async () => {
    const before = await cardOf('Jensen Huang').box();
    await page.evaluate(() => window.scrollBy(0, 120));
    await expect.poll(async () => Math.round((await cardOf('Jensen Huang').box()).y)).toBe(Math.round(before.y - 120));
  });

  it('each pinned card closes with its own button; Escape on the page closes the last one', async () => {
    await cardOf('Elon Musk').click('Close');
    const left = await card.waitForCards((cards) => cards.length === 1);
    expect(left[0]!.text).toContain('× Jensen Huang ');
    await pointerAway();
    await page.locator('h1').click();
    await page.keyboard.press('Escape');
    await card.waitForCards((cards) => cards.length === 0);
  });
});

describe('related entities', () => {
  it('are listed by name, and choosing one shows its card, with a way back', async () => {
    await hoverText(page, 'Jensen Huang', 0);
    const text = await card.waitForText((t) => t?.includes('Related') ?? false);
    expect(text).toMatch(/Related Nvidia Nvidia H20 Taiwan/);
    // Pointing at one says what it is.
    await card.hover('Taiwan');
    const previewed = await card.waitForText((t) => /Taiwan Taiwan ?:/.test(t ?? ''));
    expect(previewed).toMatch(/Taiwan ?: Demokratisch/); // Its description, in the page's language.
    await saveScreenshot(page, 'card-pin-related-preview');
    await card.click('Nvidia');
    const nvidia = await card.waitForText((t) => t?.includes('× Nvidia ') ?? false);
    expect(nvidia).toContain('Jensen Huang'); // The way back names where it leads.
    expect(nvidia).toMatch(/Grafikprozessor|Chip|GPU/i); // Nvidia's description, in German.
    // The keyboard is on "back", ready to return.
    expect(await card.focused()).toMatchObject({ label: 'Back to Jensen Huang' });
    // Its own related entities lead on.
    expect(nvidia).toContain('Jensen Huang');
    await card.click('Back to Jensen Huang');
    await card.waitForText((t) => t?.includes('× Jensen Huang ') ?? false);
    expect(await card.focused()).toMatchObject({ text: 'Nvidia' });
  });
});

describe('card actions', () => {
  it('"Copy" puts the name, description and source on the clipboard as plain text', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const text = await card.waitForText((t) => t?.includes('× Jensen Huang ') ?? false);
    await card.click('Copy');
    await card.waitForText((t) => t?.includes('Copied to the clipboard') ?? false);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const lines = copied.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('Jensen Huang');
    expect(text).toContain(lines[1]); // The description as the card shows it, in German.
    expect(lines[1]).toMatch(/Nvidia/);
    expect(lines[2]).toMatch(/2025-06/);
  });

  it('"Open on Wikipedia" opens the article in a new tab, in the page\'s language', async () => {
    const requested: string[] = [];
    // Nothing leaves the machine: the article is answered here.
    await browser.context.route('https://*.wikipedia.org/**', async (route) => {
      requested.push(route.request().url());
      await route.fulfill({ contentType: 'text/html', body: '<title>Jensen Huang – Wikipedia</title>' });
    });
    await card.waitForText((t) => t?.includes('× Jensen Huang ') ?? false);
    const [tab] = await Promise.all([browser.context.waitForEvent('page'), card.click('Open on Wikipedia')]);
    await tab.waitForURL(/wikipedia\.org/);
    expect(tab.url()).toBe('https://de.wikipedia.org/wiki/Jensen_Huang');
    expect(requested).toEqual(['https://de.wikipedia.org/wiki/Jensen_Huang']);
    // The article opened beside the page; the page stays as it was.
    expect(page.url()).toBe(`${server.url}/seed-article-de.html`);
    await tab.close();
  });
});
