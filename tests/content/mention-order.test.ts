// @vitest-environment happy-dom
// Keyboard navigation walks the page's mentions in document order, whatever order they were found.
import { describe, expect, it } from 'vitest';
import { MentionIndex } from '../../utils/content/mention-index';
import { inDocumentOrder, stepMention } from '../../utils/content/mention-order';
import { extractBlocks } from '../../utils/detect/extract';
import { parseHtml } from '../../scripts/lib/page-text';

const doc = parseHtml(`<!doctype html><html lang="en"><body><main><article>
  <p>Nvidia sells chips to China.</p>
  <p>Tesla builds cars in Texas.</p>
</article></main></body></html>`);
const blocks = extractBlocks(doc.body);
const index = new MentionIndex();
// Found out of order, as an incremental scan of a changing page would.
for (const [block, word, id] of [
  [1, 'Texas', 'texas'],
  [0, 'China', 'china'],
  [1, 'Tesla', 'tesla'],
  [0, 'Nvidia', 'nvidia'],
] as const) {
  const start = blocks[block]!.text.indexOf(word);
  index.add(doc, blocks[block]!, start, start + word.length, id, 'other');
}
const ordered = inDocumentOrder(index.mentions);
const ids = (list: { entityId: string }[]) => list.map((m) => m.entityId);

describe('keyboard order of mentions', () => {
  it('is document order', () => {
    expect(ids(ordered)).toEqual(['nvidia', 'china', 'tesla', 'texas']);
  });

  it('steps forward and back from the current mention, wrapping at either end', () => {
    const at = (id: string) => ordered.find((m) => m.entityId === id)!.range;
    expect(stepMention(ordered, at('china'), 'next')?.entityId).toBe('tesla');
    expect(stepMention(ordered, at('china'), 'previous')?.entityId).toBe('nvidia');
    expect(stepMention(ordered, at('texas'), 'next')?.entityId).toBe('nvidia');
    expect(stepMention(ordered, at('nvidia'), 'previous')?.entityId).toBe('texas');
  });

  it('starts where the reader is without a current mention, else at the first or last', () => {
    const inView = (m: { entityId: string }) => m.entityId === 'china' || m.entityId === 'tesla';
    expect(stepMention(ordered, null, 'next', inView)?.entityId).toBe('china');
    expect(stepMention(ordered, null, 'previous', inView)?.entityId).toBe('tesla');
    expect(stepMention(ordered, null, 'next')?.entityId).toBe('nvidia');
    expect(stepMention(ordered, null, 'previous')?.entityId).toBe('texas');
    expect(stepMention([], null, 'next')).toBeNull();
  });
});
