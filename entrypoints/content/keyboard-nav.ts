/**
 * Reading by keyboard: the browser's shortcuts (see utils/background/commands.ts) move to the next
 * or previous marked name in document order, scroll it into view, mark it, and open its card with
 * keyboard focus in it.
 */
import type { PageMention } from '@/utils/content/mention-index';
import { inDocumentOrder, stepMention, type Direction } from '@/utils/content/mention-order';

/** The highlight on the mention the keyboard is on, while its card is open. */
export const KEYBOARD_HIGHLIGHT = 'dossier-keyboard';

export interface KeyboardTarget {
  mentions(): readonly PageMention[];
  /** The mention whose card has focus or is open, where the keyboard moves on from. */
  current(): PageMention | null;
  open(mention: PageMention): void;
  /** Whether a card of the mention is open. */
  isShown(mention: PageMention): boolean;
}

export class MentionNavigator {
  private at: PageMention | null = null;

  constructor(private readonly target: KeyboardTarget) {}

  move(direction: Direction): boolean {
    const ordered = inDocumentOrder(this.target.mentions());
    const from = this.target.current() ?? this.at;
    // Without a mention to move on from, the reader starts where they are reading.
    const next = stepMention(ordered, from?.range ?? null, direction, (m) => isInView(m.range));
    if (!next) return false;
    this.at = next;
    if (!isInView(next.range, 80)) {
      next.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    }
    // Opened first: opening replaces the previous card, which clears the previous mark.
    this.target.open(next);
    mark(next.range);
    return true;
  }

  /** Called when cards open or close: the mark stays only while the mention's card is open. */
  cardsChanged(): void {
    if (this.at && !this.target.isShown(this.at)) mark(null);
  }
}

/** Whether the range lies within the window, `margin` pixels clear of its top and bottom. */
function isInView(range: Range, margin = 0): boolean {
  const rect = range.getBoundingClientRect();
  return rect.height > 0 && rect.top >= margin && rect.bottom <= window.innerHeight - margin;
}

function mark(range: Range | null): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  if (range) CSS.highlights.set(KEYBOARD_HIGHLIGHT, new Highlight(range));
  else CSS.highlights.delete(KEYBOARD_HIGHLIGHT);
}
