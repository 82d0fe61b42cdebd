/** Finds the Chromium that end-to-end tests, the demo and the benchmark drive. */
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export const CHROMIUM_ADVICE = [
  'Dossier needs Chromium to run and to test in a browser, and none was found.',
  '  Debian or Ubuntu:  sudo apt-get install -y chromium',
  '  Any other Chromium or Chrome: set CHROMIUM_PATH=/path/to/chromium',
].join('\n');

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

export const FIREFOX_ADVICE = [
  'The Firefox build is tested in Firefox, and none was found.',
  '  Debian or Ubuntu:  sudo apt-get install -y firefox-esr',
  '  Any other Firefox 140 or newer: set FIREFOX_PATH=/path/to/firefox',
].join('\n');

export function findFirefox(): string | null {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return FIREFOX_CANDIDATES.find((p) => existsSync(p)) ?? null;
}
