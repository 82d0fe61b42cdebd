/**
 * Which marks are in the highlights: all of them on an ordinary article, only those near the
 * viewport on a page with very many.
 *
 * Chromium lays out every range of every custom highlight again whenever one of them changes. With
 * a hundred marks that is nothing; on a page of 1 MB with 3,400 marks each batch of new marks, and
 * each mark the pointer enters or leaves, cost the page a task of 50–140 ms. So past WINDOW_FROM
 * marks, a mark is shown only while its block is within a few viewports of the one on screen (an
 * IntersectionObserver says so), and marks join and leave the highlights as the reader scrolls, a
 * change of a few hundred ranges at a time.
 */
import type { PageMention } from './mention-index';

/** From this many marks on a page, only those near the viewport are in the highlights. */
export const WINDOW_FROM = 1000;
/** How far from the viewport a block's marks are still shown: two viewports above and below. */
const NEAR = '200% 0px 200% 0px';

export class MarkWindow {
  private readonly byBlock = new Map<Element, Set<PageMention>>();
  private readonly blockOf = new Map<PageMention, Element>();
  private readonly near = new Set<Element>();
  private readonly observer: IntersectionObserver | null;
  private windowed = false;

  /**
   * @param show puts a mark's range in its highlight
   * @param hide takes it out
   */
  constructor(
    private readonly show: (mention: PageMention) => void,
    private readonly hide: (mention: PageMention) => void,
  ) {
    this.observer =
      typeof IntersectionObserver === 'undefined'
        ? null
        : new IntersectionObserver((entries) => this.moved(entries), { rootMargin: NEAR });
  }

  /** How many marks the page has, shown or not. */
  get size(): number {
    return this.blockOf.size;
  }

  /** Whether only the marks near the viewport are shown. */
  get isWindowed(): boolean {
    return this.windowed;
  }

  add(mention: PageMention, block: Element): void {
    this.blockOf.set(mention, block);
    let marks = this.byBlock.get(block);
    if (!marks) {
      this.byBlock.set(block, (marks = new Set()));
      this.observer?.observe(block);
    }
    marks.add(mention);
    if (!this.windowed && this.observer && this.blockOf.size > WINDOW_FROM) this.narrow();
    if (!this.windowed || this.near.has(block)) this.show(mention);
  }

  remove(mention: PageMention): void {
    const block = this.blockOf.get(mention);
    if (!block) return;
    this.blockOf.delete(mention);
    this.hide(mention);
    const marks = this.byBlock.get(block);
    marks?.delete(mention);
    if (marks?.size === 0) {
      this.byBlock.delete(block);
      this.near.delete(block);
      this.observer?.unobserve(block);
    }
  }

  /** Every mark that should be in the highlights now (after they were registered anew). */
  shown(): PageMention[] {
    return [...this.blockOf.keys()].filter((m) => !this.windowed || this.near.has(this.blockOf.get(m)!));
  }

  clear(): void {
    this.observer?.disconnect();
    this.byBlock.clear();
    this.blockOf.clear();
    this.near.clear();
    this.windowed = false;
  }

  /** The page passed WINDOW_FROM marks: those far from the viewport leave the highlights. */
  private narrow(): void {
    this.windowed = true;
    for (const [block, marks] of this.byBlock) {
      if (!this.near.has(block)) for (const mention of marks) this.hide(mention);
    }
  }

  private moved(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const block = entry.target;
      const marks = this.byBlock.get(block);
      if (!marks) continue;
      if (entry.isIntersecting) {
        if (this.near.has(block)) continue;
        this.near.add(block);
        if (this.windowed) for (const mention of marks) this.show(mention);
      } else {
        if (!this.near.delete(block)) continue;
        if (this.windowed) for (const mention of marks) this.hide(mention);
      }
    }
  }
}
