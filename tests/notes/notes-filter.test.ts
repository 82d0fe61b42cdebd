// The notes page's search and filters, written in and read back from the address.
import { describe, expect, it } from 'vitest';
import {
  entityHash,
  formatFilterHash,
  isFiltered,
  parseFilter,
  parseRoute,
  toNoteQuery,
  type NotesFilter,
} from '../../utils/notes/notes-filter';

describe('parseRoute', () => {
  it('reads the sections, and the notes when the hash is empty or unknown', () => {
    expect(parseRoute('')).toEqual({ section: 'notes', filter: { q: '' } });
    expect(parseRoute('#notes')).toEqual({ section: 'notes', filter: { q: '' } });
    expect(parseRoute('#entities')).toEqual({ section: 'entities' });
    expect(parseRoute('#knowledge')).toEqual({ section: 'knowledge' });
    expect(parseRoute('#reading')).toEqual({ section: 'reading' });
    expect(parseRoute('#nonsense')).toEqual({ section: 'notes', filter: { q: '' } });
  });

  it('reads the filter after the question mark', () => {
    expect(parseRoute('#notes?q=Au%C3%9Fenminister&tag=china')).toEqual({
      section: 'notes',
      filter: { q: 'Außenminister', tag: 'china' },
    });
  });

  it('reads an entity page, with ids that carry colons and slashes', () => {
    expect(parseRoute(entityHash('wd:Q567'))).toEqual({ section: 'entity', entityId: 'wd:Q567' });
    expect(parseRoute(entityHash('user:a/b c'))).toEqual({ section: 'entity', entityId: 'user:a/b c' });
    expect(parseRoute('#entity/%E0%A4%A')).toEqual({ section: 'notes', filter: { q: '' } });
    expect(parseRoute('#entity/')).toEqual({ section: 'notes', filter: { q: '' } });
  });
});

describe('parseFilter', () => {
  it('keeps every known filter', () => {
    expect(
      parseFilter(
        'q=nvidia+chips&entity=wd%3AQ182477&type=company&site=WWW.Spiegel.de&tag=Chips&from=2025-06-01&to=2025-06-30&sort=oldest',
      ),
    ).toEqual({
      q: 'nvidia chips',
      entity: 'wd:Q182477',
      type: 'company',
      site: 'www.spiegel.de',
      tag: 'Chips',
      from: '2025-06-01',
      to: '2025-06-30',
      sort: 'oldest',
    });
  });

  it('drops what it does not understand instead of failing', () => {
    expect(parseFilter('type=wizard&sort=random&from=2025-02-30&to=yesterday&tag=%20&colour=red')).toEqual({ q: '' });
  });
});

describe('formatFilterHash', () => {
  it('writes the plain section when nothing is set', () => {
    expect(formatFilterHash({ q: '' })).toBe('#notes');
    expect(formatFilterHash({ q: '   ' })).toBe('#notes');
  });

  it('round-trips through parseRoute, umlauts and ampersands included', () => {
    const filter: NotesFilter = {
      q: 'Müller & Söhne',
      entity: 'wd:Q567',
      type: 'person',
      site: 'tagesschau.de',
      tag: 'außen politik',
      from: '2025-01-01',
      to: '2025-12-31',
      sort: 'entity',
    };
    expect(parseRoute(formatFilterHash(filter))).toEqual({ section: 'notes', filter });
  });
});

describe('toNoteQuery', () => {
  it('bounds the dates by the first and last millisecond of the local days', () => {
    const query = toNoteQuery({ q: 'x', from: '2025-06-01', to: '2025-06-01' });
    expect(query.from).toBe(new Date(2025, 5, 1).getTime());
    expect(query.to).toBe(new Date(2025, 5, 2).getTime() - 1);
    expect(query.text).toBe('x');
  });

  it('passes the other filters and the sort through', () => {
    expect(toNoteQuery({ q: '', entity: 'e', type: 'place', site: 's.de', tag: 't', sort: 'edited' })).toEqual({
      text: '',
      entityId: 'e',
      entityType: 'place',
      site: 's.de',
      tag: 't',
      sort: 'edited',
    });
  });
});

describe('isFiltered', () => {
  it('counts words and filters, not the sort', () => {
    expect(isFiltered({ q: '' })).toBe(false);
    expect(isFiltered({ q: '', sort: 'oldest' })).toBe(false);
    expect(isFiltered({ q: ' a ' })).toBe(true);
    expect(isFiltered({ q: '', tag: 'x' })).toBe(true);
    expect(isFiltered({ q: '', to: '2025-01-01' })).toBe(true);
  });
});
