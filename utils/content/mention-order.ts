/**
 * Moving through the page's mentions from the keyboard: in document order, from the mention the
 * reader is on, wrapping around at either end. Pure DOM logic, unit-tested in a DOM environment.
 */
import type { PageMention } from './mention-index';

export type Direction = 'next' | 'previous';

/** The mentions sorted as they stand in the document. */
export function inDocumentOrder(mentions: readonly PageMention[]): PageMention[] {
  return [...mentions].sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
}

/**
 * The mention after (or before) `from`, a position the reader is on. Without one, the first
 * mention that `startsHere` accepts (the first in view, say) or, failing that, the first (or last)
 * mention of the page. `ordered` is in document order.
 */
export function stepMention(
  ordered: readonly PageMention[],
  from: Range | null,
  direction: Direction,
  startsHere: (mention: PageMention) => boolean = () => false,
): PageMention | null {
  if (ordered.length === 0) return null;
  const first = ordered[0]!;
  const last = ordered[ordered.length - 1]!;
  if (!from) {
    if (direction === 'next') return ordered.find(startsHere) ?? first;
    return ordered.findLast(startsHere) ?? last;
  }
  if (direction === 'next') {
    return ordered.find((m) => m.range.compareBoundaryPoints(Range.START_TO_START, from) > 0) ?? first;
  }
  return ordered.findLast((m) => m.range.compareBoundaryPoints(Range.START_TO_START, from) < 0) ?? last;
}
