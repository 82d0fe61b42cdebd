/**
 * Reads the page: collects the article's text blocks, asks the background which entities they
 * mention, and paints the mentions with the CSS Custom Highlight API, which leaves the page's DOM
 * untouched.
 *
 * The page's main thread is not ours: text is collected and ranges are made in slices of a few
 * milliseconds, the matching runs in the background, and text that arrives later (live blogs,
 * infinite scroll, single-page apps) is read incrementally, only where it changed.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { blockContainerOf, isInSkippedRegion, iterateBlocks, type TextBlock } from '@/utils/detect/extract';
import { primaryLanguage } from '@/utils/detect/languages';
import type { PageContext } from '@/utils/detect/resolve';
import {
  allMarkHighlightNames,
  hoverHighlightName,
  markHighlightName,
  pageColorsAt,
  paletteFor,
  type MarkLook,
  type Palette,
} from '@/utils/content/mark-look';
import { MarkWindow } from '@/utils/content/mark-window';
import { MentionIndex, type PageMention } from '@/utils/content/mention-index';
import type { Entity, EntityType, Lang } from '@/utils/knowledge/types';
import { backgroundMessaging, type PageState } from '@/utils/messages';
import { DEFAULT_SETTINGS, type MarkStyle } from '@/utils/settings';

/** Blocks go to the background in batches of about this many characters. */
const BATCH_CHARS = 50_000;
/** The longest the reader works on the page's main thread before letting the page run. */
const SLICE_MS = 8;
/** Changes are gathered for this long before they are read, so a burst is read once. */
const MUTATION_DELAY_MS = 200;

/** A passage with notes under the pointer; a hovered name has its own, in its type's colour. */
export const HOVER_HIGHLIGHT = 'dossier-hover';
export const FLASH_HIGHLIGHT = 'dossier-flash';

const hasHighlights = () => typeof CSS !== 'undefined' && 'highlights' in CSS;

/** Lets the page's own tasks run before the reader continues. */
function yieldToPage(): Promise<void> {
  // Not scheduler.yield(): from a Firefox content script its promise belongs to the page's
  // compartment and was seen never to settle.
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class PageReader {
  readonly index = new MentionIndex();
  readonly entities = new Map<string, Entity>();
  lang: Lang = 'und';
  status: PageState['status'] = 'scanning';
  error = '';
  /** Called after each batch is painted, so an open popup or card can follow. */
  onChange: () => void = () => {};
  /** Called when a reading of the page (whole, or of what changed) is done. */
  onSettled: () => void = () => {};
  /** Called when the page turns out to be dark, or light again, so other marks can follow. */
  onPaletteChange: (palette: Palette) => void = () => {};
  /**
   * This visit of the page, so the background writes the reader's history once per visit however
   * often a live page is read again. A single-page app's navigation is a new visit.
   */
  private visit = crypto.randomUUID();
  private context: PageContext = { lang: 'und', named: [], confirmed: [] };
  /**
   * One highlight per entity type, so each type has its own colour. A type the reader does not
   * want marked keeps its highlight, unregistered, so switching it back on needs no new reading.
   */
  private highlights = new Map<EntityType, Highlight>();
  /** Which marks are in the highlights: on a page with very many, those near the viewport. */
  private window = new MarkWindow(
    (mention) => this.show(mention),
    (mention) => this.highlights.get(mention.type)?.delete(mention.range),
  );
  private markStyle: MarkStyle = DEFAULT_SETTINGS.markStyle;
  private unmarked = new Set<EntityType>();
  /** Whether the article is light or dark, measured where its first mark is. */
  private palette: Palette = 'light';
  private paletteAt: Element | null = null;
  private hoverName: string | null = null;
  private dirty = new Set<Node>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private observer: MutationObserver | undefined;
  private generation = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: ContentScriptContext) {}

  /** Stops reading and removes the marks: the reader paused Dossier on this site or everywhere. */
  pause(): void {
    this.stop();
    this.index.clear();
    this.status = 'paused';
    this.onChange();
  }

  private started = false;

  /** Reads the whole page, then keeps reading what changes. */
  async start(): Promise<void> {
    this.status = 'scanning';
    if (this.started) {
      // Resumed after a pause: watch the page again and read it afresh.
      this.observer?.observe(document.body, { childList: true, subtree: true, characterData: true });
      await this.restart();
      return;
    }
    this.started = true;
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    this.ctx.onInvalidated(() => this.observer?.disconnect());
    // Single-page apps change the address without loading a page: read the new page afresh.
    this.ctx.addEventListener(window, 'wxt:locationchange', () => {
      this.visit = crypto.randomUUID();
      void this.restart();
    });
    this.ctx.setInterval(() => {
      if (this.highlights.size === 0 || !hasHighlights()) return;
      // Pages switch between light and dark themes while they are read: the marks follow.
      const palette = this.measurePalette();
      if (palette !== this.palette) {
        this.unregister();
        this.setPalette(palette);
        this.paint();
        return;
      }
      // The highlight registry is shared with the page, which may clear it: paint again if so.
      const shown = [...this.highlights.keys()].filter((type) => !this.unmarked.has(type));
      if (shown.length > 0 && !shown.some((type) => CSS.highlights.has(markHighlightName(type, this.look)))) {
        this.paint();
      }
    }, 2000);
    await this.restart();
  }

  /** Reads the page afresh: after navigation, or when the reader's knowledge changed. */
  async restart(): Promise<void> {
    if (this.status === 'paused') return;
    const generation = ++this.generation;
    this.status = 'scanning';
    this.dirty.clear();
    try {
      this.lang = await pageLanguage();
      this.context = { lang: this.lang, named: [], confirmed: [] };
      this.index.clear();
      this.clear();
      await this.enqueue(() => this.read(document.body, generation));
      if (generation === this.generation) this.status = 'ready';
    } catch (error) {
      this.status = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.onChange();
    if (generation === this.generation) this.onSettled();
  }

  /** Readings run one after another, so batches never interleave their page context. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }

  /** Reads the blocks under `root` in slices, sending them to the background in batches. */
  private async read(root: Element, generation: number): Promise<void> {
    let batch: TextBlock[] = [];
    let size = 0;
    let sliceStart = performance.now();
    for (const block of iterateBlocks(root, (shadow) => this.watch(shadow))) {
      if (generation !== this.generation) return;
      batch.push(block);
      size += block.text.length;
      if (size >= BATCH_CHARS) {
        await this.detect(batch, generation);
        batch = [];
        size = 0;
        sliceStart = performance.now();
      } else if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToPage();
        sliceStart = performance.now();
      }
    }
    if (batch.length > 0) await this.detect(batch, generation);
  }

  private async detect(batch: TextBlock[], generation: number): Promise<void> {
    const result = await backgroundMessaging.sendMessage('detect', {
      blocks: batch.map((b) => b.text),
      context: this.context,
      url: location.href,
      visit: this.visit,
      title: document.title.slice(0, 1000),
    });
    if (generation !== this.generation) return;
    this.context = result.context;
    for (const entity of result.entities) this.entities.set(entity.id, entity);
    let sliceStart = performance.now();
    const added: PageMention[] = [];
    for (const m of result.mentions) {
      const entity = this.entities.get(m.entityId);
      // The text may have changed while the background matched it: then the offsets no longer fit.
      if (entity && isCurrent(batch[m.block]!)) {
        const mention = this.index.add(document, batch[m.block]!, m.start, m.end, m.entityId, entity.type);
        if (mention) added.push(mention);
      }
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToPage();
        sliceStart = performance.now();
      }
    }
    // A batch's marks appear together: one repaint, and no half-marked paragraph.
    for (const mention of added) this.mark(mention);
    this.onChange();
  }

  /**
   * Changes inside an open shadow root do not reach the document's observer: each root met while
   * reading is observed too (observing one twice only renews the options).
   */
  private watch(shadow: ShadowRoot): void {
    this.observer?.observe(shadow, { childList: true, subtree: true, characterData: true });
  }

  private onMutations(records: MutationRecord[]): void {
    for (const record of records) {
      if (record.type === 'characterData') this.dirty.add(record.target);
      for (const node of Array.from(record.addedNodes)) this.dirty.add(node);
      if (record.removedNodes.length > 0) this.dirty.add(record.target);
    }
    if (this.dirty.size === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.enqueue(() => this.readChanges(this.generation)), MUTATION_DELAY_MS);
  }

  /**
   * Reads again only the blocks that changed: mentions in text that left the page or changed
   * are dropped, text that moved keeps (or regains) its marks, new text is read.
   */
  private async readChanges(generation: number): Promise<void> {
    const containers = new Set<Element>();
    for (const node of this.dirty) {
      if (!node.isConnected) continue;
      const container = blockContainerOf(node);
      if (container && !isInSkippedRegion(container)) containers.add(container);
    }
    this.dirty.clear();
    // Of nested containers, the outermost is read; it includes the others.
    const roots = [...containers].filter((c) => ![...containers].some((o) => o !== c && o.contains(c)));
    const removed = this.index.removeWhere(
      (m) =>
        !isCurrent(m.block) ||
        m.range.collapsed ||
        roots.some((root) => containsComposed(root, m.block.nodes[0]!.node)),
    );
    for (const mention of removed) this.window.remove(mention);
    for (const root of roots) await this.read(root, generation);
    this.onChange();
    if (generation === this.generation) this.onSettled();
  }

  /** Marks a mention: shown at once, or once its block comes near the viewport (see MarkWindow). */
  private mark(mention: PageMention): void {
    if (!hasHighlights()) return;
    const first = mention.block.nodes[0]!.node;
    const block = blockContainerOf(first) ?? first.parentElement;
    if (block) this.window.add(mention, block);
    else this.show(mention);
  }

  /**
   * Adds a mention to its type's highlight. Highlights grow one range at a time: registering them
   * anew with every range would make the browser repaint every mark for every batch.
   */
  private show(mention: PageMention): void {
    let highlight = this.highlights.get(mention.type);
    if (!highlight) {
      if (!this.paletteAt) {
        // The first mark is in the article (the site's chrome is never read): its background
        // decides whether the marks need the colours for a dark page.
        this.paletteAt = mention.range.startContainer.parentElement;
        this.setPalette(this.measurePalette());
      }
      highlight = new Highlight();
      this.highlights.set(mention.type, highlight);
      if (!this.unmarked.has(mention.type)) CSS.highlights.set(markHighlightName(mention.type, this.look), highlight);
    }
    highlight.add(mention.range);
  }

  private get look(): MarkLook {
    return { style: this.markStyle, palette: this.palette };
  }

  /**
   * The reader's choices of how names are marked and which types are, applied at once: the same
   * highlights are registered under the names of the new look, and an unmarked type's highlight
   * leaves the registry (and its mentions the pointer's reach).
   */
  setMarking(style: MarkStyle, unmarkedTypes: readonly EntityType[]): void {
    const same =
      style === this.markStyle &&
      unmarkedTypes.length === this.unmarked.size &&
      unmarkedTypes.every((type) => this.unmarked.has(type));
    if (same) return;
    this.unregister();
    this.markStyle = style;
    this.unmarked = new Set(unmarkedTypes);
    this.index.setHiddenTypes(this.unmarked);
    this.paint();
  }

  private setPalette(palette: Palette): void {
    if (palette === this.palette) return;
    this.palette = palette;
    this.onPaletteChange(palette);
  }

  private measurePalette(): Palette {
    let at = this.paletteAt;
    if (!at?.isConnected) at = this.paletteAt = this.index.mentions[0]?.range.startContainer.parentElement ?? null;
    if (!at) return this.palette;
    try {
      return paletteFor(pageColorsAt(at));
    } catch {
      return this.palette;
    }
  }

  /**
   * Registers the highlights of the marked types, after the page cleared the registry (it is the
   * page's) or the look changed. Only our own names are touched: iterating the registry from a
   * Firefox content script throws ("Xray wrapping of iterators not supported").
   */
  paint(): void {
    if (!hasHighlights()) return;
    for (const [type, highlight] of this.highlights) {
      if (!this.unmarked.has(type)) CSS.highlights.set(markHighlightName(type, this.look), highlight);
    }
  }

  /** Takes every name the marks may be registered under out of the registry. */
  private unregister(): void {
    if (!hasHighlights()) return;
    for (const name of allMarkHighlightNames()) CSS.highlights.delete(name);
    this.hoverName = null;
  }

  /** Shows where "Show on page" scrolled to: the mention glows for a moment. */
  flash(range: Range): void {
    if (!hasHighlights()) return;
    CSS.highlights.set(FLASH_HIGHLIGHT, new Highlight(range));
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => CSS.highlights.delete(FLASH_HIGHLIGHT), 1500);
  }

  private flashTimer: ReturnType<typeof setTimeout> | undefined;

  /** A hovered name is marked more strongly, in its own type's colour; a noted passage in yellow. */
  setHovered(range: Range | null): void {
    if (!hasHighlights()) return;
    if (this.hoverName) CSS.highlights.delete(this.hoverName);
    this.hoverName = null;
    if (!range) return;
    const mention = this.index.withRange(range);
    const highlight = new Highlight(range);
    // Above the marks, so the stronger underline and tint are the ones seen.
    highlight.priority = 1;
    this.hoverName = mention ? hoverHighlightName(mention.type, this.palette) : HOVER_HIGHLIGHT;
    CSS.highlights.set(this.hoverName, highlight);
  }

  clear(): void {
    if (!hasHighlights()) return;
    this.unregister();
    CSS.highlights.delete(HOVER_HIGHLIGHT);
    CSS.highlights.delete(FLASH_HIGHLIGHT);
    this.highlights.clear();
    this.window.clear();
    this.paletteAt = null;
  }

  stop(): void {
    this.generation++;
    this.observer?.disconnect();
    clearTimeout(this.timer);
    this.clear();
  }

  state(): PageState {
    const counts = this.index.counts();
    return {
      url: location.href,
      title: document.title,
      lang: this.lang,
      status: this.status,
      entities: counts,
      known: counts.flatMap(({ id }) => this.entities.get(id) ?? []),
      ...(this.error ? { error: this.error } : {}),
    };
  }
}

/** `root.contains(node)`, looking through the open shadow roots between them. */
function containsComposed(root: Node, node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parentNode ?? (n as Partial<ShadowRoot>).host ?? null) {
    if (n === root) return true;
  }
  return false;
}

/** Whether a block's text nodes are still on the page with the text they had when it was read. */
function isCurrent(block: TextBlock): boolean {
  let at = 0;
  for (const { node, start } of block.nodes) {
    if (!node.isConnected || start < at) return false;
    at = start + node.data.length;
    if (block.text.slice(start, at) !== node.data) return false;
  }
  return true;
}

/** The page's declared language, else the browser's guess from its text. */
async function pageLanguage(): Promise<Lang> {
  const declared = primaryLanguage(document.documentElement.lang);
  if (declared !== 'und') return declared;
  try {
    // textContent, not innerText: innerText forces a layout of the whole page.
    const sample = (document.body.textContent ?? '').slice(0, 2000);
    const detected = await browser.i18n.detectLanguage(sample);
    const best = detected.languages.sort((a, b) => b.percentage - a.percentage)[0];
    if (detected.isReliable && best) return primaryLanguage(best.language);
  } catch {
    // Language detection is a refinement; without it names still match, only endings do not.
  }
  return 'und';
}
