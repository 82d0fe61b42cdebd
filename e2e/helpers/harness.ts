/// <reference types="chrome" />
/** What every end-to-end test needs: the built extension in Chromium and the sample pages served on 127.0.0.1. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { EXTENSION_DIR, launchWithExtension, type LaunchOptions, type Launched } from '../../scripts/lib/launch';
import { ROOT } from '../../scripts/lib/pack-sources';
import { serveDirectory, type StaticServer } from '../../scripts/lib/static-server';
import { waitForMarks } from '../../scripts/lib/page-driver';

export { hoverText, mentionsInPopup, paintedMarks, selectText, waitForMarks } from '../../scripts/lib/page-driver';
export { CardProbe } from '../../scripts/lib/closed-shadow';

export const PAGES_DIR = join(ROOT, 'e2e', 'fixtures', 'pages');
export const SCREENSHOTS_DIR = join(ROOT, 'artifacts', 'screenshots');

export async function startServer(): Promise<StaticServer> {
  return serveDirectory(PAGES_DIR);
}

export async function startBrowser(options?: LaunchOptions): Promise<Launched> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npx wxt build" first (npm test does).`);
  }
  return launchWithExtension(options);
}

/** Opens one of the sample pages in a new tab and waits until Dossier has marked it. */
export async function openArticle(
  browser: Launched,
  server: StaticServer,
  name = 'seed-article-de.html',
): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/${name}`);
  await waitForMarks(page);
  return page;
}

/** After every test of the file, a screenshot of what the reader would see then, named after the test. */
export function screenshotEachStep(prefix: string, page: () => Page | undefined): void {
  afterEach(async (context) => {
    const current = page();
    if (!current || current.isClosed()) return;
    const name = context.task.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    await saveScreenshot(current, `${prefix}-${name}`);
  });
}

/** Saves a screenshot as a test artifact and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The id of the browser tab showing `url`, asked of the extension's service worker. */
export async function tabIdOf(browser: Launched, url: string): Promise<number> {
  return browser.worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === u);
    if (tab?.id === undefined) throw new Error(`no tab shows ${u}`);
    return tab.id;
  }, url);
}
