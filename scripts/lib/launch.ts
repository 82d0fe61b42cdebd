/** Starts Chromium with the built extension loaded, the way the tests, the demo and the benchmark do. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { CHROMIUM_ADVICE, findChromium } from './browsers';
import { ROOT } from './pack-sources';

export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');

export interface LaunchOptions {
  headless?: boolean;
  /** Reuse a profile to test what survives a browser restart. */
  userDataDir?: string;
  locale?: string;
  viewport?: { width: number; height: number } | null;
  /** Another build of the extension (the benchmark installs a copy it can update). */
  extensionDir?: string;
  /** More command-line switches, such as host resolver rules that send sites to a local server. */
  extraArgs?: string[];
}

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'dossier-profile-'));
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<Launched> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_ADVICE);
  const userDataDir = options.userDataDir ?? newProfileDir();
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: options.headless ?? true,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport === undefined ? { width: 1280, height: 900 } : options.viewport,
    args: [
      `--disable-extensions-except=${options.extensionDir ?? EXTENSION_DIR}`,
      `--load-extension=${options.extensionDir ?? EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      `--lang=${options.locale ?? 'en-US'}`,
      ...(options.extraArgs ?? []),
    ],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    userDataDir,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
