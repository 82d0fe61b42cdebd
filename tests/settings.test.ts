import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  HOVER_DELAY,
  isMarked,
  loadSettings,
  saveSettings,
  siteFromInput,
  watchSettings,
} from '@/utils/settings';

describe('reading settings', () => {
  it('start as today: quiet underlines, every type marked, the card after 300 ms', async () => {
    const settings = await loadSettings();
    expect(settings.markStyle).toBe('underline');
    expect(settings.unmarkedTypes).toEqual([]);
    expect(settings.hoverDelayMs).toBe(300);
    expect(isMarked(settings, 'person')).toBe(true);
  });

  it('keep what the reader chose', async () => {
    await saveSettings({ markStyle: 'tint', unmarkedTypes: ['place', 'product'], hoverDelayMs: 800 });
    const settings = await loadSettings();
    expect(settings.markStyle).toBe('tint');
    expect(settings.unmarkedTypes).toEqual(['product', 'place']);
    expect(settings.hoverDelayMs).toBe(800);
    expect(isMarked(settings, 'place')).toBe(false);
    expect(isMarked(settings, 'person')).toBe(true);
    // The other settings are left as they were.
    expect(settings.history).toBe(DEFAULT_SETTINGS.history);
  });

  it('fall back to the defaults for values of the wrong kind, from an older or newer Dossier', async () => {
    await fakeBrowser.storage.sync.set({
      settings: { markStyle: 'blink', unmarkedTypes: 'person', hoverDelayMs: '500', history: false },
    });
    const settings = await loadSettings();
    expect(settings.markStyle).toBe('underline');
    expect(settings.unmarkedTypes).toEqual([]);
    expect(settings.hoverDelayMs).toBe(300);
    expect(settings.history).toBe(false);
  });

  it('drop unknown and repeated types, and keep the delay within its range', async () => {
    await fakeBrowser.storage.sync.set({
      settings: { unmarkedTypes: ['person', 'spaceship', 'person', 42], hoverDelayMs: 99_999 },
    });
    let settings = await loadSettings();
    expect(settings.unmarkedTypes).toEqual(['person']);
    expect(settings.hoverDelayMs).toBe(HOVER_DELAY.max);
    await fakeBrowser.storage.sync.set({ settings: { hoverDelayMs: 12.4 } });
    settings = await loadSettings();
    expect(settings.hoverDelayMs).toBe(HOVER_DELAY.min);
    await fakeBrowser.storage.sync.set({ settings: { hoverDelayMs: Number.NaN } });
    expect((await loadSettings()).hoverDelayMs).toBe(HOVER_DELAY.default);
    await fakeBrowser.storage.sync.set({ settings: { hoverDelayMs: 449.6 } });
    expect((await loadSettings()).hoverDelayMs).toBe(450);
  });

  it('reach a watcher normalised when they change', async () => {
    const seen: string[][] = [];
    const stop = watchSettings((s) => seen.push(s.unmarkedTypes));
    await saveSettings({ unmarkedTypes: ['work', 'event', 'bogus' as never] });
    stop();
    await saveSettings({ unmarkedTypes: [] });
    expect(seen).toEqual([['event', 'work']]);
  });
});

describe('a site typed to pause', () => {
  it('is read from an address or a host name, as its lower-case host name', () => {
    expect(siteFromInput('https://www.Example.com/politik/a?b=1')).toBe('www.example.com');
    expect(siteFromInput('  news.example.org. ')).toBe('news.example.org');
    expect(siteFromInput('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(siteFromInput('localhost')).toBe('localhost');
  });

  it('is refused when it is no web site', () => {
    expect(siteFromInput('')).toBeNull();
    expect(siteFromInput('news')).toBeNull();
    expect(siteFromInput('javascript:alert(1)')).toBeNull();
    expect(siteFromInput('ftp://files.example.com')).toBeNull();
    expect(siteFromInput('not a site')).toBeNull();
  });
});
