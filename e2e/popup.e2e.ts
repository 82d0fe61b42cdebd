// The toolbar popup on the seed article: the entities of the tab grouped by type with their
// counts, a card for the one chosen, and a note added from there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Launched } from '../scripts/lib/launch';
import type { StaticServer } from '../scripts/lib/static-server';
import {
  paintedMarks,
  saveScreenshot,
  screenshotEachStep,
  startBrowser,
  startServer,
  tabIdOf,
  waitForMarks,
} from './helpers/harness';

let server: StaticServer;
let browser: Launched;
let article: Page;
let popup: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await startBrowser({ viewport: { width: 1280, height: 900 } });
  article = await browser.context.newPage();
  await article.goto(`${server.url}/seed-article-de.html`);
  await waitForMarks(article);
  const tabId = await tabIdOf(browser, article.url());
  popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 900 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
});

screenshotEachStep('popup', () => popup);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the popup', () => {
  it('lists the entities of the page grouped by type, with mention counts', async () => {
    await popup.locator('.entity-row').first().waitFor();
    const groups = await popup.locator('.entity-group h2').allInnerTexts();
    expect(groups.map((g) => g.toLowerCase())).toEqual(
      expect.arrayContaining(['people', 'organisations', 'companies', 'products', 'places']),
    );
    const people = await popup.locator('.entity-group', { hasText: 'People' }).locator('.entity-name').allInnerTexts();
    for (const name of ['Jensen Huang', 'Elon Musk', 'Donald Trump', 'Lizzi Lee', 'Wang Wentao', 'Xi Jinping']) {
      expect(people).toContain(name);
    }
    // The count beside Nvidia is the number of marks on the page that name Nvidia.
    const marks = await paintedMarks(article);
    const nvidiaMarks = marks['dossier-company']!.filter((t) => t.startsWith('Nvidia')).length;
    const nvidiaRow = popup.locator('.entity-row', { has: popup.locator('.entity-name', { hasText: /^Nvidia$/ }) });
    expect(await nvidiaRow.locator('.entity-count').innerText()).toBe(`${nvidiaMarks} mentions`);
    // Most mentioned first within a group.
    const counts = (
      await popup.locator('.entity-group', { hasText: 'People' }).locator('.entity-count').allInnerTexts()
    ).map((c) => Number.parseInt(c, 10) || 1);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await saveScreenshot(popup, 'popup-01-entities');
  });

  it('shows the card of the entity chosen, and saves a note from there', async () => {
    await popup.locator('.entity-row', { hasText: 'Nvidia H20' }).click();
    const card = popup.locator('.dossier-card');
    await expect.poll(() => card.innerText()).toMatch(/Nvidia H20/);
    expect(await card.innerText()).toMatch(/Rechenzentrums-GPU/);
    await popup.getByRole('button', { name: 'Add note' }).click();
    await popup.getByRole('textbox').fill('Licences for the H20 were the sticking point.');
    await popup.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => popup.getByRole('status').innerText()).toBe('Note saved');
    await expect.poll(() => card.innerText()).toContain('Licences for the H20 were the sticking point.');
    await saveScreenshot(popup, 'popup-02-card-with-note');
  });

  it('filters the list by name, in any language, and says what it knows', async () => {
    await popup.goto(popup.url());
    await popup.locator('.entity-row').first().waitFor();
    await expect
      .poll(() => popup.locator('.popup-state').innerText())
      .toMatch(/^[\d,]+ entities known · online lookups off$/);
    const filter = popup.getByLabel('Filter entities');
    await filter.fill('peking');
    await expect.poll(() => popup.locator('.entity-name').allInnerTexts()).toEqual(['Peking']);
    // Beijing is "Peking" on a German page, and found by its English name too.
    await filter.fill('beijing');
    await expect.poll(() => popup.locator('.entity-name').allInnerTexts()).toEqual(['Peking']);
    await filter.fill('h20');
    await expect.poll(() => popup.locator('.entity-name').allInnerTexts()).toEqual(['Nvidia H20']);
    await filter.fill('zzzz');
    await popup.getByText('No entity on this page matches.').waitFor();
    await filter.fill('');
    await expect.poll(async () => (await popup.locator('.entity-row').count()) > 10).toBe(true);
  });

  it('“Show on page” scrolls to a mention and makes it glow', async () => {
    await popup.locator('.entity-row', { has: popup.locator('.entity-name', { hasText: /^Lizzi Lee$/ }) }).click();
    await popup.getByRole('button', { name: 'Show on page' }).click();
    await expect
      .poll(() =>
        article.evaluate(() => [...((CSS.highlights.get('dossier-flash') as unknown as Set<Range>) ?? [])].map(String)),
      )
      .toEqual(['Lizzi Lee']);
    // The glow fades by itself.
    await expect.poll(() => article.evaluate(() => CSS.highlights.has('dossier-flash')), { timeout: 5000 }).toBe(false);
    await popup.getByRole('button', { name: /Back/ }).click();
  });

  it('pauses Dossier on this site and resumes it', async () => {
    const marked = async () => Object.values(await paintedMarks(article)).flat().length;
    const before = await marked();
    expect(before).toBeGreaterThan(50);
    await popup.getByRole('button', { name: 'Pause on this site' }).click();
    await expect.poll(marked).toBe(0);
    await popup.getByText('Dossier is paused here.').waitFor();
    // The Knowledge section lists the site, with a way back.
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#knowledge`);
    await options.locator('.paused-sites', { hasText: '127.0.0.1' }).waitFor();
    await options.close();
    await popup.getByRole('button', { name: 'Resume on 127.0.0.1' }).click();
    await expect.poll(marked, { timeout: 15_000 }).toBe(before);
    await popup.locator('.entity-row').first().waitFor();
  });

  it('never runs on a site added on the notes page, and says what is wrong with a bad one', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#knowledge`);
    const field = options.getByRole('textbox', { name: 'Never run on' });
    await field.fill('not a site');
    await options.getByRole('button', { name: 'Add site' }).click();
    await options.getByRole('alert').getByText('“not a site” is not a site address.', { exact: false }).waitFor();
    // An address pasted whole counts for its site.
    await field.fill(`${server.url}/some/article.html`);
    await options.getByRole('button', { name: 'Add site' }).click();
    await options.locator('.paused-sites', { hasText: '127.0.0.1' }).waitFor();
    const fresh = await browser.context.newPage();
    await fresh.goto(`${server.url}/trade-talks-en.html`);
    const tabId = await tabIdOf(browser, fresh.url());
    const view = await browser.context.newPage();
    await view.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await view.getByText('Dossier is paused here.').waitFor();
    expect(Object.values(await paintedMarks(fresh)).flat()).toEqual([]);
    await options.getByRole('button', { name: 'Resume on 127.0.0.1' }).click();
    await waitForMarks(fresh);
    await Promise.all([view.close(), fresh.close(), options.close()]);
    // The seed article, read again after the resume, has its marks back too.
    await waitForMarks(article);
  });

  it('takes a quick note on the page itself', async () => {
    await popup.getByRole('button', { name: 'Note on this page' }).click();
    await popup.getByRole('textbox').fill('Read the whole series on chips.');
    await popup.getByRole('button', { name: 'Save note' }).click();
    await popup.getByText('Note saved').waitFor();
    const notes = await browser.context.newPage();
    await notes.goto(`chrome-extension://${browser.extensionId}/options.html#notes`);
    const item = notes.locator('.note-item', { hasText: 'Read the whole series on chips.' });
    await expect.poll(() => item.locator('a.note-page').innerText()).toMatch(/Jensen Huang ersetzt Elon Musk/);
    await notes.close();
  });

  it('opens the notes page from "All notes"', async () => {
    const opened = browser.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'All notes' }).click();
    const notes = await opened;
    await notes.waitForURL(/\/options\.html$/);
    await expect.poll(() => notes.locator('h1').innerText()).toBe('Notes');
    await expect
      .poll(() => notes.locator('.note-body').allInnerTexts())
      .toContain('Licences for the H20 were the sticking point.');
    await saveScreenshot(notes, 'popup-03-all-notes');
    await notes.close();
  });

  it('says so honestly when a page names no entity', async () => {
    const quiet = await browser.context.newPage();
    await quiet.goto(`${server.url}/no-entities.html`);
    const tabId = await tabIdOf(browser, quiet.url());
    const view = await browser.context.newPage();
    await view.setViewportSize({ width: 380, height: 400 });
    await view.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await expect
      .poll(() => view.locator('.popup-message').innerText())
      .toBe('Dossier found no people, companies, products or places on this page.');
    await saveScreenshot(view, 'popup-04-no-entities');
    await view.close();
    await quiet.close();
  });

  it('says a page is still loading, then lists its entities once it has loaded', async () => {
    // The article's response is held back until the test lets it go: the tab stays loading.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = await browser.context.newPage();
    await slow.route('**/seed-article-de.html?slow', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    const url = `${server.url}/seed-article-de.html?slow`;
    const loading = slow.goto(url);
    // The tab is found by the address it is going to, as long as it has not arrived.
    const pendingTab = () =>
      browser.worker.evaluate(async (u) => {
        const tabs = await chrome.tabs.query({});
        return tabs.find((t) => t.pendingUrl === u || t.url === u)?.id ?? null;
      }, url);
    await expect.poll(pendingTab).not.toBeNull();
    const tabId = (await pendingTab())!;
    const view = await browser.context.newPage();
    await view.setViewportSize({ width: 380, height: 500 });
    await view.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await expect
      .poll(() => view.locator('.popup-message').innerText())
      .toBe('This page is still loading. Dossier reads it as soon as it has loaded.');
    await saveScreenshot(view, 'popup-05-page-loading');
    release();
    await loading;
    // The same popup follows the page: once it is read, the list is there.
    await view.locator('.entity-row[data-entity-id="news:jensen-huang"]').waitFor();
    await view.close();
    await slow.close();
  });

  it('says so when the browser keeps extensions out of a page', async () => {
    const settings = await browser.context.newPage();
    await settings.goto('chrome://version');
    const tabId = await tabIdOf(browser, 'chrome://version/');
    const view = await browser.context.newPage();
    await view.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => view.locator('.popup-message').innerText()).toMatch(/^Dossier cannot read this page/);
    await view.close();
    await settings.close();
  });
});
