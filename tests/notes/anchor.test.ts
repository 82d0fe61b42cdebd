import { describe, expect, it } from 'vitest';
import { anchorQuote, quoteSelectorFor } from '../../utils/notes/anchor';
import type { NoteQuote } from '../../utils/notes/model';

const ARTICLE =
  'Peking. Der chinesische Handelsminister Wang Wentao hat sich am Montag mit Vertretern von Nvidia getroffen. ' +
  'Laut Lizzi Lee sehen Politiker in Peking Huang als Nachfolger. ' +
  'Die Exportkontrollen für H20-Chips waren im April verschärft worden. ' +
  'Nvidia erwartet dadurch einen Umsatzverlust von mehreren Milliarden Dollar.';

/** The selector a note taken on `text` would keep for the first copy of `passage`. */
function noteOn(text: string, passage: string, from = 0): NoteQuote {
  const start = text.indexOf(passage, from);
  if (start === -1) throw new Error(`"${passage}" is not in the text`);
  return quoteSelectorFor(text, start, start + passage.length);
}

function found(text: string, quote: NoteQuote): string | undefined {
  const anchor = anchorQuote(text, quote);
  return anchor ? text.slice(anchor.start, anchor.end) : undefined;
}

describe('quoteSelectorFor', () => {
  it('keeps the passage, 32 characters either side and where it starts', () => {
    const passage = 'Laut Lizzi Lee sehen Politiker in Peking Huang als Nachfolger.';
    const quote = noteOn(ARTICLE, passage);
    expect(quote.exact).toBe(passage);
    expect(quote.prefix).toHaveLength(32);
    expect(quote.suffix).toHaveLength(32);
    expect(ARTICLE.slice(quote.start! - 32, quote.start! + passage.length + 32)).toBe(
      quote.prefix + passage + quote.suffix,
    );
  });

  it('keeps less context at the edges of the text and never half a character', () => {
    expect(quoteSelectorFor('abc def', 0, 3)).toEqual({ exact: 'abc', prefix: '', suffix: ' def', start: 0 });
    const emoji = '😀'.repeat(20) + 'x';
    const quote = quoteSelectorFor(emoji, 40, 41);
    expect(quote.exact).toBe('x');
    // 32 code units back from 40 lands between the halves of a pair; the half is left out.
    expect(quote.prefix).toBe('😀'.repeat(16));
    expect(quoteSelectorFor('abc', 5, 1)).toEqual({ exact: 'bc', prefix: 'a', suffix: '', start: 1 });
  });
});

describe('anchorQuote', () => {
  it('finds an unchanged passage exactly, with full confidence', () => {
    const passage = 'Laut Lizzi Lee sehen Politiker in Peking Huang als Nachfolger.';
    const quote = noteOn(ARTICLE, passage);
    expect(anchorQuote(ARTICLE, quote)).toEqual({
      start: quote.start,
      end: quote.start! + passage.length,
      score: 1,
      exact: true,
    });
  });

  it('tells repeated passages apart by the text around them', () => {
    const text =
      'Der erste Bericht kam aus Berlin. Mehr dazu später. ' +
      'Der zweite Bericht kam aus Peking. Mehr dazu später. ' +
      'Der dritte Bericht kam aus Paris. Mehr dazu später.';
    const second = text.indexOf('Mehr dazu später.', text.indexOf('Peking'));
    const quote = quoteSelectorFor(text, second, second + 'Mehr dazu später.'.length);
    expect(anchorQuote(text, quote)).toMatchObject({ start: second, exact: true });

    // The context still decides when the whole text has shifted and the old position is wrong.
    const shifted = 'Eine neue Einleitung steht jetzt davor. ' + text;
    const expected = shifted.indexOf('Mehr dazu später.', shifted.indexOf('Peking'));
    expect(anchorQuote(shifted, quote)).toMatchObject({ start: expected, exact: true });
  });

  it('falls back on the position between copies whose context is the same too', () => {
    const text = 'Ja. Ja. Ja. Ja. Ja.';
    const quote = quoteSelectorFor(text, 8, 10);
    expect(anchorQuote(text, quote)).toMatchObject({ start: 8, end: 10 });
  });

  it('finds a passage whose typo was fixed', () => {
    const before = ARTICLE.replace('Nachfolger', 'Nachfloger');
    const quote = noteOn(before, 'Laut Lizzi Lee sehen Politiker in Peking Huang als Nachfloger.');
    const anchor = anchorQuote(ARTICLE, quote)!;
    expect(anchor.exact).toBe(false);
    expect(ARTICLE.slice(anchor.start, anchor.end)).toBe(
      'Laut Lizzi Lee sehen Politiker in Peking Huang als Nachfolger.',
    );
    expect(anchor.score).toBeGreaterThan(0.9);
  });

  it('finds a passage with a word inserted', () => {
    const quote = noteOn(ARTICLE, 'Laut Lizzi Lee sehen Politiker in Peking Huang als Nachfolger.');
    const after = ARTICLE.replace('Politiker in Peking', 'führende Politiker in Peking');
    expect(found(after, quote)).toBe('Laut Lizzi Lee sehen führende Politiker in Peking Huang als Nachfolger.');
  });

  it('finds a passage whose punctuation changed', () => {
    const quote = noteOn(ARTICLE, 'Laut Lizzi Lee sehen Politiker in Peking Huang als Nachfolger.');
    const after = ARTICLE.replace('Laut Lizzi Lee sehen', 'Laut Lizzi Lee, sehen').replace(
      'Nachfolger.',
      'Nachfolger!',
    );
    expect(found(after, quote)).toBe('Laut Lizzi Lee, sehen Politiker in Peking Huang als Nachfolger!');
  });

  it('finds a passage that was reflowed, with soft hyphens and typographic quotes, at no cost', () => {
    const text = 'Er sagte: "Wir bleiben." Dann ging er.';
    const quote = noteOn(text, 'Er sagte: "Wir bleiben."');
    const after = 'Er\n   sagte:\u00a0„Wir blei\u00adben.“ Dann ging er.';
    const anchor = anchorQuote(after, quote)!;
    expect(after.slice(anchor.start, anchor.end)).toBe('Er\n   sagte:\u00a0„Wir blei\u00adben.“');
    expect(anchor.exact).toBe(false);
    expect(anchor.score).toBeGreaterThan(0.95);
  });

  it('finds a passage that moved elsewhere on the page', () => {
    const passage = 'Die Exportkontrollen für H20-Chips waren im April verschärft worden.';
    const quote = noteOn(ARTICLE, passage);
    const moved = passage + ' ' + ARTICLE.replace(passage + ' ', '');
    expect(anchorQuote(moved, quote)).toMatchObject({ start: 0, end: passage.length, exact: true });

    // Moved and edited: still found, with less confidence than in its old place.
    const edited = moved.replace('im April', 'Anfang April');
    const anchor = anchorQuote(edited, quote)!;
    expect(edited.slice(anchor.start, anchor.end)).toBe(
      'Die Exportkontrollen für H20-Chips waren Anfang April verschärft worden.',
    );
    expect(anchor.score).toBeLessThan(0.8);
  });

  it('gives up when the passage was removed or rewritten beyond recognition', () => {
    const passage = 'Laut Lizzi Lee sehen Politiker in Peking Huang als Nachfolger.';
    const quote = noteOn(ARTICLE, passage);
    expect(anchorQuote(ARTICLE.replace(passage, ''), quote)).toBeNull();
    expect(
      anchorQuote(ARTICLE.replace(passage, 'Beobachter halten einen Wechsel an der Spitze für möglich.'), quote),
    ).toBeNull();
    expect(anchorQuote('', quote)).toBeNull();
    expect(anchorQuote(ARTICLE, { exact: ' ', prefix: '', suffix: '' })).toBeNull();
  });

  it('finds a very long passage with a few edits in a long page quickly', () => {
    const sentences = Array.from(
      { length: 3000 },
      (_, i) => `Satz ${i} berichtet von Ereignis ${(i * 7919) % 3001} in der Stadt ${(i * 104729) % 997}.`,
    );
    const text = sentences.join(' ');
    const passage = sentences.slice(1500, 1540).join(' ');
    expect(passage.length).toBeGreaterThan(2000);
    const quote = noteOn(text, passage);
    const edited = text.replace('Satz 1510 berichtet', 'Satz 1510 meldet').replace('Satz 1530 ', 'Satz 1530, ');

    const began = performance.now();
    const anchor = anchorQuote(edited, quote)!;
    expect(performance.now() - began).toBeLessThan(2000);
    expect(anchor.exact).toBe(false);
    expect(anchor.start).toBe(quote.start);
    expect(edited.slice(anchor.start, anchor.end)).toBe(
      passage.replace('Satz 1510 berichtet', 'Satz 1510 meldet').replace('Satz 1530 ', 'Satz 1530, '),
    );
  });

  it('counts in UTF-16 code units and handles emoji, CJK and decomposed accents', () => {
    const text = '🎉 开幕式 😀 Präsident Macron sprach in Élysée. Dann 东京.';
    const quote = noteOn(text, 'Präsident Macron sprach in Élysée.');
    expect(found(text, quote)).toBe('Präsident Macron sprach in Élysée.');

    // The same page served with decomposed accents (NFD): the characters look the same.
    const nfd = text.normalize('NFD');
    const anchor = anchorQuote(nfd, quote)!;
    expect(nfd.slice(anchor.start, anchor.end).normalize('NFC')).toBe('Präsident Macron sprach in Élysée.');
    expect(anchor.score).toBeGreaterThan(0.95);

    const cjk = noteOn(text, '开幕式 😀');
    expect(found('新 ' + text, cjk)).toBe('开幕式 😀');
    expect(found(text.replace('开幕式', '开幕典礼'), { ...cjk, exact: '开幕式 😀 Prä' })).toBe('开幕典礼 😀 Prä');
  });
});
