/**
 * The reader's settings, in the browser's synced storage so they follow the reader to other
 * machines. Typed defaults; a stored value of the wrong type falls back to the default, so a
 * settings object from an older or newer Dossier never breaks this one.
 */
import { browser } from 'wxt/browser';
import { MARK_STYLES, type MarkStyle } from './content/mark-look';
import { ENTITY_TYPES, type EntityType } from './knowledge/types';

export { MARK_STYLES, type MarkStyle };

/** The card opens after the pointer rests on a name this long; shorter feels jumpy, longer slow. */
export const HOVER_DELAY = { min: 100, max: 1500, step: 50, default: 300 } as const;

export interface Settings {
  /** Off by default: nothing leaves the browser until the reader turns this on. */
  onlineLookups: boolean;
  /** On by default: remember on which pages each entity was met. Kept in the browser only. */
  history: boolean;
  /** Dossier reads no page while this is on ("pause everywhere"). */
  pausedEverywhere: boolean;
  /** Sites (host names) Dossier does not read ("pause on this site"). */
  pausedSites: string[];
  markStyle: MarkStyle;
  /**
   * The entity types Dossier does not mark. Stored as the types switched off rather than those
   * switched on, so a type added in a later version is marked until the reader says otherwise.
   */
  unmarkedTypes: EntityType[];
  /** How long the pointer rests on a name before its card opens, in milliseconds. */
  hoverDelayMs: number;
}

export const DEFAULT_SETTINGS: Settings = {
  onlineLookups: false,
  history: true,
  pausedEverywhere: false,
  pausedSites: [],
  markStyle: 'underline',
  unmarkedTypes: [],
  hoverDelayMs: HOVER_DELAY.default,
};

/** The site of a page, as pausing knows it: its host name. */
export function siteOfUrl(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/**
 * The site a reader typed to add to the paused sites: an address ("https://www.example.com/a")
 * or a host name ("example.com", "News.Example.org."), as its lower-case host name; null when it
 * is neither.
 */
export function siteFromInput(input: string): string | null {
  const text = input.trim();
  if (text === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let host: string;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    host = url.hostname.replace(/\.$/, '');
  } catch {
    return null;
  }
  // A host name has a dot or is an address or "localhost": a single typed word is more likely a slip.
  return host.includes('.') || host === 'localhost' || host.startsWith('[') ? host : null;
}

/** Whether Dossier should leave the page at `url` alone. */
export function isPaused(settings: Settings, url: string): boolean {
  return settings.pausedEverywhere || settings.pausedSites.includes(siteOfUrl(url));
}

const KEY = 'settings';

export { ONLINE_ORIGINS } from './online/origins';

function normalise(stored: unknown): Settings {
  const value = (stored && typeof stored === 'object' ? stored : {}) as Partial<Record<keyof Settings, unknown>>;
  return {
    onlineLookups: typeof value.onlineLookups === 'boolean' ? value.onlineLookups : DEFAULT_SETTINGS.onlineLookups,
    history: typeof value.history === 'boolean' ? value.history : DEFAULT_SETTINGS.history,
    pausedEverywhere: typeof value.pausedEverywhere === 'boolean' ? value.pausedEverywhere : false,
    pausedSites: Array.isArray(value.pausedSites)
      ? value.pausedSites.filter((s): s is string => typeof s === 'string').slice(0, 1000)
      : [],
    markStyle: (MARK_STYLES as readonly unknown[]).includes(value.markStyle)
      ? (value.markStyle as MarkStyle)
      : DEFAULT_SETTINGS.markStyle,
    unmarkedTypes: Array.isArray(value.unmarkedTypes)
      ? ENTITY_TYPES.filter((type) => (value.unmarkedTypes as unknown[]).includes(type))
      : [],
    hoverDelayMs: normaliseHoverDelay(value.hoverDelayMs),
  };
}

/** A stored delay as a whole number of milliseconds within the range the settings page offers. */
function normaliseHoverDelay(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return HOVER_DELAY.default;
  return Math.min(HOVER_DELAY.max, Math.max(HOVER_DELAY.min, Math.round(value)));
}

/** Whether Dossier marks names of this type. */
export function isMarked(settings: Pick<Settings, 'unmarkedTypes'>, type: EntityType): boolean {
  return !settings.unmarkedTypes.includes(type);
}

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.sync.get(KEY);
  return normalise(stored[KEY]);
}

export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const next = { ...(await loadSettings()), ...change };
  await browser.storage.sync.set({ [KEY]: next });
  return next;
}

/** Calls `listener` with the new settings whenever they change, here or on another machine. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'sync' && KEY in changes) listener(normalise(changes[KEY].newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
