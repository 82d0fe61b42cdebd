// Reading the German seed article with Dossier: marks on every entity, none in the site's chrome,
// the page's DOM untouched, and the card on hover.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Launched } from '../scripts/lib/launch';
import type { StaticServer } from '../scripts/lib/static-server';
import {
  CardProbe,
  hoverText,
  paintedMarks,
  saveScreenshot,
  screenshotEachStep,
  startBrowser,
  startServer,
  waitForMarks,
} from './helpers/harness';

let server: StaticServer;
let browser: Launched;
let page: Page;
let domBefore = '';

beforeAll(async () => {
  server = await startServer();
  browser = await startBrowser();
  page = await browser.context.newPage();
  // The article as the site serves it, before any extension code runs on it.
  await page.route('**/seed-article-de.html', async (route) => {
    const response = await route.fetch();
    domBefore = await response.text();
    await route.fulfill({ response });
  });
  await page.goto(`${server.url}/seed-article-de.html`);
  await waitForMarks(page);
});

screenshotEachStep('reading', () => page);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('highlights on the seed article', () => {
  it('marks every entity the article names, in the forms it uses', async () => {
    const marks = await paintedMarks(page);
    const all = Object.values(marks).flat();
    await saveScreenshot(page, 'reading-01-highlighted-article');
    for (const form of [
      'Jensen Huang',
      'Elon Musk',
      'Donald Trump',
      'Xi Jinping',
      'Wang Qishan',
      'Wang Wentao',
      'Gina Raimondo',
      'Lizzi Lee',
      'Nvidia',
      'TSMC',
      'Tesla',
      'Huawei',
      'DeepSeek',
      'Qwen',
      'H20',
      'Asia Society Policy Institute',
      'Bloomberg',
      'China',
      'USA',
      'Washington',
      'Peking',
      'Weißen Haus',
      // Inflected and titled forms: "Nvidias", "Alibabas", "Herrn Trump", "Herrn Huang".
      'Nvidias',
      'Alibabas',
      'Chinas',
      'Trump',
      'Huang',
      'Musk',
      'Lee',
    ]) {
      expect(all, form).toContain(form);
    }
    // Titles are never part of a mark.
    expect(all.filter((t) => /^(Herrn|Handelsminister|Präsident)\b/.test(t))).toEqual([]);
    // One highlight per entity type, so each type has its own colour.
    expect(Object.keys(marks)).toEqual(
      expect.arrayContaining([
        'dossier-person',
        'dossier-company',
        'dossier-place',
        'dossier-product',
        'dossier-organization',
      ]),
    );
    expect(marks['dossier-person']).toContain('Lizzi Lee');
    expect(marks['dossier-product']).toContain('H20');
  });

  it('marks compounds by their known part and nothing in navigation, aside, footer or links', async () => {
    const where = await page.evaluate(() => {
      const out: { text: string; chrome: boolean; next: string }[] = [];
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith('dossier-')) continue;
        for (const range of highlight as unknown as Set<Range>) {
          const el = range.startContainer.parentElement!;
          out.push({
            text: range.toString(),
            chrome: el.closest('nav, footer, aside, body > header, .cookie-banner, a[href^="http"]') !== null,
            next: (range.endContainer.nodeValue ?? '').slice(range.endOffset, range.endOffset + 6),
          });
        }
      }
      return out;
    });
    expect(where.length).toBeGreaterThan(60);
    expect(where.filter((w) => w.chrome)).toEqual([]);
    expect(where.some((w) => w.text === 'Nvidia' && w.next.startsWith('-CEO'))).toBe(true);
    expect(where.some((w) => w.text === 'H20' && w.next.startsWith('-Chip'))).toBe(true);
    // The navigation names "Tesla" and "Nvidia", the footer "Washington": the page has them, unmarked.
    expect(await page.locator('nav').first().innerText()).toMatch(/Tesla|Nvidia/);
  });

  it('leaves the page DOM untouched: no element added inside the article', async () => {
    const article = await page.evaluate(() => document.querySelector('article')!.innerHTML);
    const served = /<article[^>]*>([\s\S]*)<\/article>/.exec(domBefore)![1]!;
    const normalise = (html: string) => html.replace(/\s+/g, ' ').replace(/ >/g, '>').trim();
    expect(normalise(article).length).toBeGreaterThan(3000);
    expect(
      await page.evaluate(
        () => document.querySelectorAll('article mark, article [data-dossier], article span.dossier').length,
      ),
    ).toBe(0);
    // The only element Dossier adds is its card host, outside the article, and only once a card was shown.
    const elementsInArticle = await page.evaluate(() => document.querySelectorAll('article *').length);
    const servedElements = (served.match(/<[a-zA-Z][^>]*>/g) ?? []).length;
    expect(elementsInArticle).toBe(servedElements);
  });
});

describe('the card on hover', () => {
  it('opens after a short dwell beside Lizzi Lee and says who she is', async () => {
    const card = new CardProbe(page);
    await hoverText(page, 'Lizzi Lee');
    const text = await card.waitForText((t) => t !== null && t.includes('Lizzi Lee'));
    expect(text).toContain('Asia Society Policy Institute');
    expect(text).toMatch(/Chinas Wirtschaft/); // The page is German, so is the description.
    expect(text).toContain('Add note');
    expect(text).toMatch(/2025-06/); // Facts and source carry their date.
    expect(await card.hostShadowMode()).toBe('closed');
    await saveScreenshot(page, 'reading-02-card-lizzi-lee');
  });

  it('stays while the pointer travels into it, and closes on Escape', async () => {
    const card = new CardProbe(page);
    await card.waitForText((t) => t !== null && t.includes('Lizzi Lee'));
    // Travel into the card and start writing; resting there longer than the hide delay keeps it open.
    await card.clickButton('Add note');
    const editing = await card.waitForText((t) => t !== null && t.includes('Save note'));
    expect(editing).toContain('Cancel');
    await page.waitForTimeout(700); // Longer than the hide delay: the card must still be open.
    expect(await card.text()).toContain('Save note');
    await card.clickButton('Cancel');
    await page.keyboard.press('Escape');
    await card.waitForText((t) => t === null);
  });

  it('hides shortly after the pointer leaves the mention', async () => {
    const card = new CardProbe(page);
    await hoverText(page, 'H20', 0);
    const text = await card.waitForText((t) => t !== null && t.includes('Nvidia H20'));
    expect(text).toMatch(/Rechenzentr/); // German description: a data-centre GPU for China.
    expect(text).toMatch(/US-Export/);
    await page.mouse.move(5, 5, { steps: 3 });
    await card.waitForText((t) => t === null, 3_000);
  });

  it('does not open while the pointer only sweeps across names', async () => {
    const card = new CardProbe(page);
    const from = await hoverText(page, 'Jensen Huang', 2);
    // Sweep on without resting: the card must not appear.
    await page.mouse.move(from.x + 400, from.y, { steps: 6 });
    await page.mouse.move(5, 5, { steps: 2 });
    await page.waitForTimeout(500);
    expect(await card.text()).toBeNull();
  });
});
