// Accessibility, checked by axe-core in Chromium: the in-page card (the real one, inside its closed
// shadow root on the article), the popup and the notes page, in light and dark. No serious or
// critical violation is allowed; a failure lists each rule with the elements it failed on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Launched } from '../scripts/lib/launch';
import type { StaticServer } from '../scripts/lib/static-server';
import { axeOnCard, axeOnPage, blocking, describeViolations, type Violation } from './helpers/axe';
import { inContentScript } from './helpers/content-world';
import { CardProbe, hoverText, selectText, startBrowser, startServer, tabIdOf, waitForMarks } from './helpers/harness';

let server: StaticServer;
let browser: Launched;
let article: Page;

const NOTES = {
  format: 'dossier-notes',
  version: 1,
  exportedAt: '2025-06-12T09:00:00.000Z',
  notes: [
    {
      id: '44444444-4444-4444-8444-444444444444',
      entityId: 'news:lizzi-lee',
      page: { url: 'https://example.org/nvidia-h20', title: 'Jensen Huang and the H20', site: 'example.org' },
      quote: { exact: 'Laut Lizzi Lee sieht Peking in Huang einen verlässlichen Partner.', prefix: '', suffix: '' },
      text: 'Ask her about export controls.',
      tags: ['China', 'Chips'],
      createdAt: Date.UTC(2025, 5, 2),
      updatedAt: Date.UTC(2025, 5, 2),
    },
    {
      id: '55555555-5555-4555-8555-555555555555',
      entityId: 'news:gina-raimondo',
      text: 'Former Commerce Secretary.',
      tags: ['Chips'],
      createdAt: Date.UTC(2025, 5, 3),
      updatedAt: Date.UTC(2025, 5, 3),
    },
  ],
};

function expectNoBlocking(where: string, violations: Violation[]): void {
  const bad = blocking(violations);
  expect(bad, `${where}:\n${describeViolations(bad)}`).toEqual([]);
}

beforeAll(async () => {
  server = await startServer();
  // Tall enough for the card with its note editor to show whole: axe cannot measure the contrast
  // of text scrolled out of view inside the card.
  browser = await startBrowser({ viewport: { width: 1280, height: 1400 } });
  article = await browser.context.newPage();
  await article.goto(`${server.url}/seed-article-de.html`);
  await waitForMarks(article);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('accessibility of the in-page card', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`the card on a mention and its note editor (${scheme})`, async () => {
      await article.emulateMedia({ colorScheme: scheme });
      const card = new CardProbe(article);
      await article.mouse.move(5, 5);
      await card.waitForText((t) => t === null);
      await hoverText(article, 'Lizzi Lee');
      await card.waitForText((t) => t !== null && t.includes('Asia Society Policy Institute'));
      // The axe check is the point; the probe proves it looked at the real card, not at nothing.
      expectNoBlocking(`card (${scheme})`, await axeOnCard(article, browser.extensionId));
      await card.clickButton('Add note');
      await card.waitForText((t) => t !== null && t.includes('Save note'));
      expectNoBlocking(`note editor in the card (${scheme})`, await axeOnCard(article, browser.extensionId));
      await card.clickButton('Cancel');
      await article.keyboard.press('Escape');
      await card.waitForText((t) => t === null);
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`the buttons beside a selection and the note on a passage (${scheme})`, async () => {
      await article.emulateMedia({ colorScheme: scheme });
      const card = new CardProbe(article);
      await selectText(article, 'persönlichen Einfluss, technologisches Können');
      await card.waitForText((t) => t !== null && t.includes('Add note'));
      expectNoBlocking(`selection buttons (${scheme})`, await axeOnCard(article, browser.extensionId));
      await card.clickButton('Add note');
      await card.waitForText((t) => t !== null && t.includes('Save note'));
      expectNoBlocking(`note on a passage (${scheme})`, await axeOnCard(article, browser.extensionId));
      await article.keyboard.press('Escape');
      await card.waitForText((t) => t === null);
    });
  }

  for (const [scheme, name] of [
    ['light', 'Wang Wentao'],
    ['dark', 'Gina Raimondo'],
  ] as const) {
    it(`a correction's message and the entity editor in the card (${scheme})`, async () => {
      await article.emulateMedia({ colorScheme: scheme });
      const card = new CardProbe(article);
      await hoverText(article, name);
      await card.waitForText((t) => t !== null && t.includes(name));
      await card.clickButton('Not this entity');
      await card.waitForText((t) => t !== null && t.includes('Dossier won’t mark'));
      expectNoBlocking(`correction message (${scheme})`, await axeOnCard(article, browser.extensionId));
      await card.clickButton('Teach Dossier who this is');
      await card.waitForText((t) => t !== null && t.includes('Save entity'));
      expectNoBlocking(`entity editor (${scheme})`, await axeOnCard(article, browser.extensionId));
      await card.clickButton('Cancel');
      await article.keyboard.press('Escape');
      await card.waitForText((t) => t === null);
    });
  }

  it('finds violations when there are some: a nameless button and faint text in the card', async () => {
    // The check must be able to fail: give the card's close button an empty name and its
    // description a faint grey for a moment, from the content script's world (the page's own
    // world cannot reach into the closed root).
    const card = new CardProbe(article);
    await article.emulateMedia({ colorScheme: 'light' });
    await hoverText(article, 'Lizzi Lee');
    await card.waitForText((t) => t !== null && t.includes('Lizzi Lee'));
    await inContentScript(
      article,
      browser.extensionId,
      `{
        const root = chrome.dom.openOrClosedShadowRoot(document.querySelector('dossier-card'));
        const close = root.querySelector('.card-close');
        close.removeAttribute('aria-label');
        close.removeAttribute('title');
        close.textContent = '';
        root.querySelector('.card-description').style.color = '#c8c8c8';
      }`,
    );
    const found = blocking(await axeOnCard(article, browser.extensionId));
    expect(found.map((v) => v.id)).toEqual(expect.arrayContaining(['button-name', 'color-contrast']));
    expect(found.find((v) => v.id === 'color-contrast')!.targets.join()).toContain('.card-description');
    await article.keyboard.press('Escape');
    await card.waitForText((t) => t === null);
  });
});

describe('accessibility of the popup', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`the list of the page's entities and an entity's card (${scheme})`, async () => {
      const tabId = await tabIdOf(browser, article.url());
      const popup = await browser.context.newPage();
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.setViewportSize({ width: 380, height: 900 });
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
      await popup.locator('.entity-row').first().waitFor();
      await expect.poll(() => popup.locator('.popup-state').innerText()).toMatch(/entities known/);
      expectNoBlocking(`popup list (${scheme})`, await axeOnPage(popup));
      await popup.locator('.entity-row', { hasText: 'Lizzi Lee' }).first().click();
      await expect.poll(() => popup.locator('.dossier-card').innerText()).toMatch(/Asia Society/);
      expectNoBlocking(`popup card (${scheme})`, await axeOnPage(popup));
      await popup.getByRole('button', { name: 'Add note' }).click();
      await popup.getByRole('textbox').waitFor();
      expectNoBlocking(`popup note editor (${scheme})`, await axeOnPage(popup));
      await popup.close();
    });
  }
});

describe('accessibility of the notes page', () => {
  let notes: Page;

  it('has notes to show', async () => {
    notes = await browser.context.newPage();
    await notes.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await notes
      .getByLabel(/Import a file/)
      .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(NOTES)) });
    await notes.locator('.import-preview').getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => notes.locator('.note-item').count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => notes.locator('.note-item .note-entity').allInnerTexts()).toContain('Lizzi Lee');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`the notes list with notes, an entity's page and the Knowledge section (${scheme})`, async () => {
      await notes.emulateMedia({ colorScheme: scheme });
      await notes.goto(`chrome-extension://${browser.extensionId}/options.html#notes`);
      await expect.poll(() => notes.locator('.note-item').count()).toBe(2);
      expectNoBlocking(`notes list (${scheme})`, await axeOnPage(notes));
      await notes.goto(`chrome-extension://${browser.extensionId}/options.html#entity/news%3Alizzi-lee`);
      await expect.poll(() => notes.locator('.entity-page .dossier-card .card-name').innerText()).toBe('Lizzi Lee');
      await expect.poll(() => notes.locator('.entity-page .note-item').count()).toBe(1);
      expectNoBlocking(`an entity's page (${scheme})`, await axeOnPage(notes));
      await notes.goto(`chrome-extension://${browser.extensionId}/options.html#knowledge`);
      await notes.locator('[data-phase="ready"]').waitFor({ timeout: 30_000 });
      expectNoBlocking(`knowledge section (${scheme})`, await axeOnPage(notes));
    });
  }
});
