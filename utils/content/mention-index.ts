/**
 * Mentions on a live page, and the question hover asks many times a second: which mention is under
 * this caret position and pointer? Pure DOM logic with no extension APIs, so it is unit-tested in
 * a DOM environment.
 */
import { rangeOf, type TextBlock } from '../detect/extract';
import type { EntityType } from '../knowledge/types';

export interface PageMention {
  /** A number unique on this page, in the order mentions were found. */
  index: number;
  entityId: string;
  type: EntityType;
  block: TextBlock;
  start: number;
  end: number;
  range: Range;
}

interface Piece {
  start: number;
  end: number;
  mention: PageMention;
}

export class MentionIndex {
  private byNode = new Map<Text, Piece[]>();
  private all = new Set<PageMention>();
  private nextIndex = 0;
  /** Types the reader chose not to mark: their mentions are kept but not found under the pointer. */
  private hidden = new Set<EntityType>();

  get mentions(): PageMention[] {
    return [...this.all];
  }

  /** The mentions of the types that are marked: those the reader can see, point at and move to. */
  get marked(): PageMention[] {
    return [...this.all].filter((m) => !this.hidden.has(m.type));
  }

  get size(): number {
    return this.all.size;
  }

  /** Adds a mention; returns it, or null when its offsets no longer fit the block's text nodes. */
  add(
    doc: Document,
    block: TextBlock,
    start: number,
    end: number,
    entityId: string,
    type: EntityType,
  ): PageMention | null {
    const range = rangeOf(doc, block, start, end);
    if (!range) return null;
    const mention: PageMention = { index: this.nextIndex++, entityId, type, block, start, end, range };
    this.all.add(mention);
    for (const { node, start: nodeStart } of block.nodes) {
      const nodeEnd = nodeStart + node.data.length;
      if (nodeEnd <= start || nodeStart >= end) continue;
      const pieces = this.byNode.get(node) ?? [];
      pieces.push({ start: Math.max(0, start - nodeStart), end: Math.min(node.data.length, end - nodeStart), mention });
      this.byNode.set(node, pieces);
    }
    return mention;
  }

  /** Forgets the mentions `drop` selects, and returns them. */
  removeWhere(drop: (mention: PageMention) => boolean): PageMention[] {
    const removed: PageMention[] = [];
    for (const mention of this.all) {
      if (!drop(mention)) continue;
      this.all.delete(mention);
      removed.push(mention);
      for (const { node } of mention.block.nodes) {
        const pieces = this.byNode.get(node);
        if (!pieces) continue;
        const kept = pieces.filter((p) => p.mention !== mention);
        if (kept.length > 0) this.byNode.set(node, kept);
        else this.byNode.delete(node);
      }
    }
    return removed;
  }

  /** Hides the mentions of these types from hit-testing (an unmarked name opens no card). */
  setHiddenTypes(types: Iterable<EntityType>): void {
    this.hidden = new Set(types);
  }

  /** The mention painted with this range, if any. */
  withRange(range: Range): PageMention | null {
    for (const mention of this.all) if (mention.range === range) return mention;
    return null;
  }

  clear(): void {
    this.all.clear();
    this.byNode.clear();
  }

  /** The mentions of an entity in document order. */
  mentionsOf(entityId: string): PageMention[] {
    return this.mentions
      .filter((m) => m.entityId === entityId)
      .sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
  }

  /**
   * The mention under the pointer at (x, y), given the caret position there. A caret position is
   * the nearest text even when the pointer is in a margin, so the mention's own boxes decide.
   */
  at(node: Node | null, offset: number, x: number, y: number): PageMention | null {
    if (!node || node.nodeType !== 3) return null;
    const pieces = this.byNode.get(node as Text);
    if (!pieces) return null;
    for (const piece of pieces) {
      if (offset < piece.start || offset > piece.end || this.hidden.has(piece.mention.type)) continue;
      if (pointInRange(piece.mention.range, x, y)) return piece.mention;
    }
    return null;
  }

  /** How often each entity is mentioned, most mentioned first. */
  counts(): { id: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const m of this.all) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
    return [...counts].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count);
  }

  /** The mentions of each entity type, for painting one highlight per type. */
  rangesByType(): Map<EntityType, Range[]> {
    const out = new Map<EntityType, Range[]>();
    for (const m of this.all) {
      const list = out.get(m.type) ?? [];
      list.push(m.range);
      out.set(m.type, list);
    }
    return out;
  }
}

/** Whether (x, y) falls in one of the range's line boxes, with a pixel of tolerance. */
export function pointInRange(range: Range, x: number, y: number, slack = 1): boolean {
  for (const rect of Array.from(range.getClientRects())) {
    if (x >= rect.left - slack && x <= rect.right + slack && y >= rect.top - slack && y <= rect.bottom + slack) {
      return true;
    }
  }
  return false;
}

/** The text position under a point, through whichever caret API the browser has. */
export function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const withPosition = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  if (typeof withPosition.caretPositionFromPoint === 'function') {
    const pos = withPosition.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}
