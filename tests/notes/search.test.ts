import { describe, expect, it } from 'vitest';
import type { Note } from '../../utils/notes/model';
import { createNoteIndex, foldTerm, type EntityInfo, type NoteQuery } from '../../utils/notes/search';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 5, 1);

const entities: Record<string, EntityInfo> = {
  'wd:Q567': { names: ['Johann Wadephul', 'Wadephul'], type: 'person' },
  'wd:Q182477': { names: ['Nvidia', 'NVIDIA Corporation'], type: 'company' },
  'news:lizzi-lee': { names: ['Lizzi Lee'], type: 'person' },
  'wd:Q956': { names: ['Peking', 'Beijing', '北京'], type: 'place' },
};
const lookup = (id: string): EntityInfo | undefined => entities[id];

function note(id: string, fields: Partial<Note>, day: number, editedDay = day): Note {
  return { id, text: '', tags: [], createdAt: T0 + day * DAY, updatedAt: T0 + editedDay * DAY, ...fields };
}

const tagesschau = {
  url: 'https://www.tagesschau.de/a',
  title: 'Wadephul reist nach Peking',
  site: 'www.tagesschau.de',
};
const spiegel = { url: 'https://www.spiegel.de/b', title: 'Chipstreit: Nvidia unter Druck', site: 'www.spiegel.de' };
const lemonde = { url: 'https://www.lemonde.fr/c', title: 'Le président à l’Élysée', site: 'www.lemonde.fr' };

const NOTES: Note[] = [
  note(
    'minister',
    {
      entityId: 'wd:Q567',
      page: tagesschau,
      text: 'Der Außenminister trifft Wang Yi.',
      quote: { exact: 'Wadephul sprach von einem offenen Gespräch.', prefix: '', suffix: '' },
      tags: ['Diplomatie'],
    },
    1,
    8,
  ),
  note(
    'chips',
    { entityId: 'wd:Q182477', page: spiegel, text: 'Exportkontrollen für H20-Chips', tags: ['handel', 'chips'] },
    2,
  ),
  note('lee', { entityId: 'news:lizzi-lee', page: tagesschau, text: 'Quelle für die Nachfolge-Frage' }, 3),
  note('peking', { entityId: 'wd:Q956', text: 'Stadtplan merken', tags: ['Reise'] }, 4),
  note('elysee', { page: lemonde, text: 'Sánchez und Müller beim Gipfel', tags: ['EU'] }, 5),
  note('plain', { text: 'Ein Gedanke ohne Seite und ohne Entität.' }, 6),
];

function ids(query: NoteQuery, notes: Note[] = NOTES): string[] {
  return createNoteIndex(lookup, notes)
    .search(query)
    .map((hit) => hit.note.id);
}

describe('note search', () => {
  it('finds words in the text, the quote, the entity names, the page title and the tags', () => {
    expect(ids({ text: 'Wang' })).toEqual(['minister']);
    expect(ids({ text: 'offenen Gespräch' })).toEqual(['minister']);
    expect(ids({ text: 'Lizzi' })).toEqual(['lee']);
    expect(ids({ text: 'Beijing' })).toEqual(['peking']);
    expect(ids({ text: 'Chipstreit' })).toEqual(['chips']);
    expect(ids({ text: 'diplomatie' })).toEqual(['minister']);
  });

  it('finds German words however the umlauts and ß are typed', () => {
    for (const typed of ['Außenminister', 'aussenminister', 'AUSSENMINISTER', 'außenmin', 'aussenmin']) {
      expect(ids({ text: typed }), typed).toEqual(['minister']);
    }
    for (const typed of ['Müller', 'mueller', 'muller']) expect(ids({ text: typed }), typed).toEqual(['elysee']);
    expect(ids({ text: 'gesprach' })).toEqual(['minister']);
  });

  it('ignores accents', () => {
    expect(ids({ text: 'sanchez' })).toEqual(['elysee']);
    expect(ids({ text: 'Élysée' })).toEqual(['elysee']);
    expect(ids({ text: 'elysee president' })).toEqual(['elysee']);
    expect(ids({ text: 'entitat' })).toEqual(['plain']);
    expect(foldTerm('Ærø Łódź Straße')).toBe('aero lodz strasse');
  });

  it('matches prefixes and forgives a typo, but needs every word', () => {
    expect(ids({ text: 'Exportkontr' })).toEqual(['chips']);
    expect(ids({ text: 'Wadephull' })).toEqual(['minister', 'lee']);
    expect(ids({ text: 'Exportkontrolen' })).toEqual(['chips']);
    expect(ids({ text: 'Nvidia Peking' })).toEqual([]);
    expect(ids({ text: 'Wadephul Gespräch' })).toEqual(['minister']);
    expect(ids({ text: 'zzzz' })).toEqual([]);
  });

  it('ranks a match in the entity name above a match in passing', () => {
    // "Peking" is the entity of one note and only a word of the title of two others, which tie
    // and so come newest first.
    const hits = createNoteIndex(lookup, NOTES).search({ text: 'Peking' });
    expect(hits.map((h) => h.note.id)).toEqual(['peking', 'lee', 'minister']);
    expect(hits[0]!.terms).toEqual(['peking']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('filters by entity, entity type, site, tag and date', () => {
    expect(ids({ entityId: 'wd:Q182477' })).toEqual(['chips']);
    expect(ids({ entityType: 'person' })).toEqual(['lee', 'minister']);
    expect(ids({ site: 'tagesschau.de' })).toEqual(['lee', 'minister']);
    expect(ids({ site: 'www.spiegel.de' })).toEqual(['chips']);
    expect(ids({ site: 'schau.de' })).toEqual([]);
    expect(ids({ tag: 'REISE' })).toEqual(['peking']);
    expect(ids({ from: T0 + 2 * DAY, to: T0 + 4 * DAY })).toEqual(['peking', 'lee', 'chips']);
    expect(ids({ from: T0 + 7 * DAY, dateField: 'updatedAt' })).toEqual(['minister']);
    expect(ids({ text: 'Quelle', site: 'tagesschau.de', entityType: 'person' })).toEqual(['lee']);
    expect(ids({ text: 'Quelle', site: 'spiegel.de' })).toEqual([]);
  });

  it('sorts by date written, date edited or entity name', () => {
    expect(ids({})).toEqual(['plain', 'elysee', 'peking', 'lee', 'chips', 'minister']);
    expect(ids({ sort: 'oldest' })).toEqual(['minister', 'chips', 'lee', 'peking', 'elysee', 'plain']);
    expect(ids({ sort: 'edited' })).toEqual(['minister', 'plain', 'elysee', 'peking', 'lee', 'chips']);
    // Johann Wadephul, Lizzi Lee, Nvidia, Peking; then the notes without an entity, newest first.
    expect(ids({ sort: 'entity' })).toEqual(['minister', 'lee', 'chips', 'peking', 'plain', 'elysee']);
    expect(ids({ text: 'Peking', sort: 'oldest' })).toEqual(['minister', 'lee', 'peking']);
    expect(ids({ limit: 2 })).toEqual(['plain', 'elysee']);
  });

  it('follows additions, edits and removals', () => {
    const index = createNoteIndex(lookup, NOTES);
    expect(index.size).toBe(6);

    index.add(note('new', { text: 'Zollstreit mit Washington' }, 7));
    expect(index.search({ text: 'zollstreit' }).map((h) => h.note.id)).toEqual(['new']);

    index.update({ ...NOTES[1]!, text: 'Umsatzwarnung', updatedAt: T0 + 9 * DAY });
    expect(index.search({ text: 'Exportkontrollen' })).toEqual([]);
    expect(index.search({ text: 'umsatzwarnung' }).map((h) => h.note.id)).toEqual(['chips']);
    expect(index.get('chips')?.text).toBe('Umsatzwarnung');

    index.remove('minister');
    expect(index.has('minister')).toBe(false);
    expect(index.search({ text: 'aussenminister' })).toEqual([]);
    index.remove('minister');
    expect(index.size).toBe(6);

    // A note marked deleted leaves the results; restored, it comes back.
    index.update({ ...NOTES[2]!, deletedAt: T0 + 9 * DAY });
    expect(index.search({ text: 'Lizzi' })).toEqual([]);
    index.update(NOTES[2]!);
    expect(index.search({ text: 'Lizzi' }).map((h) => h.note.id)).toEqual(['lee']);

    index.clear();
    expect(index.size).toBe(0);
    expect(index.search({})).toEqual([]);
  });

  it('indexes entity names again when they change', () => {
    const names: Record<string, EntityInfo> = { 'x:a': { names: ['Alte Firma'], type: 'company' } };
    const index = createNoteIndex((id) => names[id], [note('n', { entityId: 'x:a', text: 'Notiz' }, 1)]);
    expect(index.search({ text: 'Firma' })).toHaveLength(1);
    names['x:a'] = { names: ['Neuer Konzern'], type: 'company' };
    index.refreshEntity('x:a');
    expect(index.search({ text: 'Alte' })).toEqual([]);
    expect(index.search({ text: 'Konzern' })).toHaveLength(1);
  });
});
