// Pages that change after load: a live blog adds, moves, edits and removes posts; a single-page
// app navigates with history.pushState; the page clears the highlight registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Launched } from '../scripts/lib/launch';
import type { StaticServer } from '../scripts/lib/static-server';
import { paintedMarks, screenshotEachStep, startBrowser, startServer, waitForMarks } from './helpers/harness';

let server: StaticServer;
let browser: Launched;
let page: Page;

declare global {
  interface Window {
    addPost(text: string): string;
    movePost(id: string): void;
    removePost(id: string): void;
    editPost(id: string, text: string): void;
    navigate(path: string, title: string, paragraphs: string[]): void;
  }
}

const allMarks = async () => Object.values(await paintedMarks(page)).flat();

/** Where each mark of `text` sits: the id of the post holding it. */
const postsMarking = (text: string) =>
  page.evaluate((t) => {
    const out: string[] = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('dossier-') || name.startsWith('dossier-hover')) continue;
      for (const r of h as unknown as Set<Range>) {
        if (r.toString() === t) out.push(r.startContainer.parentElement?.closest('.post')?.id ?? '(none)');
      }
    }
    return out;
  }, text);

beforeAll(async () => {
  server = await startServer();
  browser = await startBrowser();
  page = await browser.context.newPage();
  await page.goto(`${server.url}/live-blog.html`);
  await waitForMarks(page);
});

screenshotEachStep('live', () => page);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a live page', () => {
  it('marks the posts present at load, not the navigation or footer', async () => {
    const marks = await allMarks();
    expect(marks).toEqual(expect.arrayContaining(['Jensen Huang', 'White House', 'H20', 'Beijing', 'Nvidia']));
    expect(await postsMarking('Washington')).toEqual(['(none)']); // Only the headline, not the footer.
  });

  it('reads a post added later', async () => {
    const id = await page.evaluate(() =>
      window.addPost('Gina Raimondo, the former commerce secretary, joined Lizzi Lee on a panel.'),
    );
    await expect.poll(() => postsMarking('Gina Raimondo')).toEqual([id]);
    expect(await postsMarking('Lizzi Lee')).toEqual([id]);
  });

  it('keeps the marks of a post that moves', async () => {
    await page.evaluate(() => window.movePost('post-1'));
    await expect.poll(() => postsMarking('Jensen Huang')).toEqual(['post-1']);
    const lastPost = await page.evaluate(() => document.querySelector('#live > .post:last-child')!.id);
    expect(lastPost).toBe('post-1');
  });

  it('reads an edited post again and forgets what it no longer says', async () => {
    await page.evaluate(() => window.editPost('post-2', 'Officials in Beijing met Xi Jinping.'));
    await expect.poll(() => postsMarking('Xi Jinping')).toEqual(['post-2']);
    expect(await postsMarking('Nvidia')).toEqual([]);
  });

  it('drops the marks of a removed post', async () => {
    await page.evaluate(() => window.removePost('post-1'));
    await expect.poll(() => postsMarking('Jensen Huang')).toEqual([]);
    expect(await postsMarking('Beijing')).toEqual(['post-2']);
  });

  it('paints again when the page clears the highlight registry', async () => {
    await page.evaluate(() => CSS.highlights.clear());
    await expect.poll(allMarks, { timeout: 10_000 }).toContain('Xi Jinping');
  });

  it('reads the new page of a single-page app after history.pushState', async () => {
    await page.evaluate(() =>
      window.navigate('/live-blog.html?story=paris', 'Macron hosts Merz in Paris', [
        'Emmanuel Macron welcomed Friedrich Merz to the Élysée on Monday.',
        'Macron said Europe needed its own chip industry.',
      ]),
    );
    await expect
      .poll(allMarks, { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['Emmanuel Macron', 'Friedrich Merz', 'Macron']));
    expect(await allMarks()).not.toContain('Xi Jinping');
  });
});
