// Which text of a page is read, and how offsets map back to the DOM.
import { describe, expect, it } from 'vitest';
import { extractBlocks, rangeOf } from '../../utils/detect/extract';
import { parseHtml } from '../../scripts/lib/page-text';

const PAGE = `<!doctype html><html lang="en"><body>
  <header><a href="/">Site</a><nav><a href="/tesla">Tesla</a> <a href="/nvidia">Nvidia</a></nav></header>
  <div class="cookie-banner">We use cookies. Nvidia too.</div>
  <main><article>
    <header><h1>Nvidia and <em>TSMC</em></h1></header>
    <p>Yesterday <a href="/p/jensen">Jensen</a> <b>Huang</b> spoke.<br>New line.</p>
    <figure><figcaption>Photo: Bloomberg</figcaption></figure>
    <p>Code <code>nvidia.init()</code> and <input value="Nvidia"> and <textarea>Nvidia</textarea>.</p>
    <div contenteditable="true">Editable Nvidia</div>
    <pre>Nvidia</pre>
    <ul class="tags"><li><a href="/t/1">Nvidia</a>, <a href="/t/2">TSMC</a>, <a href="/t/3">Intel</a>, <a href="/t/4">AMD</a></li></ul>
    <div id="host"></div>
  </article></main>
  <aside>Related: Nvidia</aside>
  <footer>Offices in Washington</footer>
</body></html>`;

describe('extractBlocks', () => {
  const doc = parseHtml(PAGE);
  doc.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Inside a shadow root: Lizzi Lee.</p>';
  const blocks = extractBlocks(doc.body);
  const texts = blocks.map((b) => b.text.replace(/\s+/g, ' ').trim());

  it('reads the article, its headings and captions, in document order', () => {
    expect(texts).toEqual([
      'Nvidia and TSMC',
      'Yesterday Jensen Huang spoke.\nNew line.'.replace(/\s+/g, ' '),
      'Photo: Bloomberg',
      'Code and and .',
      'Inside a shadow root: Lizzi Lee.',
    ]);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'text', 'caption', 'text', 'text']);
  });

  it('reads a name split across inline elements as one run of text', () => {
    const block = blocks[1]!;
    const start = block.text.indexOf('Jensen Huang');
    expect(start).toBeGreaterThan(0);
    const range = rangeOf(doc, block, start, start + 'Jensen Huang'.length)!;
    expect(range.toString()).toBe('Jensen Huang');
    expect(range.startContainer.parentElement!.tagName).toBe('A');
    expect(range.endContainer.parentElement!.tagName).toBe('B');
  });

  it('keeps a line break as a separator', () => {
    expect(blocks[1]!.text).toContain('spoke.\nNew line.');
  });
});
