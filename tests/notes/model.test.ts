import { describe, expect, it } from 'vitest';
import { createNote, pageOf, quoteAround } from '../../utils/notes/model';

describe('notes', () => {
  it('quote the sentence around a mention with a little context either side', () => {
    const text = 'Erster Satz. Laut Lizzi Lee sehen Politiker in Peking Huang als Nachfolger. Dritter Satz.';
    const start = text.indexOf('Lizzi Lee');
    const quote = quoteAround(text, start, start + 'Lizzi Lee'.length);
    expect(quote.exact).toBe('Laut Lizzi Lee sehen Politiker in Peking Huang als Nachfolger.');
    expect(quote.prefix).toBe('Erster Satz. ');
    expect(quote.suffix).toBe(' Dritter Satz.');
    expect(text.slice(quote.start, quote.start! + quote.exact.length)).toBe(quote.exact);
  });

  it('are created trimmed, with unique tags and timestamps', () => {
    const note = createNote({ text: '  hello  ', tags: ['a', ' a', 'b', ''] }, 1000);
    expect(note).toMatchObject({ text: 'hello', tags: ['a', 'b'], createdAt: 1000, updatedAt: 1000 });
    expect(note.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('know the site of the page they were taken on', () => {
    expect(pageOf('https://www.example.com/a?b', 'T')).toEqual({
      url: 'https://www.example.com/a?b',
      title: 'T',
      site: 'www.example.com',
    });
    expect(pageOf('not a url', 'T').site).toBe('');
  });
});
