// The notes page: notes brought in from a file, found by search and filters, tagged, selected and
// deleted with undo, exported in every format and imported into a fresh profile; a bad file is
// refused with a message and changes nothing; each entity has its page.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Launched } from '../scripts/lib/launch';
import { saveScreenshot, startBrowser } from './helpers/harness';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 5, 2, 9);

/** Three notes on entities of the news pack, with an umlaut title, a quote and tags. */
const FIXTURE = {
  format: 'dossier-notes',
  version: 1,
  exportedAt: new Date(T0 + 10 * DAY).toISOString(),
  notes: [
    {
      id: '11111111-1111-4111-8111-111111111111',
      entityId: 'news:johann-wadephul',
      page: {
        url: 'https://www.tagesschau.de/ausland/wadephul-peking-100.html',
        title: 'Außenminister Wadephul reist nach Peking: Gespräche über Zölle',
        site: 'www.tagesschau.de',
      },
      text: 'Erste Reise nach China als Minister.',
      tags: ['China', 'Diplomatie'],
      createdAt: T0,
      updatedAt: T0,
    },
    {
      id: '22222222-2222-4222-8222-222222222222',
      entityId: 'news:lizzi-lee',
      page: {
        url: 'https://example.org/nvidia-h20',
        title: 'Jensen Huang and the H20',
        site: 'example.org',
      },
      quote: {
        exact: 'Laut Lizzi Lee sieht Peking in Huang einen verlässlichen Partner.',
        prefix: 'Die Exportregeln. ',
        suffix: ' Das Handelsministerium',
        start: 120,
      },
      text: 'Ask her about export controls.',
      tags: ['China', 'Chips'],
      createdAt: T0 + DAY,
      updatedAt: T0 + DAY,
    },
    {
      id: '33333333-3333-4333-8333-333333333333',
      entityId: 'news:gina-raimondo',
      text: 'Former Commerce Secretary.',
      tags: ['Chips'],
      createdAt: T0 + 2 * DAY,
      updatedAt: T0 + 2 * DAY,
    },
  ],
};

let browser: Launched;
let notes: Page;
let exportedJson = '';

beforeAll(async () => {
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function openNotes(target: Launched, hash = ''): Promise<Page> {
  const page = await target.context.newPage();
  await page.goto(`chrome-extension://${target.extensionId}/options.html${hash}`);
  await page.locator('h1').first().waitFor();
  return page;
}

async function importFile(page: Page, name: string, text: string): Promise<void> {
  await page
    .getByLabel(/Import a file/)
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

const entityNames = (page: Page) => page.locator('.note-item .note-entity').allInnerTexts();

async function search(page: Page, words: string): Promise<string[]> {
  await page.getByRole('searchbox', { name: 'Search notes' }).fill(words);
  // The list follows the box at once; the poll waits out Preact's render.
  await expect.poll(() => page.evaluate(() => location.hash)).toContain(words ? 'q=' : '#notes');
  return entityNames(page);
}

async function download(page: Page, format: string): Promise<{ name: string; text: string }> {
  await page.getByLabel('Format').selectOption({ label: format });
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^Export/ }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('the notes page', () => {
  it('imports a file after showing what it will add', async () => {
    notes = await openNotes(browser);
    await importFile(notes, 'fixture.json', JSON.stringify(FIXTURE));
    const preview = notes.locator('.import-preview');
    await expect.poll(() => preview.innerText()).toContain('fixture.json: 3 to add, 0 to update, 0 unchanged.');
    await preview.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => notes.getByRole('status').allInnerTexts()).toContain('Imported: 3 added, 0 updated.');
    // The entity names come from the news pack, which the background may still be importing.
    await expect
      .poll(() => entityNames(notes), { timeout: 30_000 })
      .toEqual(['Gina Raimondo', 'Lizzi Lee', 'Johann Wadephul']);
    await saveScreenshot(notes, 'notes-page-01-imported');
  });

  it('finds notes by entity name, quote and page title, umlauts typed or spelled out', async () => {
    expect(await search(notes, 'Raimondo')).toEqual(['Gina Raimondo']);
    expect(await search(notes, 'verlässlichen Partner')).toEqual(['Lizzi Lee']);
    expect(await search(notes, 'Außenminister Zölle')).toEqual(['Johann Wadephul']);
    expect(await search(notes, 'aussenminister zoelle')).toEqual(['Johann Wadephul']);
    expect(await notes.locator('.notes-count').innerText()).toBe('1 of 3 notes');
    await saveScreenshot(notes, 'notes-page-02-search');
    // The search is in the address, so a reload keeps it.
    await notes.reload();
    await expect.poll(() => entityNames(notes)).toEqual(['Johann Wadephul']);
    expect(await notes.getByRole('searchbox', { name: 'Search notes' }).inputValue()).toBe('aussenminister zoelle');
    expect(await search(notes, '')).toEqual(['Gina Raimondo', 'Lizzi Lee', 'Johann Wadephul']);
  });

  it('filters by a tag clicked on a note, and keeps the filter over a reload', async () => {
    await notes.locator('.note-item').first().getByRole('button', { name: '#Chips' }).click();
    await expect.poll(() => entityNames(notes)).toEqual(['Gina Raimondo', 'Lizzi Lee']);
    expect(await notes.evaluate(() => location.hash)).toBe('#notes?tag=Chips');
    await notes.reload();
    await expect.poll(() => entityNames(notes)).toEqual(['Gina Raimondo', 'Lizzi Lee']);
    const tagFilter = notes
      .locator('label.filter', { has: notes.locator('span', { hasText: /^Tag$/ }) })
      .locator('select');
    expect(await tagFilter.inputValue()).toBe('Chips');
    await notes.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => entityNames(notes)).toEqual(['Gina Raimondo', 'Lizzi Lee', 'Johann Wadephul']);
  });

  it('adds a tag in place, with suggestions from the tags there are', async () => {
    const item = notes.locator('.note-item').filter({ hasText: 'Gina Raimondo' });
    const field = item.getByRole('combobox', { name: 'New tag' });
    const suggestions = await notes
      .locator(`datalist#${await field.getAttribute('list')} option`)
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(suggestions).toEqual(['China', 'Chips', 'Diplomatie']);
    await field.fill('USA');
    await item.getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(() => item.locator('.tag-name').allInnerTexts()).toEqual(['#Chips', '#USA']);
  });

  it('deletes two selected notes, and brings them back with undo', async () => {
    await notes.getByRole('checkbox', { name: /Select this note: Gina Raimondo/ }).check();
    await notes.getByRole('checkbox', { name: /Select this note: Johann Wadephul/ }).check();
    expect(await notes.locator('.selection-bar').innerText()).toContain('2 selected');
    await notes.getByRole('button', { name: 'Delete selected' }).click();
    await expect.poll(() => entityNames(notes)).toEqual(['Lizzi Lee']);
    expect(await notes.locator('.notes-status').innerText()).toContain('Notes deleted: 2.');
    await notes.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => entityNames(notes)).toEqual(['Gina Raimondo', 'Lizzi Lee', 'Johann Wadephul']);
  });

  it('exports all notes in each format', async () => {
    const dossier = await download(notes, 'Dossier JSON (complete backup)');
    expect(dossier.name).toMatch(/^dossier-notes-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(dossier.text) as typeof FIXTURE & { entities: Record<string, string> };
    expect(file.format).toBe('dossier-notes');
    expect(file.notes.map((n) => n.id).sort()).toEqual(FIXTURE.notes.map((n) => n.id).sort());
    expect(file.entities['news:lizzi-lee']).toBe('Lizzi Lee');
    expect(file.notes.find((n) => n.entityId === 'news:gina-raimondo')!.tags).toEqual(['Chips', 'USA']);
    exportedJson = dossier.text;

    const w3c = await download(notes, 'W3C Web Annotation (JSON-LD)');
    expect(w3c.name).toMatch(/\.jsonld$/);
    const collection = JSON.parse(w3c.text) as { type: string; total: number; first: { items: unknown[] } };
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(3);
    expect(w3c.text).toContain('"TextQuoteSelector"');
    expect(w3c.text).toContain('Außenminister Wadephul reist nach Peking');

    const markdown = await download(notes, 'Markdown');
    expect(markdown.name).toMatch(/\.md$/);
    expect(markdown.text).toContain('# Dossier notes');
    expect(markdown.text).toContain('## Lizzi Lee');
    expect(markdown.text).toContain('> Laut Lizzi Lee sieht Peking in Huang einen verlässlichen Partner.');

    const csv = await download(notes, 'CSV (spreadsheet)');
    expect(csv.name).toMatch(/\.csv$/);
    expect(csv.text).toContain('Gina Raimondo');
    expect(csv.text).toContain('Former Commerce Secretary.');
    expect(csv.text.trim().split(/\r?\n/).length).toBeGreaterThanOrEqual(4);
  });

  it('exports only the notes shown when filtered', async () => {
    await search(notes, 'Raimondo');
    const button = notes.getByRole('button', { name: /^Export/ });
    expect(await button.innerText()).toBe('Export 1 shown');
    const csv = await download(notes, 'CSV (spreadsheet)');
    expect(csv.text).toContain('Gina Raimondo');
    expect(csv.text).not.toContain('Lizzi Lee');
    await search(notes, '');
  });

  it('refuses a malformed file with a message, and changes nothing', async () => {
    const broken = { ...FIXTURE, notes: [{ ...FIXTURE.notes[0], createdAt: 'yesterday' }] };
    await importFile(notes, 'broken.json', JSON.stringify(broken));
    const alert = notes.getByRole('alert');
    await expect.poll(() => alert.innerText()).toContain('broken.json cannot be imported.');
    expect(await alert.innerText()).toContain('notes[0].createdAt');
    expect(await alert.innerText()).toContain('Nothing was changed.');
    expect(await notes.locator('.import-preview').count()).toBe(0);
    await importFile(notes, 'not-json.json', '{"format": "dossier-notes", ');
    await expect.poll(() => alert.innerText()).toContain('not-json.json cannot be imported.');
    await saveScreenshot(notes, 'notes-page-03-bad-import');
    await notes.reload();
    await expect.poll(() => entityNames(notes)).toEqual(['Gina Raimondo', 'Lizzi Lee', 'Johann Wadephul']);
  });

  it('shows a page per entity with its card and its notes', async () => {
    await notes.locator('.note-item').filter({ hasText: 'Lizzi Lee' }).getByRole('link', { name: 'Lizzi Lee' }).click();
    expect(await notes.evaluate(() => location.hash)).toBe('#entity/news%3Alizzi-lee');
    const card = notes.locator('.entity-page .dossier-card');
    await expect.poll(() => card.locator('.card-name').innerText()).toBe('Lizzi Lee');
    expect(await notes.getByRole('heading', { name: 'Your notes on Lizzi Lee' }).count()).toBe(1);
    expect(await notes.locator('.entity-page .note-item').count()).toBe(1);
    expect(await notes.locator('.entity-page .note-body').innerText()).toBe('Ask her about export controls.');
    expect(await notes.locator('.entity-pages a').innerText()).toBe('Jensen Huang and the H20');
    await saveScreenshot(notes, 'notes-page-04-entity');
    await notes.getByRole('link', { name: /All notes/ }).click();
    await expect.poll(() => entityNames(notes)).toEqual(['Gina Raimondo', 'Lizzi Lee', 'Johann Wadephul']);
  });

  it('imports the exported file into a fresh profile', async () => {
    expect(exportedJson).not.toBe('');
    const fresh = await startBrowser();
    try {
      const page = await openNotes(fresh);
      await importFile(page, 'backup.json', exportedJson);
      const preview = page.locator('.import-preview');
      await expect.poll(() => preview.innerText()).toContain('3 to add, 0 to update, 0 unchanged.');
      await preview.getByRole('button', { name: 'Import' }).click();
      await expect
        .poll(() => entityNames(page), { timeout: 30_000 })
        .toEqual(['Gina Raimondo', 'Lizzi Lee', 'Johann Wadephul']);
      // The same file again changes nothing.
      await importFile(page, 'backup.json', exportedJson);
      await expect.poll(() => preview.innerText()).toContain('0 to add, 0 to update, 3 unchanged.');
      expect(await preview.getByRole('button', { name: 'Import' }).isDisabled()).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});
