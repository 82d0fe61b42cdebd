// Notes: taken from the card on the article, listed on the notes page with their entity, page
// and quote, edited and deleted there, and still there after a reload and a browser restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Launched } from '../scripts/lib/launch';
import type { StaticServer } from '../scripts/lib/static-server';
import { CardProbe, hoverText, saveScreenshot, startBrowser, startServer, waitForMarks } from './helpers/harness';

const NOTE = 'Ask her whether Beijing sees Huang as the new Musk.';

let server: StaticServer;
let browser: Launched;
let profile: string;

beforeAll(async () => {
  server = await startServer();
  browser = await startBrowser();
  profile = browser.userDataDir;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openNotes(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.locator('h1').waitFor();
  return page;
}

describe('notes', () => {
  it('are added from the card on the article', async () => {
    const article = await browser.context.newPage();
    await article.goto(`${server.url}/seed-article-de.html`);
    await waitForMarks(article);
    const card = new CardProbe(article);
    await hoverText(article, 'Lizzi Lee');
    await card.waitForText((t) => t?.includes('Lizzi Lee') ?? false);
    await card.clickButton('Add note');
    await card.waitForText((t) => t?.includes('Save note') ?? false);
    await card.type(NOTE);
    await card.clickButton('Save note');
    const text = await card.waitForText((t) => t?.includes('Note saved') ?? false);
    expect(text).toContain(NOTE);
    // The card quotes the sentence the name stands in.
    expect(text).toContain('Laut Lizzi Lee, Expertin am China Analysis Center');
    await saveScreenshot(article, 'notes-01-note-in-card');
    await article.close();
  });

  it('are listed on the notes page with entity, page and quote', async () => {
    const notes = await openNotes();
    const item = notes.locator('.note-item').first();
    await expect.poll(() => item.innerText()).toContain(NOTE);
    expect(await item.locator('.note-entity').innerText()).toBe('Lizzi Lee');
    const link = item.locator('a.note-page');
    expect(await link.innerText()).toMatch(/Jensen Huang ersetzt Elon Musk/);
    expect(await link.getAttribute('href')).toBe(`${server.url}/seed-article-de.html`);
    expect(await item.locator('blockquote').innerText()).toMatch(/^Laut Lizzi Lee, Expertin am China Analysis Center/);
    await saveScreenshot(notes, 'notes-02-notes-page');
    await notes.close();
  });

  it('survive a reload and a browser restart', async () => {
    const notes = await openNotes();
    await notes.reload();
    await expect.poll(() => notes.locator('.note-item').first().innerText()).toContain(NOTE);
    await notes.close();
    await browser.close({ keepProfile: true });
    browser = await startBrowser({ userDataDir: profile });
    const again = await openNotes();
    await expect.poll(() => again.locator('.note-item').first().innerText()).toContain(NOTE);
    await again.close();
  });

  it('are listed newest first, edited in place, and deleted with undo', async () => {
    const article = await browser.context.newPage();
    await article.goto(`${server.url}/seed-article-de.html`);
    await waitForMarks(article);
    const card = new CardProbe(article);
    await hoverText(article, 'Gina Raimondo');
    await card.waitForText((t) => t?.includes('Gina Raimondo') ?? false);
    await card.clickButton('Add note');
    await card.waitForText((t) => t?.includes('Save note') ?? false);
    await card.type('Former Commerce Secretary.');
    await card.clickButton('Save note');
    await card.waitForText((t) => t?.includes('Note saved') ?? false);
    await article.close();

    const notes = await openNotes();
    await expect.poll(() => notes.locator('.note-entity').allInnerTexts()).toEqual(['Gina Raimondo', 'Lizzi Lee']);

    const first = notes.locator('.note-item').first();
    await first.getByRole('button', { name: 'Edit' }).click();
    await first.getByRole('textbox').fill('Commerce Secretary from 2021 to 2025.');
    await first.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => first.locator('.note-body').innerText()).toBe('Commerce Secretary from 2021 to 2025.');
    await notes.reload();
    await expect
      .poll(() => notes.locator('.note-body').first().innerText())
      .toBe('Commerce Secretary from 2021 to 2025.');

    await notes.locator('.note-item').first().getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => notes.locator('.note-entity').allInnerTexts()).toEqual(['Lizzi Lee']);
    await notes.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => notes.locator('.note-entity').allInnerTexts()).toEqual(['Gina Raimondo', 'Lizzi Lee']);
    await notes.locator('.note-item').first().getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => notes.locator('.note-entity').allInnerTexts()).toEqual(['Lizzi Lee']);
    await notes.reload();
    await expect.poll(() => notes.locator('.note-entity').allInnerTexts()).toEqual(['Lizzi Lee']);
  });
});
