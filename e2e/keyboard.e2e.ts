// Reading by keyboard: the browser's shortcuts move through the marked names in document order,
// each card opens with focus in it, Tab reaches its actions, Enter pins it, Escape closes it and
// gives focus back to where it was.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Launched } from '../scripts/lib/launch';
import { ROOT } from '../scripts/lib/pack-sources';
import type { StaticServer } from '../scripts/lib/static-server';
import { CardProbe, openArticle, screenshotEachStep, startBrowser, startServer, tabIdOf } from './helpers/harness';

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

screenshotEachStep('keyboard', () => page);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Runs a shortcut's command the way the browser does when the reader presses it: the service
 * worker's onCommand listener calls this same function with the command and the tab.
 */
async function runCommand(command: string): Promise<boolean> {
  const tabId = await tabIdOf(browser, page.url());
  return browser.worker.evaluate(
    async ({ command, tabId }) => {
      const run = (globalThis as unknown as { dossierRunCommand: (c: string, t: chrome.tabs.Tab) => Promise<boolean> })
        .dossierRunCommand;
      return run(command, await chrome.tabs.get(tabId));
    },
    { command, tabId },
  );
}

/** The page's marked names in document order, and which of them the keyboard is on. */
async function keyboardPosition(): Promise<{ marks: string[]; at: number }> {
  return page.evaluate(() => {
    const ranges: Range[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!/^dossier-(person|organization|company|product|place|event|work|other)$/.test(name)) continue;
      for (const range of highlight as unknown as Set<Range>) ranges.push(range);
    }
    ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    const current = [...((CSS.highlights.get('dossier-keyboard') as unknown as Set<Range>) ?? [])][0];
    const at = current
      ? ranges.findIndex(
          (r) =>
            r.compareBoundaryPoints(Range.START_TO_START, current) === 0 &&
            r.compareBoundaryPoints(Range.END_TO_END, current) === 0,
        )
      : -1;
    return { marks: ranges.map((r) => r.toString()), at };
  });
}

async function pageFocus(): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.localName}:${(el.textContent ?? '').trim()}` : 'none';
  });
}

describe('keyboard shortcuts', () => {
  it('are declared in the manifest with defaults the browser accepted', async () => {
    const commands = await browser.worker.evaluate(async () => {
      const declared = (
        chrome.runtime.getManifest() as { commands: Record<string, { suggested_key: { default: string } }> }
      ).commands;
      return {
        manifest: Object.entries(declared).map(([name, c]) => `${name}: ${c.suggested_key.default}`),
        registered: await chrome.commands.getAll(),
      };
    });
    expect(commands.manifest).toEqual(['next-entity: Alt+Shift+J', 'previous-entity: Alt+Shift+K']);
    // chrome://extensions/shortcuts lists them with their description and the shortcut in force.
    const byName = Object.fromEntries(commands.registered.map((c) => [c.name ?? '', c] as const));
    expect(byName['next-entity']).toMatchObject({
      shortcut: 'Alt+Shift+J',
      description: 'Go to the next marked name and open its card',
    });
    expect(byName['previous-entity']).toMatchObject({
      shortcut: 'Alt+Shift+K',
      description: 'Go to the previous marked name and open its card',
    });
  });

  it('"next" opens the first marked name in view, marks it and moves focus into its card', async () => {
    // The reader was on the cookie banner's first button.
    await page.locator('.cookie-banner button').first().focus();
    const before = await pageFocus();
    expect(before).toBe('button:Einstellungen');
    expect(await runCommand('next-entity')).toBe(true);
    const text = await card.waitForText((t) => t?.includes('Jensen Huang') ?? false);
    expect(text).toContain('Nvidia');
    const { marks, at } = await keyboardPosition();
    // The headline is the first text in view with names in it: "Jensen Huang ersetzt Elon Musk...".
    expect(marks[at]).toBe('Jensen Huang');
    expect(at).toBe(0);
    const focus = await card.waitForFocus((f) => f?.role === 'dialog');
    expect(focus?.label).toBe('About Jensen Huang');
    // The page sees focus on Dossier's element, not anything inside it.
    expect(await pageFocus()).toMatch(/^dossier-card:/);
    await page.screenshot({ path: join(ROOT, 'docs', 'keyboard-mode.png') });
  });

  it('"next" and "previous" move through the marked names in document order', async () => {
    const { marks } = await keyboardPosition();
    for (const step of [1, 2, 3]) {
      expect(await runCommand('next-entity')).toBe(true);
      await expect.poll(async () => (await keyboardPosition()).at).toBe(step);
      await card.waitForFocus((f) => f?.role === 'dialog' && f.label !== 'About Jensen Huang');
    }
    expect(marks.slice(0, 4)).toEqual(['Jensen Huang', 'Elon Musk', 'USA', 'China']);
    expect(await runCommand('previous-entity')).toBe(true);
    await expect.poll(async () => (await keyboardPosition()).at).toBe(2);
    expect(await runCommand('previous-entity')).toBe(true);
    await expect.poll(async () => (await keyboardPosition()).at).toBe(1);
    await card.waitForText((t) => t?.includes('Elon Musk') ?? false);
    const focus = await card.waitForFocus((f) => f?.role === 'dialog');
    expect(focus?.label).toBe('About Elon Musk');
    // One card at a time: moving on replaced the previous one.
    expect((await card.cards()).length).toBe(1);
  });

  it("Tab reaches the card's buttons: pin, close, add note, copy, Wikipedia", async () => {
    const seen: string[] = [];
    // Every stop is inside the card, in reading order, up to its last link.
    while (!seen.includes('Open on Wikipedia') && seen.length < 30) {
      await page.keyboard.press('Tab');
      const focus = await card.focused();
      expect(focus, `after ${seen.join(', ')}`).not.toBeNull();
      seen.push(focus!.label ?? focus!.text);
    }
    expect(seen.slice(0, 2)).toEqual(['Pin card', 'Close']);
    // Elon Musk's related entities, by name, then the card's actions.
    expect(seen).toEqual(expect.arrayContaining(['Tesla', 'OpenAI', 'Add note', 'Copy', 'Open on Wikipedia']));
    expect(seen.indexOf('Add note')).toBeLessThan(seen.indexOf('Copy'));
    await page.keyboard.press('Shift+Tab');
    expect(await card.focused()).not.toBeNull();
  });

  it('Escape closes the card and gives focus back to where it was', async () => {
    await page.keyboard.press('Escape');
    await card.waitForCards((cards) => cards.length === 0);
    await expect.poll(() => pageFocus()).toBe('button:Einstellungen');
    expect((await keyboardPosition()).at).toBe(-1); // The mark goes with the card.
  });

  it('goes on from where it was after the card closed, and Enter pins the card', async () => {
    expect(await runCommand('next-entity')).toBe(true);
    await expect.poll(async () => (await keyboardPosition()).at).toBe(2);
    await card.waitForFocus((f) => f?.role === 'dialog');
    await page.keyboard.press('Enter');
    const [pinned] = await card.waitForCards((cards) => cards.length === 1 && cards[0]!.pinned);
    expect(pinned!.text).toMatch(/USA|Vereinigte Staaten|United States/);
    // The pin button says so, too.
    await page.keyboard.press('Tab');
    expect(await card.focused()).toMatchObject({ label: 'Pin card', pressed: 'true' });

    // The next name opens a card of its own; the pinned one stays.
    expect(await runCommand('next-entity')).toBe(true);
    const cards = await card.waitForCards((list) => list.length === 2);
    expect(cards.map((c) => c.pinned)).toEqual([true, false]);
    await card.waitForFocus((f) => f?.role === 'dialog' && f.label === 'About China');

    // Escape closes the card in focus, and focus goes back to the pinned card it came from...
    await page.keyboard.press('Escape');
    await card.waitForCards((list) => list.length === 1 && list[0]!.pinned);
    await card.waitForFocus((f) => f?.label === 'Pin card');
    // ...and from there, to the page.
    await page.keyboard.press('Escape');
    await card.waitForCards((list) => list.length === 0);
    await expect.poll(() => pageFocus()).toBe('button:Einstellungen');
  });
});
