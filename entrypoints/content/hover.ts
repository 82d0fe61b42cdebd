/**
 * Hover intent: the card opens after the pointer rests on a mention for a moment, not while it
 * sweeps across the text, stays while the pointer travels into it, and hides shortly after the
 * pointer leaves both. Hit-testing runs at most once per frame, only while the pointer moves.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { caretAt, type MentionIndex, type PageMention } from '@/utils/content/mention-index';
import type { NotePassage } from './note-anchors';

export const DWELL_MS = 300;
export const HIDE_DELAY_MS = 300;

/** What the pointer can rest on: a marked name, or a passage the reader wrote a note on. */
export type Hovered = PageMention | NotePassage;

/** The passages of the reader's notes on the page, hit-tested like mentions. */
export interface PassageIndex {
  at(node: Node | null, offset: number, x: number, y: number): NotePassage | null;
}

export interface HoverTarget {
  show(mention: PageMention): void;
  /** The pointer landed on a mention: the card may get ready while the dwell runs. */
  prefetch?(mention: PageMention): void;
  showNotes(passage: NotePassage): void;
  hide(): void;
  isOpen(): boolean;
  /** The reader is writing in the card: leaving it must not throw the text away. */
  isBusy(): boolean;
  isOwnElement(target: EventTarget | null): boolean;
  setHovered(range: Range | null): void;
}

export class HoverController {
  private hovered: Hovered | null = null;
  private dwellTimer: ReturnType<typeof setTimeout> | undefined;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;
  private last: { x: number; y: number; target: EventTarget | null } | null = null;
  private insideCard = false;
  /** How long the pointer rests on a name before its card opens: the reader's setting. */
  dwellMs = DWELL_MS;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly index: MentionIndex,
    private readonly card: HoverTarget,
    private readonly passages: PassageIndex | null = null,
  ) {}

  start(): void {
    this.ctx.addEventListener(document, 'pointermove', (e) => this.onMove(e), { passive: true });
    this.ctx.addEventListener(document, 'keydown', (e) => {
      if (e.key === 'Escape' && this.card.isOpen()) this.close();
    });
    this.ctx.addEventListener(document.documentElement, 'pointerleave', () => this.leaveMention());
  }

  /** Called by the card when the pointer enters or leaves it. */
  pointerInCard(inside: boolean): void {
    this.insideCard = inside;
    if (inside) this.cancelHide();
    else if (!this.hovered) this.scheduleHide();
  }

  /**
   * Called when the pointer enters a pinned card: for hover that is leaving the mention and the
   * passing card, which then hides as it would on the page.
   */
  pointerInPinnedCard(): void {
    this.insideCard = false;
    this.leaveMention();
  }

  close(): void {
    clearTimeout(this.dwellTimer);
    this.cancelHide();
    this.hovered = null;
    this.card.setHovered(null);
    this.card.hide();
  }

  private onMove(event: PointerEvent): void {
    if (event.pointerType === 'touch') return;
    this.last = { x: event.clientX, y: event.clientY, target: event.target };
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.last) this.hitTest(this.last.x, this.last.y, this.last.target);
    });
  }

  private hitTest(x: number, y: number, target: EventTarget | null): void {
    if (this.card.isOwnElement(target)) return;
    const caret = caretAt(document, x, y);
    // A name inside a noted passage opens its own card: the more specific of the two.
    const hit: Hovered | null = caret
      ? (this.index.at(caret.node, caret.offset, x, y) ?? this.passages?.at(caret.node, caret.offset, x, y) ?? null)
      : null;
    if (hit === this.hovered) return;
    this.hovered = hit;
    this.card.setHovered(hit?.range ?? null);
    clearTimeout(this.dwellTimer);
    if (hit) {
      this.cancelHide();
      if (!('notes' in hit)) this.card.prefetch?.(hit);
      this.dwellTimer = setTimeout(() => {
        if (this.hovered !== hit) return;
        if ('notes' in hit) this.card.showNotes(hit);
        else this.card.show(hit);
      }, this.dwellMs);
    } else {
      this.leaveMention();
    }
  }

  private leaveMention(): void {
    clearTimeout(this.dwellTimer);
    if (this.hovered) {
      this.hovered = null;
      this.card.setHovered(null);
    }
    if (!this.insideCard) this.scheduleHide();
  }

  private scheduleHide(): void {
    if (!this.card.isOpen() || this.hideTimer !== undefined) return;
    this.hideTimer = setTimeout(() => {
      this.hideTimer = undefined;
      if (!this.insideCard && !this.hovered && !this.card.isBusy()) this.card.hide();
    }, HIDE_DELAY_MS);
  }

  private cancelHide(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = undefined;
  }
}
