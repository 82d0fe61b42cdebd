/**
 * The page's readable text as one string, the text a note's quote is taken from and found again
 * in: the blocks the reader reads, joined by a blank line, with the way back from offsets to DOM
 * ranges and from a selection to offsets. Pure DOM logic, unit-tested in a DOM environment.
 */
import type { TextBlock } from '../detect/extract';

export const BLOCK_SEPARATOR = '\n\n';

export interface PageText {
  text: string;
  /** The DOM range of [start, end), or null when the offsets no longer fit the page's nodes. */
  rangeAt(doc: Document, start: number, end: number): Range | null;
  /** The offsets of the readable text a range covers, without surrounding spaces; null if none. */
  offsetsOf(range: Range): { start: number; end: number } | null;
}

export function pageTextOf(blocks: readonly TextBlock[]): PageText {
  const starts: number[] = [];
  let text = '';
  for (const block of blocks) {
    if (text !== '') text += BLOCK_SEPARATOR;
    starts.push(text.length);
    text += block.text;
  }

  /** The text node and offset in it for a page offset; `isEnd` prefers the end of the node before. */
  const point = (offset: number, isEnd: boolean): { node: Text; offset: number } | null => {
    let b = -1;
    for (let lo = 0, hi = starts.length - 1; lo <= hi;) {
      const mid = (lo + hi) >> 1;
      if (isEnd ? starts[mid]! < offset : starts[mid]! <= offset) {
        b = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (b < 0) b = 0;
    const block = blocks[b];
    if (!block || block.nodes.length === 0) return null;
    // An offset in the blank line between blocks belongs to the block it is closest to.
    const local = Math.max(0, Math.min(offset - starts[b]!, block.text.length));
    let n = 0;
    for (let i = 0; i < block.nodes.length; i++) {
      const s = block.nodes[i]!.start;
      if (isEnd ? s < local : s <= local) n = i;
    }
    const { node, start } = block.nodes[n]!;
    if (!node.isConnected) return null;
    // Characters the block added between nodes (a space for skipped chrome, a line break) have no
    // node of their own: they fall to the nearest end of one.
    return { node, offset: Math.max(0, Math.min(local - start, node.data.length)) };
  };

  return {
    text,
    rangeAt(doc, start, end) {
      const a = point(start, false);
      const b = point(end, true);
      if (!a || !b) return null;
      const range = doc.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      return range.collapsed ? null : range;
    },
    offsetsOf(range) {
      let start = -1;
      let end = -1;
      blocks.forEach((block, b) => {
        for (const { node, start: nodeStart } of block.nodes) {
          if (!range.intersectsNode(node)) continue;
          const from = node === range.startContainer ? range.startOffset : 0;
          const to = node === range.endContainer ? range.endOffset : node.data.length;
          if (start < 0) start = starts[b]! + nodeStart + from;
          end = starts[b]! + nodeStart + to;
        }
      });
      if (start < 0) return null;
      while (start < end && /\s/.test(text[start]!)) start++;
      while (end > start && /\s/.test(text[end - 1]!)) end--;
      return end > start ? { start, end } : null;
    },
  };
}
