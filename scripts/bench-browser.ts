/**
 * The in-browser half of `npm run bench`: Chromium with the built extension on the seed article
 * and on a generated page of 1 MB of text. For each, the time from the page's load event to the
 * first highlights painted and to the last, with the service worker cold (stopped, so it must
 * start and load its matcher again) and warm, and the longest main-thread task (over 50 ms) seen
 * after the load event with Dossier, beside the same page without it. On a page with over a
 * thousand mentions only the marks near the viewport are painted (see MarkWindow): the table
 * gives both counts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { findChromium } from './lib/browsers';
import { EXTENSION_DIR, launchWithExtension, type Launched } from './lib/launch';
import { compileAllPacks, ROOT } from './lib/pack-sources';
import { serveDirectory } from './lib/static-server';
import { syntheticText } from './lib/synthetic';
import { entityHash, packMatcherHash } from '../utils/knowledge/import';
import type { CompiledPack, Entity } from '../utils/knowledge/types';
import { traceExtensionTasks } from './lib/trace';
import { mentionsInPopup, waitForMarks } from './lib/page-driver';

/** Runs in the page's main world before its scripts: records long tasks and when marks appear. */
const PROBE = `
window.__bench = { first: null, last: null, ranges: 0, longtasks: [] };
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longtasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
} catch {}
const tick = () => {
  let ranges = 0;
  for (const [name, h] of CSS.highlights) if (name.startsWith('dossier-') && !name.startsWith('dossier-hover')) ranges += h.size;
  const now = performance.now();
  if (ranges > 0 && window.__bench.first === null) window.__bench.first = now;
  if (ranges !== window.__bench.ranges) { window.__bench.ranges = ranges; window.__bench.last = now; }
  requestAnimationFrame(tick);
};
requestAnimationFrame(tick);
`;

interface Measure {
  firstMs: number;
  lastMs: number;
  ranges: number;
  longestTaskMs: number;
}

async function measure(page: Page, url: string, expectMarks: boolean): Promise<Measure> {
  await page.goto(url, { waitUntil: 'load' });
  // Settled: no new marks for 1.5 s (or, without Dossier, simply 3 s after load).
  let stableSince = Date.now();
  let lastRanges = -1;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ranges = await page.evaluate(() => (window as unknown as { __bench: { ranges: number } }).__bench.ranges);
    if (ranges !== lastRanges) {
      lastRanges = ranges;
      stableSince = Date.now();
    }
    if ((!expectMarks || ranges > 0) && Date.now() - stableSince > (expectMarks ? 1500 : 3000)) break;
    await page.waitForTimeout(100);
  }
  return page.evaluate(() => {
    const b = (
      window as unknown as {
        __bench: { first: number | null; last: number | null; ranges: number; longtasks: [number, number][] };
      }
    ).__bench;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      firstMs: b.first === null ? NaN : b.first - nav.loadEventEnd,
      lastMs: b.last === null ? NaN : b.last - nav.loadEventEnd,
      ranges: b.ranges,
      // Tasks after the load event: the page's own parsing and scripts come before it.
      longestTaskMs: Math.max(0, ...b.longtasks.filter(([start]) => start >= nav.loadEventEnd).map(([, d]) => d)),
    };
  });
}

async function stopServiceWorker(browser: Launched, page: Page): Promise<void> {
  const session = await browser.context.newCDPSession(page);
  await session.send('ServiceWorker.enable');
  await session.send('ServiceWorker.stopAllWorkers');
  await session.detach();
}

function largePage(dir: string): string {
  const entities = compileAllPacks().flatMap((p) => p.entities);
  const paragraphs = syntheticText(1024 * 1024, entities, 7);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A very long page</title></head>
<body><header><nav><a href="#">Home</a></nav></header><main><article><h1>A very long page</h1>
${paragraphs.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n')}
</article></main><footer>Generated for Dossier's benchmark.</footer></body></html>`;
  writeFileSync(join(dir, 'large-1mb.html'), html);
  return 'large-1mb.html';
}

const fmt = (n: number) => (Number.isFinite(n) ? `${Math.max(0, n).toFixed(0)} ms` : '–');

interface ReadyStatus {
  phase: string;
  total: number;
  finishedAt?: number;
  importMs?: number;
  buildMs?: number;
  readySinceStartMs?: number;
}

/** The knowledge status the worker writes, read straight from its IndexedDB. */
function readStatus(browser: Launched): Promise<ReadyStatus | null> {
  return browser.worker.evaluate(
    () =>
      new Promise<ReadyStatus | null>((resolve) => {
        const request = indexedDB.open('dossier');
        request.onerror = () => resolve(null);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('status')) {
            db.close();
            resolve(null);
            return;
          }
          const get = db.transaction('status').objectStore('status').get('knowledge');
          get.onsuccess = () => {
            db.close();
            resolve((get.result as ReadyStatus | undefined) ?? null);
          };
          get.onerror = () => resolve(null);
        };
      }),
  );
}

/** Waits for a "ready" written after `after` that reports the import (or the matcher build). */
async function waitForReady(browser: Launched, after: number, reports: 'import' | 'build'): Promise<ReadyStatus> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const status = await readStatus(browser).catch(() => null);
    const reported = reports === 'import' ? status?.importMs !== undefined : status?.buildMs !== undefined;
    if (status?.phase === 'ready' && (status.finishedAt ?? 0) > after && reported) return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('The extension did not report ready within two minutes');
}

/** Changes every 100th entity of the installed news pack and bumps its version; returns how many. */
function updateNewsPack(extensionDir: string, change: (entity: Entity) => void): number {
  const newsPath = join(extensionDir, 'packs', 'news.json');
  const news = JSON.parse(readFileSync(newsPath, 'utf8')) as CompiledPack;
  let changed = 0;
  for (let i = 0; i < news.entities.length; i += 100) {
    change(news.entities[i]!);
    changed++;
  }
  news.version = news.version.replace(/\d+$/, (n) => String(Number(n) + 1));
  // The build computes these; an updated pack carries them updated.
  news.hashes = news.entities.map(entityHash);
  news.matcherHash = packMatcherHash(news.entities);
  writeFileSync(newsPath, JSON.stringify(news));
  const indexPath = join(extensionDir, 'packs', 'index.json');
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as { id: string; version: string }[];
  for (const pack of index) if (pack.id === 'news') pack.version = news.version;
  writeFileSync(indexPath, JSON.stringify(index));
  return changed;
}

/**
 * Installing into a fresh profile: the worker fetches the shipped packs, imports them into
 * IndexedDB and builds its matcher. Then an update of the news pack that changes 1 % of its
 * entities, installed over the same profile, as the browser does when the extension updates.
 */
export async function importBench(): Promise<void> {
  const extensionDir = mkdtempSync(join(tmpdir(), 'dossier-ext-'));
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  try {
    const first = await launchWithExtension({ extensionDir });
    const fresh = await waitForReady(first, 0, 'build');
    await first.close({ keepProfile: true });

    const rows = [
      `| fresh profile, every pack | ${fresh.total} | ${fmt(fresh.importMs ?? 0)} | ${fmt(fresh.buildMs ?? 0)} | ${fmt(fresh.readySinceStartMs ?? 0)} |`,
    ];
    let profile = first.userDataDir;
    let after = fresh.finishedAt ?? 0;
    // Two kinds of update: one that revises facts (the matcher stays), one that adds names (the
    // matcher is rebuilt). Each changes 1 % of the news pack's entities.
    for (const [label, change] of [
      ['revised descriptions', (e: Entity) => (e.description.en = `${e.description.en} (revised)`)],
      ['added aliases', (e: Entity) => (e.aliases = { ...e.aliases, und: [`${e.labels.en} (bench)`] })],
    ] as const) {
      const changed = updateNewsPack(extensionDir, change);
      const next = await launchWithExtension({ extensionDir, userDataDir: profile });
      const updated = await waitForReady(next, after, 'import');
      await next.close({ keepProfile: true });
      profile = next.userDataDir;
      after = updated.finishedAt ?? after;
      rows.push(
        `| update: ${changed} news entities (1 %) with ${label} | ${updated.total} | ${fmt(updated.importMs ?? 0)} | ${updated.buildMs === undefined ? 'kept' : fmt(updated.buildMs)} | ${fmt(updated.readySinceStartMs ?? 0)} |`,
      );
    }
    rmSync(profile, { recursive: true, force: true });

    console.log('| knowledge | entities | import into IndexedDB | matcher built | worker start → detection ready |');
    console.log('|---|---:|---:|---:|---:|');
    for (const row of rows) console.log(row);
    console.log('(Targets: full import and matcher ready under 5 s; an update of 1 % under 1 s.)');
  } finally {
    rmSync(extensionDir, { recursive: true, force: true });
  }
}

/**
 * Runs in the popup (and in its static copy) before any of its scripts: the moment the entity
 * list is on screen. A mutation shows the first row in the DOM; the frame after it has been
 * painted once the following task runs.
 */
const POPUP_PROBE = `
window.__popup = { listMs: null };
const seen = () => {
  if (window.__popup.listMs !== null || window.__popup.pending || !document.querySelector('.entity-row')) return;
  window.__popup.pending = true;
  requestAnimationFrame(() => setTimeout(() => { window.__popup.listMs = performance.now(); }, 0));
};
new MutationObserver(seen).observe(document, { childList: true, subtree: true });
`;

interface PopupTiming {
  navigation: number;
  own: number;
  firstPaint: number;
  /** From the popup's first script running (the static copy has none). */
  script: number;
}

/** Opens `url` in a new tab of `context` and returns when the popup's list was painted, in ms since navigation. */
async function popupListPaint(context: Launched['context'], url: string): Promise<PopupTiming> {
  const view = await context.newPage();
  try {
    await view.addInitScript(POPUP_PROBE);
    await view.goto(url);
    await view.waitForFunction(
      () => (window as unknown as { __popup: { listMs: number | null } }).__popup.listMs !== null,
    );
    return await view.evaluate(() => {
      const listMs = (window as unknown as { __popup: { listMs: number } }).__popup.listMs;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      // From the document received: what the page itself does, without the browser's tab set-up.
      const start = performance.getEntriesByName('dossier:popup-start')[0];
      return {
        navigation: listMs,
        own: listMs - nav.responseEnd,
        firstPaint: paint ? paint.startTime : NaN,
        script: start ? listMs - start.startTime : NaN,
      };
    });
  } finally {
    await view.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The popup on the seed article, once the packs are imported: from the popup's navigation to its
 * entity list painted (the list is what the reader opens it for). The baseline, in the same
 * browser, is the same popup saved as static HTML with its stylesheets inlined: the cost of
 * painting that list with no script, database or messaging at all.
 */
export async function popupBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-popup-bench-'));
  copyFileSync(join(ROOT, 'e2e', 'fixtures', 'pages', 'seed-article-de.html'), join(dir, 'seed-article-de.html'));
  // The extension runs from a copy, so the static copy of the popup can be served by the
  // extension itself: same origin, same process, same way of loading as the popup.
  const extensionDir = join(dir, 'extension');
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  const server = await serveDirectory(dir);
  const browser = await launchWithExtension({ extensionDir });
  try {
    const article = await browser.context.newPage();
    const articleUrl = `${server.url}/seed-article-de.html`;
    await article.goto(articleUrl);
    await waitForReady(browser, 0, 'build');
    await waitForMarks(article);
    const tabId = await browser.worker.evaluate(async (u) => {
      const [tab] = await chrome.tabs.query({ url: u });
      return tab!.id!;
    }, articleUrl);
    const popupUrl = `chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`;

    // The static copy: the popup as rendered, without scripts, its stylesheets inlined.
    const view = await browser.context.newPage();
    await view.goto(popupUrl);
    await view.waitForSelector('.entity-row');
    const rows = await view.locator('.entity-row').count();
    const body = await view.evaluate(() => document.body.innerHTML);
    await view.close();
    const html = readFileSync(join(extensionDir, 'popup.html'), 'utf8');
    const css = [...html.matchAll(/href="\/(assets\/[^"]+\.css)"/g)]
      .map((m) => readFileSync(join(extensionDir, m[1]!), 'utf8'))
      .join('\n');
    writeFileSync(
      join(extensionDir, 'popup-static.html'),
      `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body>${body}</body></html>`,
    );

    const runs = 15;
    const popup: PopupTiming[] = [];
    const baseline: PopupTiming[] = [];
    // Alternating the two spreads the machine's noise over both alike.
    for (let i = 0; i < runs; i++) {
      popup.push(await popupListPaint(browser.context, popupUrl));
      baseline.push(
        await popupListPaint(browser.context, `chrome-extension://${browser.extensionId}/popup-static.html`),
      );
    }
    console.log(
      `\nThe popup on the seed article (${rows} entities listed), packs imported: median of ${runs}, beside its static copy`,
    );
    console.log('| measured | popup | static copy (baseline) | ratio |');
    console.log('|---|---:|---:|---:|');
    for (const [label, key] of [
      ['navigation start → first contentful paint', 'firstPaint'],
      ['navigation start → list painted', 'navigation'],
      ['document received → list painted', 'own'],
      ["popup's script starts → list painted", 'script'],
    ] as const) {
      const p = median(popup.map((r) => r[key]));
      const b = median(baseline.map((r) => r[key]));
      console.log(`| ${label} | ${fmt(p)} | ${fmt(b)} | ${Number.isFinite(b) ? `${(p / b).toFixed(1)}×` : '–'} |`);
    }
    console.log(
      '(Target: first paint of the list under 100 ms once the pack is loaded. The static copy, served by the extension, is what the browser needs to open a tab and paint the same list with no script at all.)',
    );
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runBrowserBench(): Promise<void> {
  if (!findChromium()) {
    console.log('\n(Chromium not found: the in-browser benchmark is skipped.)');
    return;
  }
  console.log('\nIn Chromium with the built extension');
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore' });
  if (build.status !== 0) throw new Error('wxt build failed');
  // `--only=import|popup|pages` runs one part, for work on it.
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (!only || only === 'import') await importBench();
  if (!only || only === 'popup') await popupBench();
  if (only && only !== 'pages') return;

  const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
  copyFileSync(join(ROOT, 'e2e', 'fixtures', 'pages', 'seed-article-de.html'), join(dir, 'seed-article-de.html'));
  copyFileSync(join(ROOT, 'e2e', 'fixtures', 'pages', 'trade-talks-en.html'), join(dir, 'warm-up.html'));
  const pages = [
    ['seed article', 'seed-article-de.html', 7],
    ['1 MB page', largePage(dir), 3],
  ] as const;
  const server = await serveDirectory(dir);
  const rows: string[] = [];
  try {
    const browser = await launchWithExtension();
    const page = await browser.context.newPage();
    await page.addInitScript(PROBE);
    // Install and first import happen here, so that "cold" below means a sleeping worker only.
    await measure(page, `${server.url}/warm-up.html`, true);
    const plain = await chromium.launch({
      executablePath: findChromium()!,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    const bare = await plain.newPage();
    await bare.addInitScript(PROBE);
    for (const [label, file, runs] of pages) {
      const url = `${server.url}/${file}`;
      // Several cold and warm loads, alternating, and the median of each: one load on a shared
      // two-core machine can be off by hundreds of milliseconds.
      const cold: Measure[] = [];
      const warm: Measure[] = [];
      let traced = { longestExtensionTaskMs: 0, extensionTasks: 0 };
      for (let run = 0; run < runs; run++) {
        await stopServiceWorker(browser, page);
        cold.push(await measure(page, url, true));
        if (run === 0) {
          // The first warm run is traced, to find the tasks in which the extension's own code ran.
          traced = await traceExtensionTasks(page, browser.extensionId, async () => {
            warm.push(await measure(page, url, true));
          });
        } else warm.push(await measure(page, url, true));
      }
      const mentions = await mentionsInPopup(browser, url);
      const without = await measure(bare, url, false);
      const mid = (list: Measure[], key: 'firstMs' | 'lastMs') => median(list.map((m) => m[key]));
      const spread = (list: Measure[]) =>
        `${fmt(Math.min(...list.map((m) => m.lastMs)))}–${fmt(Math.max(...list.map((m) => m.lastMs)))}`;
      rows.push(
        `| ${label} | ${mentions} | ${cold[0]!.ranges} | ${runs} | ${fmt(mid(cold, 'firstMs'))} / ${fmt(mid(cold, 'lastMs'))} (${spread(cold)}) | ${fmt(mid(warm, 'firstMs'))} / ${fmt(mid(warm, 'lastMs'))} (${spread(warm)}) | ${fmt(traced.longestExtensionTaskMs)} in ${traced.extensionTasks} tasks | ${fmt(Math.max(...cold.map((m) => m.longestTaskMs), ...warm.map((m) => m.longestTaskMs)))} | ${fmt(without.longestTaskMs)} |`,
      );
    }
    await plain.close();
    await browser.close();
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    '| page | mentions | marks painted | loads | load → first / last marks painted, worker cold: median (range of last) | … worker warm | longest task running Dossier code (first warm load, traced) | longest task after load, with Dossier | … without |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  console.log(
    '(Targets: seed article ≤ 150 ms warm, ≤ 400 ms cold; no task over 50 ms caused by Dossier. A "longest task" of 0 ms means none over 50 ms was seen.)',
  );
}
