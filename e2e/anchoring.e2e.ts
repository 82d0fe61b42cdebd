// Notes taken from a selection, found again when the reader comes back (also after the page was
// edited), listed as detached when the passage is gone; and the reader's history of where they
// met each entity, which the card shows and which stops when history is off.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import type { Launched } from '../scripts/lib/launch';
import type { StaticServer } from '../scripts/lib/static-server';
import {
  CardProbe,
  hoverText,
  paintedMarks,
  saveScreenshot,
  selectText,
  startBrowser,
  startServer,
  waitForMarks,
} from './helpers/harness';

const PASSAGE = 'The company expects demand for its data-centre chips to keep growing through next year';
// The site inserted a word and set the hyphen as a non-breaking one.
const EDITED_PASSAGE =
  'The company still expects demand for its data\u2011centre chips to keep growing through next year';
const NOTE = 'Check this against the next quarterly report.';
const FIXTURES = join(import.meta.dirname, 'fixtures', 'anchoring');

let server: StaticServer;
let browser: Launched;
let articleUrl: string;

interface StoredNote {
  id: string;
  text: string;
  entityId?: string;
  quote?: { exact: string; prefix: string; suffix: string; start?: number };
  anchor?: { state: 'found' | 'detached'; checkedAt: number };
}

interface StoredSighting {
  entityId: string;
  url: string;
  title: string;
  firstSeen: number;
  lastSeen: number;
}

beforeAll(async () => {
  server = await startServer();
  browser = await startBrowser();
  articleUrl = `${server.url}/anchoring-article.html`;
});

afterEach(async () => {
  await browser.context.unrouteAll();
  for (const page of browser.context.pages()) await page.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The rows of one of Dossier's tables, read in the extension's own origin. */
async function rows<T>(table: string): Promise<T[]> {
  return browser.worker.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('dossier');
        open.onerror = () => reject(open.error ?? new Error('cannot open'));
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error ?? new Error('cannot read'));
        };
      }),
    table,
  );
}

/** The article's address answered with another version of it, as when the site edits a story. */
async function serveArticleAs(file: string): Promise<void> {
  const body = readFileSync(join(FIXTURES, file), 'utf8');
  await browser.context.route(articleUrl, (route: Route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
  );
}

async function open(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await waitForMarks(page);
  return page;
}

/** Selects from the start of `from` to the end of `to` (in one text node) by dragging the pointer. */
async function dragAcross(page: Page, from: string, to: string): Promise<void> {
  const box = await page.evaluate(
    ({ from, to }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const start = node.nodeValue!.indexOf(from);
        const end = node.nodeValue!.indexOf(to, start);
        if (start < 0 || end < 0) continue;
        node.parentElement!.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end + to.length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const first = rects[0]!;
        const last = rects[rects.length - 1]!;
        return {
          x1: first.left + 1,
          y1: first.top + first.height / 2,
          x2: last.right - 1,
          y2: last.top + last.height / 2,
        };
      }
      return null;
    },
    { from, to },
  );
  if (!box) throw new Error(`"${from}" … "${to}" is not on the page`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 8 });
  await page.mouse.up();
}

const noteMarks = async (page: Page) => (await paintedMarks(page))['dossier-note'] ?? [];
const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('notes from a selection', () => {
  it('keep the passage with its context and are painted at once', async () => {
    const article = await open(articleUrl);
    const card = new CardProbe(article);
    // The passage runs over a line break in the page's source: drag from its first word to its last.
    await dragAcross(article, 'The company expects', 'through next year');
    await card.waitForText((t) => t === 'Add note');
    await card.clickButton('Add note');
    await card.waitForText((t) => t?.includes('Save note') ?? false);
    await card.type(NOTE);
    await card.clickButton('Save note');
    const text = await card.waitForText((t) => t?.includes('Note saved') ?? false);
    expect(squash(text!)).toContain(PASSAGE);
    await expect.poll(async () => (await noteMarks(article)).map(squash)).toEqual([PASSAGE]);
    await saveScreenshot(article, 'anchoring-01-note-from-selection');

    const [note] = (await rows<StoredNote>('notes')).filter((n) => n.text === NOTE);
    expect(note).toBeDefined();
    expect(squash(note!.quote!.exact)).toBe(PASSAGE);
    expect(squash(note!.quote!.prefix)).toMatch(/Analysts were unmoved\. $/);
    expect(squash(note!.quote!.suffix)).toMatch(/^, and its shares/);
    expect(note!.quote!.start).toBeGreaterThan(100);
    expect(note!.entityId).toBeUndefined();
  });

  it('on a marked name belong to its entity', async () => {
    const article = await open(articleUrl);
    const card = new CardProbe(article);
    await selectText(article, 'Jensen Huang');
    await card.waitForText((t) => t === 'Add to Dossier Add note');
    await card.clickButton('Add note');
    await card.waitForText((t) => t?.includes('About Jensen Huang') ?? false);
    await card.type('Ask about the H20.');
    await card.clickButton('Save note');
    await card.waitForText((t) => t?.includes('Note saved') ?? false);
    const [note] = (await rows<StoredNote>('notes')).filter((n) => n.text === 'Ask about the H20.');
    expect(note).toMatchObject({ entityId: 'news:jensen-huang', quote: { exact: 'Jensen Huang' } });
  });
});

describe('re-anchoring on revisit', () => {
  it('paints the passage again after a reload and shows the note on hover', async () => {
    const article = await open(articleUrl);
    await expect.poll(async () => (await noteMarks(article)).map(squash)).toEqual(['Jensen Huang', PASSAGE]);
    const card = new CardProbe(article);
    await hoverText(article, 'data-centre chips');
    const text = await card.waitForText((t) => t?.includes(NOTE) ?? false);
    expect(text).toContain('Your notes on this passage');
    await saveScreenshot(article, 'anchoring-02-note-on-hover');
    const notes = await rows<StoredNote>('notes');
    expect(notes.find((n) => n.text === NOTE)?.anchor?.state).toBe('found');
  });

  it('finds the passage in an edited version of the page', async () => {
    await serveArticleAs('article-edited.html');
    const article = await open(articleUrl);
    await expect.poll(async () => (await noteMarks(article)).map(squash)).toEqual(['Jensen Huang', EDITED_PASSAGE]);
    expect((await rows<StoredNote>('notes')).find((n) => n.text === NOTE)?.anchor?.state).toBe('found');
  });

  it('stores a note whose passage is gone as detached, and keeps it', async () => {
    await serveArticleAs('article-rewritten.html');
    const before = Date.now();
    const article = await open(articleUrl);
    await expect
      .poll(async () => (await rows<StoredNote>('notes')).find((n) => n.text === NOTE)?.anchor?.state)
      .toBe('detached');
    const note = (await rows<StoredNote>('notes')).find((n) => n.text === NOTE)!;
    expect(note.anchor!.checkedAt).toBeGreaterThanOrEqual(before);
    expect(squash(note.quote!.exact)).toBe(PASSAGE);
    expect(await noteMarks(article)).toEqual(['Jensen Huang']);
    // The notes page lists it, as detached.
    const notes = await browser.context.newPage();
    await notes.goto(`chrome-extension://${browser.extensionId}/options.html#notes`);
    const item = notes.locator('.note-item', { hasText: NOTE });
    await expect.poll(() => item.innerText()).toContain('Detached: the quoted passage was not found');
    await notes.close();
  });
});

describe('history', () => {
  it('remembers where an entity was seen, and the card says so on another page', async () => {
    const first = await open(`${server.url}/trade-talks-en.html`);
    await expect
      .poll(async () => (await rows<StoredSighting>('sightings')).filter((s) => s.url.endsWith('/trade-talks-en.html')))
      .toContainEqual(expect.objectContaining({ entityId: 'news:nvidia' }));
    await first.close();

    const second = await open(`${server.url}/local-news-en.html`);
    const card = new CardProbe(second);
    await hoverText(second, 'Nvidia');
    const text = await card.waitForText((t) => t?.includes('Also seen on') ?? false);
    expect(text).toContain('Nvidia’s Huang walks a tightrope as chip export rules tighten');
    expect(text).not.toContain('Riverside council backs a data-centre plan');
    await saveScreenshot(second, 'anchoring-03-also-seen-on');
  });

  it('records nothing while it is off, and is cleared on request', async () => {
    const knowledge = await browser.context.newPage();
    await knowledge.goto(`chrome-extension://${browser.extensionId}/options.html#knowledge`);
    const toggle = knowledge.getByLabel('Remember on which pages I met each entity');
    await toggle.uncheck();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    const off = await open(`${server.url}/seed-article-de.html`);
    await off.close();
    // Back on, a later page is recorded: the background has written what it had by then.
    await toggle.check();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    const on = await open(`${server.url}/shadow-live.html`);
    await expect
      .poll(async () => (await rows<StoredSighting>('sightings')).some((s) => s.url.endsWith('/shadow-live.html')))
      .toBe(true);
    await on.close();
    expect((await rows<StoredSighting>('sightings')).filter((s) => s.url.endsWith('/seed-article-de.html'))).toEqual(
      [],
    );

    await knowledge.getByRole('button', { name: 'Clear history' }).click();
    await knowledge.getByText('History cleared.').waitFor();
    expect(await rows<StoredSighting>('sightings')).toEqual([]);
    await knowledge.close();
  });
});
