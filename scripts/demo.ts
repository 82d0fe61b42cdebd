/// <reference types="chrome" />
/**
 * npm start: builds Dossier and opens it in Chromium on the sample articles.
 *
 * With a display, a Chromium window opens with the extension loaded on the German seed article and
 * an English one; close the window (or press Ctrl+C) to end. Without a display (or with
 * --headless), the same steps run headless and write screenshots of the highlighted article, an
 * open card, the popup and the notes page to the folder printed at the end.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ADVICE, findChromium } from './lib/browsers';
import { CardProbe } from './lib/closed-shadow';
import { launchWithExtension, type Launched } from './lib/launch';
import { ROOT } from './lib/pack-sources';
import { hoverText, waitForMarks } from './lib/page-driver';
import { serveDirectory } from './lib/static-server';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT, 'demo-screenshots') },
  },
});

const PAGES = ['seed-article-de.html', 'trade-talks-en.html'];

if (!findChromium()) {
  console.error(CHROMIUM_ADVICE);
  process.exit(1);
}

if (!values['no-build']) {
  console.log('Building Dossier…');
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = await serveDirectory(join(ROOT, 'e2e', 'fixtures', 'pages'));
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = values.headless || !hasDisplay;

if (!headless) {
  const browser = await launchWithExtension({ headless: false, viewport: null });
  const [first] = browser.context.pages();
  const page = first ?? (await browser.context.newPage());
  await page.goto(`${server.url}/${PAGES[0]}`);
  for (const extra of PAGES.slice(1)) await (await browser.context.newPage()).goto(`${server.url}/${extra}`);
  await page.bringToFront();
  console.log(
    `Dossier is running in Chromium on ${server.url}/${PAGES[0]} and ${PAGES.length - 1} more sample page(s).`,
  );
  console.log('Rest the pointer on a marked name to see its card; the toolbar button lists everything on the page.');
  console.log('Close the browser window or press Ctrl+C to end.');
  const end = async () => {
    await browser.close();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void end());
  browser.context.on('close', () => void server.close().then(() => process.exit(0)));
} else {
  if (!hasDisplay && !values.headless) console.log('No display found: running headless and writing screenshots.');
  const out = values.out;
  mkdirSync(out, { recursive: true });
  const browser = await launchWithExtension({ headless: true });
  try {
    await screenshots(browser, server.url, out);
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`Screenshots written to ${out}`);
}

async function screenshots(browser: Launched, base: string, out: string): Promise<void> {
  const shot = (name: string) => join(out, `${name}.png`);
  const article = await browser.context.newPage();
  await article.goto(`${base}/${PAGES[0]}`);
  await waitForMarks(article);
  await article.screenshot({ path: shot('1-highlighted-article') });
  console.log(`  ${shot('1-highlighted-article')}`);

  const card = new CardProbe(article);
  await hoverText(article, 'Lizzi Lee');
  await card.waitForText((t) => t?.includes('Lizzi Lee') ?? false);
  await article.screenshot({ path: shot('2-card') });
  console.log(`  ${shot('2-card')}`);

  // A note taken from the card, so the notes page has something to show.
  await card.clickButton('Add note');
  await card.type('Expert to quote on how Beijing sees Nvidia.');
  await card.clickButton('Save note');
  await card.waitForText((t) => t?.includes('Expert to quote') ?? false);

  const tabId = await browser.worker.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === url)?.id ?? -1;
  }, article.url());
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 760 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.locator('.entity-row').first().waitFor();
  await popup.screenshot({ path: shot('3-popup') });
  console.log(`  ${shot('3-popup')}`);

  const notes = await browser.context.newPage();
  await notes.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await notes.locator('.note-item').first().waitFor();
  await notes.screenshot({ path: shot('4-notes-page') });
  console.log(`  ${shot('4-notes-page')}`);
}
