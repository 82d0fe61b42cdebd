// The page's readable text as one string: from a selection to offsets, and from offsets (a note's
// anchor) back to a DOM range, across inline elements and blocks.
import { describe, expect, it } from 'vitest';
import { pageTextOf } from '../../utils/content/page-text';
import { extractBlocks } from '../../utils/detect/extract';
import { anchorQuote, quoteSelectorFor } from '../../utils/notes/anchor';
import { parseHtml } from '../../scripts/lib/page-text';

const PAGE = `<!doctype html><html lang="en"><body><main><article>
  <h1>Chips and rules</h1>
  <p>Nvidia told investors that <b>new rules</b> would cut its sales.</p>
  <p>Analysts were unmoved by the call.</p>
</article></main></body></html>`;

describe('pageTextOf', () => {
  const doc = parseHtml(PAGE);
  const page = pageTextOf(extractBlocks(doc.body));

  it('joins the blocks with a blank line', () => {
    expect(page.text.replace(/ +/g, ' ')).toContain('Chips and rules\n\nNvidia told investors that new rules');
  });

  it('maps a selection across inline elements and blocks to offsets without surrounding spaces', () => {
    const [first, second] = [...doc.querySelectorAll('p')];
    const range = doc.createRange();
    range.setStart(first!.firstChild!, 'Nvidia told investors that '.length - 1);
    range.setEnd(second!.firstChild!, 'Analysts'.length);
    const offsets = page.offsetsOf(range)!;
    expect(page.text.slice(offsets.start, offsets.end)).toBe('new rules would cut its sales.\n\nAnalysts');
  });

  it('turns an anchored quote back into the range of the page it covers', () => {
    const start = page.text.indexOf('new rules');
    const quote = quoteSelectorFor(page.text, start, start + 'new rules would cut'.length);
    const anchor = anchorQuote(page.text, quote)!;
    const range = page.rangeAt(doc, anchor.start, anchor.end)!;
    expect(range.toString()).toBe('new rules would cut');
    expect(range.startContainer.parentElement!.tagName).toBe('B');
  });

  it('has no range for text that is not on the page', () => {
    const range = doc.createRange();
    range.selectNodeContents(doc.head);
    expect(page.offsetsOf(range)).toBeNull();
  });
});
