// Which marks are in the highlights: all on an ordinary article, those near the viewport on a
// page with very many (Chromium lays out every highlighted range again on every change).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MarkWindow, WINDOW_FROM } from '../../utils/content/mark-window';
import type { PageMention } from '../../utils/content/mention-index';

/** An IntersectionObserver the test moves by hand: `scrollTo` says which blocks are near. */
class FakeObserver {
  static last: FakeObserver;
  observed = new Set<Element>();
  constructor(private readonly callback: (entries: IntersectionObserverEntry[]) => void) {
    FakeObserver.last = this;
  }
  observe(el: Element) {
    this.observed.add(el);
  }
  unobserve(el: Element) {
    this.observed.delete(el);
  }
  disconnect() {
    this.observed.clear();
  }
  report(near: Set<Element>) {
    this.callback(
      [...this.observed].map((target) => ({ target, isIntersecting: near.has(target) }) as IntersectionObserverEntry),
    );
  }
}

const realObserver = globalThis.IntersectionObserver;
beforeEach(() => {
  (globalThis as { IntersectionObserver: unknown }).IntersectionObserver = FakeObserver;
});
afterEach(() => {
  (globalThis as { IntersectionObserver: unknown }).IntersectionObserver = realObserver;
});

function setUp() {
  const shown = new Set<PageMention>();
  const window = new MarkWindow(
    (m) => shown.add(m),
    (m) => shown.delete(m),
  );
  const blocks = Array.from({ length: 200 }, () => ({}) as Element);
  let n = 0;
  /** Adds `count` marks to block `b`. */
  const addMarks = (b: number, count: number) => {
    const added: PageMention[] = [];
    for (let i = 0; i < count; i++) {
      const mention = { index: n++ } as PageMention;
      window.add(mention, blocks[b]!);
      added.push(mention);
    }
    return added;
  };
  return { window, shown, blocks, addMarks };
}

describe('the marks in the highlights', () => {
  it('are all of them on an ordinary article, wherever they are', () => {
    const { window, shown, addMarks } = setUp();
    addMarks(0, 40);
    addMarks(150, 40);
    expect(shown.size).toBe(80);
    expect(window.isWindowed).toBe(false);
  });

  it('are those near the viewport once a page has very many, and follow the scrolling', () => {
    const { window, shown, blocks, addMarks } = setUp();
    const observer = FakeObserver.last;
    // The first ten blocks are on screen; their marks are shown at once.
    for (let b = 0; b < 10; b++) addMarks(b, 10);
    observer.report(new Set(blocks.slice(0, 10)));
    expect(shown.size).toBe(100);
    // Ten marks in each of 200 blocks: past WINDOW_FROM, only the first ten blocks stay shown.
    for (let b = 10; b < 200; b++) addMarks(b, 10);
    expect(window.size).toBeGreaterThan(WINDOW_FROM);
    expect(window.isWindowed).toBe(true);
    expect(shown.size).toBe(100);
    // Scrolled to the end: the first blocks' marks leave, the last ones' come.
    observer.report(new Set(blocks.slice(190)));
    expect(shown.size).toBe(100);
    expect(window.shown().every((m) => m.index >= 1900)).toBe(true);
    expect([...shown].every((m) => m.index >= 1900)).toBe(true);
  });

  it('let a removed mark go, and stop watching a block without marks', () => {
    const { window, shown, blocks, addMarks } = setUp();
    const [only] = addMarks(3, 1);
    expect(FakeObserver.last.observed.has(blocks[3]!)).toBe(true);
    window.remove(only!);
    expect(shown.size).toBe(0);
    expect(window.size).toBe(0);
    expect(FakeObserver.last.observed.has(blocks[3]!)).toBe(false);
  });
});
