// The mentions on a page as hover finds them, with the types the reader chose not to mark.
import { describe, expect, it } from 'vitest';
import { MentionIndex } from '../../utils/content/mention-index';
import { extractBlocks } from '../../utils/detect/extract';
import { parseHtml } from '../../scripts/lib/page-text';

describe('MentionIndex', () => {
  const doc = parseHtml(`<!doctype html><html lang="en"><body><article>
    <p>Jensen Huang flew to Taipei.</p></article></body></html>`);
  const [block] = extractBlocks(doc.body);
  const index = new MentionIndex();
  const huang = index.add(
    doc,
    block!,
    block!.text.indexOf('Jensen'),
    block!.text.indexOf(' flew'),
    'p:huang',
    'person',
  )!;
  const taipei = index.add(doc, block!, block!.text.indexOf('Taipei'), block!.text.indexOf('.'), 'pl:taipei', 'place')!;
  // The DOM environment lays nothing out: each mention gets one box of its own.
  const box = (left: number, width: number) => () =>
    [{ left, right: left + width, top: 0, bottom: 20 }] as unknown as DOMRectList;
  huang.range.getClientRects = box(0, 100);
  taipei.range.getClientRects = box(200, 50);
  const text = block!.nodes[0]!.node;
  const offsetOf = (word: string) => text.data.indexOf(word) + 1;

  it('finds the mention under the pointer', () => {
    expect(index.at(text, offsetOf('Huang'), 50, 10)).toBe(huang);
    expect(index.at(text, offsetOf('Taipei'), 210, 10)).toBe(taipei);
    expect(index.withRange(taipei.range)).toBe(taipei);
  });

  it('finds nothing of a type the reader switched off, and finds it again when switched back on', () => {
    index.setHiddenTypes(['place']);
    expect(index.at(text, offsetOf('Taipei'), 210, 10)).toBeNull();
    expect(index.at(text, offsetOf('Huang'), 50, 10)).toBe(huang);
    index.setHiddenTypes([]);
    expect(index.at(text, offsetOf('Taipei'), 210, 10)).toBe(taipei);
  });
});
