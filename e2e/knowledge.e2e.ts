// The reader's own knowledge, end to end: what the knowledge page says about the packs, entities
// taught from the notes page and from a selection (marked at once on open tabs), and corrections
// from the card that are respected and can be taken back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Launched } from '../scripts/lib/launch';
import type { StaticServer } from '../scripts/lib/static-server';
import {
  CardProbe,
  hoverText,
  openArticle,
  paintedMarks,
  saveScreenshot,
  selectText,
  startBrowser,
  startServer,
  waitForMarks,
} from './helpers/harness';

let server: StaticServer;
let browser: Launched;

beforeAll(async () => {
  server = await startServer();
  browser = await startBrowser();
});

// Each test starts from no open page, as a reader opening a new tab would.
afterEach(async () => {
  for (const page of browser.context.pages()) await page.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openOptions(section: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html#${section}`);
  await page.locator('h1').waitFor();
  return page;
}

function openLocalNews(): Promise<Page> {
  return openArticle(browser, server, 'local-news-en.html');
}

const marked = async (page: Page, type: string) => (await paintedMarks(page))[`dossier-${type}`] ?? [];

describe('the knowledge page', () => {
  it('lists every shipped pack with its date and size, and says when detection is ready', async () => {
    const page = await openOptions('knowledge');
    const shipped = JSON.parse(await page.evaluate(async () => (await fetch('/packs/index.json')).text())) as {
      id: string;
      entityCount: number;
    }[];
    await page.locator('[data-phase="ready"]').waitFor({ timeout: 30_000 });
    for (const pack of shipped) {
      const row = page.locator(`tr[data-pack="${pack.id}"]`);
      const cells = await row.locator('td').allInnerTexts();
      expect(cells[2]).toMatch(/^\d{4}-\d{2}/);
      expect(Number(cells[3]!.replace(/\D/g, ''))).toBe(pack.entityCount);
    }
    const total = shipped.reduce((n, p) => n + p.entityCount, 0);
    expect(await page.locator('[data-phase="ready"]').innerText()).toContain(total.toLocaleString('en-US'));
    await saveScreenshot(page, 'knowledge-01-packs');
    await page.close();
  });
});

describe('the reader’s own entities', () => {
  it('added on the notes page are marked at once in an open tab', async () => {
    const article = await openLocalNews();
    expect((await paintedMarks(article))['dossier-person'] ?? []).not.toContain('Marta Kowalczyk');

    const options = await openOptions('entities');
    await options.getByRole('button', { name: 'Add an entity' }).click();
    await options.getByLabel('Name', { exact: true }).fill('Marta Kowalczyk');
    await options.getByLabel('Other names').fill('Kowalczyk');
    await options.getByLabel('Who or what it is').fill('Chair of the Oakridge Water Board');
    await options.getByRole('button', { name: 'Save entity' }).click();
    await expect.poll(() => options.locator('.note-entity').allInnerTexts()).toEqual(['Marta Kowalczyk']);
    await saveScreenshot(options, 'knowledge-02-own-entities');

    // The tab that was already open reads its page again and marks every form.
    await expect.poll(() => marked(article, 'person'), { timeout: 15_000 }).toEqual(['Marta Kowalczyk', 'Kowalczyk']);
    const card = new CardProbe(article);
    await hoverText(article, 'Marta Kowalczyk');
    const text = await card.waitForText((t) => t?.includes('Chair of the Oakridge Water Board') ?? false);
    expect(text).toContain('Edit this entity');
    await options.close();
    await article.close();
  });

  it('taught from a selection are marked on the page', async () => {
    const article = await openLocalNews();
    const card = new CardProbe(article);
    await selectText(article, 'Oakridge Water Board');
    await card.waitForText((t) => t?.startsWith('Add to Dossier') ?? false);
    await card.clickButton('Add to Dossier');
    await card.waitForText((t) => t?.includes('Save entity') ?? false);
    await card.choose('type', 'Organisation');
    await card.fill('description', 'Public body that runs the town’s reservoirs');
    await saveScreenshot(article, 'knowledge-03-teach-from-selection');
    await card.clickButton('Save entity');
    await card.waitForText((t) => t?.includes('Dossier now knows “Oakridge Water Board”') ?? false);
    await expect
      .poll(() => marked(article, 'organization'), { timeout: 15_000 })
      .toEqual(['Oakridge Water Board', 'Oakridge Water Board']);

    const options = await openOptions('entities');
    await expect
      .poll(() => options.locator('.note-entity').allInnerTexts())
      .toEqual(['Marta Kowalczyk', 'Oakridge Water Board']);

    // Deleting it there unmarks it here; undo brings it back.
    await options
      .locator('.note-item')
      .filter({ has: options.locator('.note-entity', { hasText: /^Oakridge Water Board$/ }) })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect.poll(() => marked(article, 'organization'), { timeout: 15_000 }).toEqual([]);
    await options.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(() => marked(article, 'organization'), { timeout: 15_000 })
      .toEqual(['Oakridge Water Board', 'Oakridge Water Board']);
    await options.close();
    await article.close();
  });
});

describe('corrections', () => {
  it('“Not this entity” unmarks the name on this page, and taking it back marks it again', async () => {
    const article = await openLocalNews();
    expect(await marked(article, 'company')).toEqual(['Nvidia', 'Nvidia']);
    const card = new CardProbe(article);
    await hoverText(article, 'Nvidia');
    await card.waitForText((t) => t?.includes('Not this entity') ?? false);
    await card.clickButton('Not this entity');
    await card.waitForText((t) => t?.includes('Dossier won’t mark “Nvidia” as Nvidia on this page.') ?? false);
    await expect.poll(() => marked(article, 'company'), { timeout: 15_000 }).toEqual([]);

    // Elsewhere Nvidia is still marked.
    const other = await browser.context.newPage();
    await other.goto(`${server.url}/trade-talks-en.html`);
    await waitForMarks(other);
    expect(await marked(other, 'company')).toContain('Nvidia');
    await other.close();

    const options = await openOptions('knowledge');
    const item = options.locator('.corrections .note-item');
    await expect.poll(() => item.allInnerTexts()).toEqual([expect.stringContaining('“Nvidia” is not Nvidia')]);
    await item.getByRole('button', { name: 'Take back' }).click();
    await expect.poll(() => marked(article, 'company'), { timeout: 15_000 }).toEqual(['Nvidia', 'Nvidia']);
    await options.close();
    await article.close();
  });

  it('“Don’t mark on this site” holds on every page of the site', async () => {
    const article = await openLocalNews();
    const card = new CardProbe(article);
    await hoverText(article, 'Nvidia');
    await card.waitForText((t) => t?.includes('Don’t mark on this site') ?? false);
    await card.clickButton('Don’t mark on this site');
    await card.waitForText((t) => t?.includes('Dossier won’t mark Nvidia on 127.0.0.1 again.') ?? false);
    await expect.poll(() => marked(article, 'company'), { timeout: 15_000 }).toEqual([]);
    const other = await browser.context.newPage();
    await other.goto(`${server.url}/trade-talks-en.html`);
    await waitForMarks(other);
    expect(await marked(other, 'company')).not.toContain('Nvidia');
    await saveScreenshot(other, 'knowledge-04-not-on-site');
    await other.close();
    await article.close();
  });
});
