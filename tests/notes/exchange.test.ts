import { describe, expect, it } from 'vitest';
import type { DossierDB } from '../../utils/db';
import {
  ANNOTATION_CONTEXT,
  applyImport,
  exportNotes,
  MAX_IMPORT_BYTES,
  parseNotesFile,
  planImport,
  toAnnotationCollection,
  toCsv,
  toDossierFile,
  toMarkdown,
  type ImportPlan,
  type W3cAnnotation,
} from '../../utils/notes/exchange';
import type { Note } from '../../utils/notes/model';
import { freshDb } from '../helpers/db';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 5, 1, 9, 30, 15, 123);

const page = {
  url: 'https://www.tagesschau.de/wirtschaft/nvidia-china-100.html',
  title: 'Nvidia und China: Streit um H20-Chips',
  site: 'www.tagesschau.de',
};

/** One note of each shape the model allows. */
function sampleNotes(): Note[] {
  return [
    {
      id: '0b5e1f5c-1d7e-4d43-9a53-6f0e7c2b8a01',
      entityId: 'news:lizzi-lee',
      page,
      quote: {
        exact: 'Laut Lizzi Lee sehen Politiker in Peking Huang als Nachfolger.',
        prefix: 'am Montag mit Vertretern getroffen. ',
        suffix: ' Die Exportkontrollen für H20-Chips',
        start: 120,
      },
      text: 'Quelle prüfen.\nZweite Zeile.',
      tags: ['china', 'quelle'],
      createdAt: T0,
      updatedAt: T0 + DAY,
      anchor: { state: 'found', checkedAt: T0 + DAY },
    },
    {
      id: '1c6f2a6d-2e8f-4e54-8b64-7a1f8d3c9b02',
      entityId: 'wd:Q182477',
      page,
      text: 'Nvidia-Umsatz im Blick behalten',
      tags: [],
      createdAt: T0 + 2 * DAY,
      updatedAt: T0 + 2 * DAY,
    },
    {
      id: '2d7a3b7e-3f9a-4f65-9c75-8b2a9e4dac03',
      entityId: 'wd:Q182477',
      text: 'A note on the entity alone, from the popup.',
      tags: ['chips'],
      createdAt: T0 + 3 * DAY,
      updatedAt: T0 + 3 * DAY,
    },
    {
      id: '3e8b4c8f-4a0b-4a76-8d86-9c3b0f5ebd04',
      page: { url: 'https://example.org/a?b=1&c=(2)', title: '', site: 'example.org' },
      quote: { exact: 'A quote kept without a word of comment.', prefix: '', suffix: '' },
      text: '',
      tags: [],
      createdAt: T0 + 4 * DAY,
      updatedAt: T0 + 4 * DAY,
      // The page changed since: the passage is gone, the note stays.
      anchor: { state: 'detached', checkedAt: T0 + 8 * DAY },
    },
    {
      id: '4f9c5d9a-5b1c-4b87-9e97-ad4c1a6fce05',
      text: 'Neither page nor entity.',
      tags: [],
      createdAt: T0 + 5 * DAY,
      updatedAt: T0 + 6 * DAY,
    },
  ];
}

const deleted: Note = {
  id: '5a0d6eab-6c2d-4c98-8fa8-be5d2b7adf06',
  entityId: 'news:lizzi-lee',
  text: 'deleted, waiting for its undo to expire',
  tags: [],
  createdAt: T0,
  updatedAt: T0,
  deletedAt: T0 + DAY,
};

const names = new Map([
  ['news:lizzi-lee', 'Lizzi Lee'],
  ['wd:Q182477', 'Nvidia'],
]);

function dossierJson(notes: unknown): string {
  return JSON.stringify({ format: 'dossier-notes', version: 1, exportedAt: '2025-06-01T00:00:00.000Z', notes });
}

function expectError(text: string, message: string | RegExp): void {
  const result = parseNotesFile(text);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toMatch(message);
}

/** What the notes page does with a file: read it, plan, and write the plan. */
async function importFile(db: DossierDB, text: string): Promise<string | undefined> {
  const parsed = parseNotesFile(text);
  if (!parsed.ok) return parsed.error;
  await applyImport(db, planImport(await db.notes.toArray(), parsed.notes));
  return undefined;
}

describe('Dossier JSON export', () => {
  it('writes every field of every live note, versioned, with the entity names', () => {
    const file = toDossierFile([...sampleNotes(), deleted], { names, now: T0 });
    expect(file).toEqual({
      format: 'dossier-notes',
      version: 1,
      exportedAt: '2025-06-01T09:30:15.123Z',
      entities: { 'news:lizzi-lee': 'Lizzi Lee', 'wd:Q182477': 'Nvidia' },
      notes: sampleNotes(),
    });
  });

  it('comes as a named, typed file', () => {
    const file = exportNotes('dossier', sampleNotes(), { now: T0 });
    expect(file.filename).toBe('dossier-notes-2025-06-01.json');
    expect(file.mimeType).toBe('application/json');
    expect(JSON.parse(file.text)).toMatchObject({ format: 'dossier-notes', version: 1 });
    expect(exportNotes('w3c', [], { now: T0 })).toMatchObject({
      filename: 'dossier-notes-2025-06-01.jsonld',
      mimeType: `application/ld+json;profile="${ANNOTATION_CONTEXT}"`,
    });
    expect(exportNotes('markdown', [], { now: T0 }).filename).toBe('dossier-notes-2025-06-01.md');
    expect(exportNotes('csv', [], { now: T0 }).filename).toBe('dossier-notes-2025-06-01.csv');
  });
});

describe('W3C Web Annotation export', () => {
  const collection = toAnnotationCollection([...sampleNotes(), deleted], { names, now: T0 });
  const [full, withoutQuote, entityOnly, quoteOnly, bare] = collection.first.items as [
    W3cAnnotation,
    W3cAnnotation,
    W3cAnnotation,
    W3cAnnotation,
    W3cAnnotation,
  ];

  it('is an annotation collection with its page of live notes embedded', () => {
    expect(collection).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      total: 5,
      generated: '2025-06-01T09:30:15.123Z',
      first: { type: 'AnnotationPage', startIndex: 0 },
    });
    expect(collection.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(collection.first.items).toHaveLength(5);
  });

  it('writes a note as an annotation: text, tags, entity, page and quote', () => {
    expect(full).toEqual({
      id: 'urn:uuid:0b5e1f5c-1d7e-4d43-9a53-6f0e7c2b8a01',
      type: 'Annotation',
      motivation: 'commenting',
      created: '2025-06-01T09:30:15.123Z',
      modified: '2025-06-02T09:30:15.123Z',
      body: [
        { type: 'TextualBody', purpose: 'commenting', value: 'Quelle prüfen.\nZweite Zeile.', format: 'text/plain' },
        { type: 'TextualBody', purpose: 'tagging', value: 'china' },
        { type: 'TextualBody', purpose: 'tagging', value: 'quelle' },
        {
          type: 'SpecificResource',
          purpose: 'identifying',
          source: { id: 'urn:dossier:entity:news:lizzi-lee', label: 'Lizzi Lee' },
        },
      ],
      target: {
        type: 'SpecificResource',
        source: { id: page.url, 'dcterms:title': page.title },
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: 'Laut Lizzi Lee sehen Politiker in Peking Huang als Nachfolger.',
            prefix: 'am Montag mit Vertretern getroffen. ',
            suffix: ' Die Exportkontrollen für H20-Chips',
          },
          { type: 'TextPositionSelector', start: 120, end: 182 },
        ],
      },
    });
  });

  it('names Wikidata entities by their Wikidata IRI and targets the right thing when a part is missing', () => {
    expect(withoutQuote.body).toContainEqual({
      type: 'SpecificResource',
      purpose: 'identifying',
      source: { id: 'http://www.wikidata.org/entity/Q182477', label: 'Nvidia' },
    });
    expect(withoutQuote.target).toEqual({ id: page.url, 'dcterms:title': page.title });
    expect(entityOnly.target).toBe('http://www.wikidata.org/entity/Q182477');
    expect(quoteOnly).toMatchObject({
      motivation: 'highlighting',
      target: { source: { id: 'https://example.org/a?b=1&c=(2)' } },
    });
    expect(quoteOnly.body).toBeUndefined();
    expect(bare.target).toBe(bare.id);
  });
});

describe('Markdown export', () => {
  it('groups the notes by entity, newest first, with quotes as blockquotes', () => {
    const markdown = toMarkdown([...sampleNotes(), deleted], { names, now: T0 });
    expect(markdown).toBe(
      [
        '# Dossier notes',
        '',
        'Exported on 2025-06-01 · 5 notes',
        '',
        '## Lizzi Lee',
        '',
        '### 2025-06-01 · [Nvidia und China: Streit um H20-Chips](https://www.tagesschau.de/wirtschaft/nvidia-china-100.html)',
        '',
        '> Laut Lizzi Lee sehen Politiker in Peking Huang als Nachfolger.',
        '',
        'Quelle prüfen.\\',
        'Zweite Zeile.',
        '',
        'Tags: china, quelle',
        '',
        '## Nvidia',
        '',
        '### 2025-06-04',
        '',
        'A note on the entity alone, from the popup.',
        '',
        'Tags: chips',
        '',
        '### 2025-06-03 · [Nvidia und China: Streit um H20-Chips](https://www.tagesschau.de/wirtschaft/nvidia-china-100.html)',
        '',
        'Nvidia-Umsatz im Blick behalten',
        '',
        '## Notes without an entity',
        '',
        '### 2025-06-06',
        '',
        'Neither page nor entity.',
        '',
        '### 2025-06-05 · [example.org](https://example.org/a?b=1&c=%282%29)',
        '',
        '> A quote kept without a word of comment.',
        '',
        '_The quoted passage was no longer on the page on 2025-06-09._',
        '',
      ].join('\n'),
    );
  });

  it('can group by page instead', () => {
    const markdown = toMarkdown(sampleNotes(), { names, now: T0, groupBy: 'page' });
    const headings = markdown.split('\n').filter((line) => line.startsWith('#'));
    expect(headings).toEqual([
      '# Dossier notes',
      '## [example.org](https://example.org/a?b=1&c=%282%29)',
      '### 2025-06-05',
      '## [Nvidia und China: Streit um H20-Chips](https://www.tagesschau.de/wirtschaft/nvidia-china-100.html)',
      '### 2025-06-03 · Nvidia',
      '### 2025-06-01 · Lizzi Lee',
      '## Notes without a page',
      '### 2025-06-06',
      '### 2025-06-04 · Nvidia',
    ]);
  });

  it('escapes note text, quotes, titles and names so none of them can inject markup', () => {
    const hostile: Note = {
      id: 'x',
      entityId: 'news:evil',
      page: { url: 'javascript:alert(1)', title: '[Click me](https://evil.example) <b>', site: '' },
      quote: { exact: '> not a nested quote\n# not a heading', prefix: '', suffix: '' },
      text: [
        '<script>alert(1)</script> &lt; ![pixel](https://evil.example/p.png) [link](https://evil.example)',
        '# not a heading',
        '- not a list',
        '1. not a numbered list',
        '===',
        '    not code',
        '```',
        '| not | a table |',
        '*not emphasis* _nor this_ `nor code`',
      ].join('\n'),
      tags: ['<img src=x onerror=alert(1)>'],
      createdAt: T0,
      updatedAt: T0,
    };
    const markdown = toMarkdown([hostile], { names: { 'news:evil': '## Evil <i>' }, now: T0 });
    const lines = markdown.split('\n');
    expect(lines).toContain('## \\#\\# Evil \\<i\\>');
    // A page address that is not a web address is shown, never linked.
    expect(lines).toContain('### 2025-06-01 · \\[Click me\\](https://evil.example) \\<b\\>');
    expect(lines).toContain('> \\> not a nested quote\\');
    expect(lines).toContain('> \\# not a heading');
    expect(lines).toContain(
      '\\<script\\>alert(1)\\</script\\> \\&lt; \\!\\[pixel\\](https://evil.example/p.png) \\[link\\](https://evil.example)\\',
    );
    expect(lines).toContain('\\# not a heading\\');
    expect(lines).toContain('\\- not a list\\');
    expect(lines).toContain('1\\. not a numbered list\\');
    expect(lines).toContain('\\===\\');
    expect(lines).toContain('not code\\');
    expect(lines).toContain('\\`\\`\\`\\');
    expect(lines).toContain('\\| not \\| a table \\|\\');
    expect(lines).toContain('\\*not emphasis\\* \\_nor this\\_ \\`nor code\\`');
    expect(lines).toContain('Tags: \\<img src=x onerror=alert(1)\\>');
    // Nothing of the hostile input survives unescaped.
    expect(markdown).not.toMatch(/(?<!\\)[<[]/);
    expect(markdown).not.toContain('javascript:');
  });
});

describe('CSV export', () => {
  it('writes a header and one RFC 4180 record per live note, each ended by CRLF', () => {
    const csv = toCsv([...sampleNotes(), deleted], { names });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,created,updated,entity_id,entity,page_title,page_url,site,quote,passage,note,tags');
    expect(lines[1]).toBe(
      '0b5e1f5c-1d7e-4d43-9a53-6f0e7c2b8a01,2025-06-01T09:30:15.123Z,2025-06-02T09:30:15.123Z,news:lizzi-lee,Lizzi Lee,' +
        'Nvidia und China: Streit um H20-Chips,https://www.tagesschau.de/wirtschaft/nvidia-china-100.html,' +
        'www.tagesschau.de,Laut Lizzi Lee sehen Politiker in Peking Huang als Nachfolger.,found,"Quelle prüfen.\nZweite Zeile.",' +
        'china; quelle',
    );
    expect(lines).toHaveLength(7);
    expect(lines[6]).toBe('');
    expect(lines[5]).toBe(
      '4f9c5d9a-5b1c-4b87-9e97-ad4c1a6fce05,2025-06-06T09:30:15.123Z,2025-06-07T09:30:15.123Z,,,,,,,,Neither page nor entity.,',
    );
  });

  it('quotes fields with quotes, commas and line breaks, and disarms formulas', () => {
    const note: Note = {
      id: 'n1',
      text: 'He said "no", then left',
      tags: ['=cmd|"/c calc"!A1', '+1'],
      quote: { exact: '=HYPERLINK("https://evil.example","click")', prefix: '', suffix: '' },
      page: { url: 'https://example.org/', title: '-2+3', site: 'example.org' },
      entityId: 'news:x',
      createdAt: T0,
      updatedAt: T0,
    };
    const [, row] = toCsv([note], { names: { 'news:x': '@SUM(A1:A2)' } }).split('\r\n');
    expect(row).toBe(
      [
        'n1',
        '2025-06-01T09:30:15.123Z',
        '2025-06-01T09:30:15.123Z',
        'news:x',
        "'@SUM(A1:A2)",
        "'-2+3",
        'https://example.org/',
        'example.org',
        `"'=HYPERLINK(""https://evil.example"",""click"")"`,
        // A quote never looked for yet: its passage state is blank.
        '',
        '"He said ""no"", then left"',
        `"'=cmd|""/c calc""!A1; +1"`,
      ].join(','),
    );
  });
});

describe('import', () => {
  it('reads back a Dossier JSON export as the same notes', () => {
    const result = parseNotesFile(exportNotes('dossier', [...sampleNotes(), deleted], { names }).text);
    expect(result).toEqual({ ok: true, format: 'dossier', notes: sampleNotes() });
  });

  it('keeps the deletion mark of a note in a Dossier file', () => {
    expect(parseNotesFile(dossierJson([deleted]))).toEqual({ ok: true, format: 'dossier', notes: [deleted] });
  });

  it('reads back a W3C export as the same notes', () => {
    const result = parseNotesFile(exportNotes('w3c', sampleNotes(), { names }).text);
    // The Web Annotation model has no place for whether Dossier found a passage: Dossier JSON keeps that.
    const withoutAnchors = sampleNotes().map(({ anchor: _anchor, ...note }) => note);
    expect(result).toEqual({ ok: true, format: 'w3c', notes: withoutAnchors });
  });

  it('reads W3C annotations from other tools, in the forms the model allows', () => {
    const annotation = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'http://example.com/annotations/1',
      type: 'Annotation',
      created: '2025-06-01T12:00:00+02:00',
      creator: { type: 'Person', name: 'Ada' },
      bodyValue: 'A comment',
      target: {
        source: 'https://example.com/article',
        selector: [
          { type: 'CssSelector', value: '#main > p:nth-child(2)' },
          { type: 'TextQuoteSelector', exact: 'the passage' },
        ],
      },
    };
    expect(parseNotesFile(JSON.stringify(annotation))).toEqual({
      ok: true,
      format: 'w3c',
      notes: [
        {
          id: 'http://example.com/annotations/1',
          page: { url: 'https://example.com/article', title: '', site: 'example.com' },
          quote: { exact: 'the passage', prefix: '', suffix: '' },
          text: 'A comment',
          tags: [],
          createdAt: Date.UTC(2025, 5, 1, 10),
          updatedAt: Date.UTC(2025, 5, 1, 10),
        },
      ],
    });

    const list = [
      { ...annotation, id: 'urn:uuid:abc', bodyValue: undefined, body: { type: 'TextualBody', value: 'x' } },
    ];
    const read = parseNotesFile(JSON.stringify(list));
    expect(read.ok && read.notes[0]).toMatchObject({ id: 'abc', text: 'x' });

    const page = { '@context': ANNOTATION_CONTEXT, type: 'AnnotationPage', items: [annotation] };
    expect(parseNotesFile(JSON.stringify(page))).toMatchObject({ ok: true, notes: [{ text: 'A comment' }] });
  });

  describe('refuses a malformed file with a message saying what is wrong and where', () => {
    const [a, b, c, d] = sampleNotes() as [Note, Note, Note, Note];

    it('not JSON, empty, or too large', () => {
      expectError('{"format": "dossier-notes",', /^The file is not JSON: /);
      expectError('   ', 'The file is empty.');
      expectError('name,text\nx,y', /^The file is not JSON/);
      expectError(' '.repeat(MAX_IMPORT_BYTES + 1), 'The file is larger than 20 MB, the most Dossier imports.');
      // Counted in bytes, as the file is stored: 7 million three-byte characters are 21 MB.
      expectError(JSON.stringify('€'.repeat(7_000_000)), /larger than 20 MB/);
    });

    it('neither format, or the wrong format or version', () => {
      expectError('[1, 2]', '[0]: expected an object, got 1');
      expectError('{"notes": []}', /neither a Dossier notes export .* nor W3C Web Annotations/);
      expectError('"notes"', /neither a Dossier notes export/);
      expectError(
        JSON.stringify({ format: 'evernote', version: 1, exportedAt: '2025-06-01T00:00:00Z', notes: [] }),
        'format: expected "dossier-notes", got "evernote"',
      );
      expectError(
        JSON.stringify({ format: 'dossier-notes', version: 2, exportedAt: '2025-06-01T00:00:00Z', notes: [] }),
        'version: this file is version 2, from a newer Dossier; this one reads version 1',
      );
      expectError(
        JSON.stringify({ format: 'dossier-notes', version: 1, notes: [] }),
        'exportedAt: missing (expected a string)',
      );
    });

    it('missing fields, wrong types and unknown fields', () => {
      const { text: _text, ...withoutText } = b;
      expectError(dossierJson([a, withoutText]), /^notes\[1\]\.text: missing \(expected a string\)$/);
      expectError(dossierJson([{ ...a, anchor: { state: 'lost', checkedAt: T0 } }]), /^notes\[0\]\.anchor\.state: /);
      expectError(
        dossierJson([a, b, c, { ...d, createdAt: 'yesterday' }]),
        'notes[3].createdAt: expected a number, got "yesterday"',
      );
      expectError(dossierJson([{ ...a, createdAt: 1.5 }]), /^notes\[0\]\.createdAt: expected a whole number/);
      expectError(dossierJson([{ ...a, tags: 'china' }]), 'notes[0].tags: expected a list, got "china"');
      expectError(
        dossierJson([{ ...a, quote: { ...a.quote, start: -3 } }]),
        'notes[0].quote.start: must not be negative',
      );
      expectError(dossierJson([{ ...a, page: null }]), 'notes[0].page: expected an object, got null');
      expectError(dossierJson([{ ...a, colour: 'red' }]), 'notes[0]: unexpected field "colour"');
      expectError(dossierJson([{ ...a, id: '' }]), 'notes[0].id: must not be empty');
      expectError(dossierJson([a, b, { ...c, id: a.id }]), `notes[2].id: "${a.id}" is also the id of notes[0].id`);
      expectError(
        dossierJson([
          { ...a, text: 1 },
          { ...b, text: 2 },
        ]),
        '(and 1 more problem)',
      );
    });

    it('W3C annotations Dossier cannot keep', () => {
      const valid = toAnnotationCollection([a], { names });
      const annotation = valid.first.items[0]!;
      const file = (changes: Record<string, unknown>): string =>
        JSON.stringify({ ...valid, first: { ...valid.first, items: [{ ...annotation, ...changes }] } });

      expectError(
        JSON.stringify({ ...valid, '@context': 'https://schema.org' }),
        '@context: expected "http://www.w3.org/ns/anno.jsonld"',
      );
      expectError(file({ created: 'June 1st' }), /^first\.items\[0\]\.created: expected a date-time/);
      expectError(file({ target: undefined }), 'first.items[0].target: missing: an annotation needs a target');
      expectError(file({ target: [page.url, 'https://example.org/'] }), /^first\.items\[0\]\.target: .* 2 targets$/);
      expectError(
        file({ body: [{ type: 'Image', id: 'https://example.org/cat.png' }] }),
        'first.items[0].body[0].type: expected "TextualBody" or "SpecificResource", got "Image"',
      );
      expectError(
        file({ body: { type: 'SpecificResource', purpose: 'identifying', source: 'https://example.org/who' } }),
        /^first\.items\[0\]\.body\.source: "https:\/\/example\.org\/who" is not an entity Dossier knows/,
      );
      expectError(
        file({ body: [{ type: 'TextualBody' }] }),
        'first.items[0].body[0].value: missing (expected a string)',
      );
      expectError(
        JSON.stringify({ ...valid, first: 'https://example.org/page/1' }),
        /^first: the annotations are on a separate page/,
      );
      expectError(
        JSON.stringify({ ...valid, type: 'Collection' }),
        'type: expected "Annotation", "AnnotationPage" or "AnnotationCollection", got "Collection"',
      );
    });

    it('keys that would pollute prototypes, without polluting anything', () => {
      const attempts = [
        `{"format":"dossier-notes","version":1,"exportedAt":"2025-06-01T00:00:00Z","entities":{"__proto__":{"polluted":"yes"}},"notes":[]}`,
        dossierJson([{ ...a }]).replace('"text":', '"__proto__":{"polluted":"yes"},"text":'),
        dossierJson([{ ...a, page: { constructor: { prototype: { polluted: 'yes' } } } }]),
        `[{"@context":"${ANNOTATION_CONTEXT}","__proto__":{"polluted":"yes"}}]`,
      ];
      const messages = attempts.map((text) => {
        const result = parseNotesFile(text);
        return result.ok ? 'accepted' : result.error;
      });
      expect(messages).toEqual([
        'entities.__proto__: a key named "__proto__" is not allowed',
        'notes[0].__proto__: a key named "__proto__" is not allowed',
        'notes[0].page.constructor: a key named "constructor" is not allowed',
        '[0].__proto__: a key named "__proto__" is not allowed',
      ]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      // The same words as values are ordinary text.
      expect(parseNotesFile(dossierJson([{ ...a, text: '__proto__', tags: ['constructor'] }])).ok).toBe(true);
    });

    it('and leaves the database as it was', async () => {
      const db = freshDb();
      await db.notes.bulkAdd(sampleNotes());
      const before = await db.notes.toArray();
      for (const text of [
        'nope',
        dossierJson([{ ...a, text: 5 }]),
        dossierJson([{ ...a, updatedAt: T0 + 9 * DAY }, { id: 'half' }]),
      ]) {
        expect(await importFile(db, text)).toEqual(expect.any(String));
      }
      expect(await db.notes.toArray()).toEqual(before);
      db.close();
    });
  });
});

describe('merging', () => {
  const [a, b, c] = sampleNotes() as [Note, Note, Note];

  it('adds new notes, takes newer versions and keeps the rest', () => {
    const existing = [a, b, c];
    const newerA = { ...a, text: 'edited elsewhere', updatedAt: a.updatedAt + 1 };
    const olderB = { ...b, text: 'an old version', updatedAt: b.updatedAt - 1 };
    const sameC = { ...c, text: 'same time, other text' };
    const fresh: Note = { ...c, id: 'new-note', text: 'new' };
    expect(planImport(existing, [newerA, olderB, sameC, fresh])).toEqual({
      add: [fresh],
      update: [newerA],
      unchanged: 2,
    });
  });

  it('takes the newest of several versions of one note in the same import', () => {
    const v2 = { ...a, updatedAt: a.updatedAt + 2 };
    const v1 = { ...a, updatedAt: a.updatedAt + 1 };
    expect(planImport([a], [v2, v1])).toEqual({ add: [], update: [v2], unchanged: 1 });
  });

  it('changes nothing when the same file is imported twice', async () => {
    const db = freshDb();
    const text = exportNotes('w3c', sampleNotes(), { names }).text;
    expect(await importFile(db, text)).toBeUndefined();
    const once = await db.notes.toArray();
    expect(once).toHaveLength(5);
    const parsed = parseNotesFile(text);
    expect(parsed.ok && planImport(once, parsed.notes)).toEqual({ add: [], update: [], unchanged: 5 });
    db.close();
  });

  it('writes the plan in one transaction', async () => {
    const db = freshDb();
    await db.notes.bulkAdd([a, b]);
    const newerA = { ...a, text: 'edited elsewhere', updatedAt: a.updatedAt + 1 };
    const result = await applyImport(db, planImport([a, b], [newerA, b, c]));
    expect(result).toEqual({ added: 1, updated: 1, kept: 0 });
    expect(await db.notes.get(a.id)).toEqual(newerA);
    expect(await db.notes.get(c.id)).toEqual(c);
    db.close();
  });

  it('changes nothing at all when one write fails', async () => {
    const db = freshDb();
    await db.notes.bulkAdd([a, b]);
    const before = await db.notes.toArray();
    // A note IndexedDB cannot store, last in the plan, after writes that would succeed.
    const plan: ImportPlan = {
      add: [{ ...c, id: 'fine' }],
      update: [
        { ...a, text: 'newer', updatedAt: a.updatedAt + 1 },
        { ...b, text: (() => 'a function') as unknown as string, updatedAt: b.updatedAt + 1 },
      ],
      unchanged: 0,
    };
    await expect(applyImport(db, plan)).rejects.toThrow();
    expect(await db.notes.toArray()).toEqual(before);
    db.close();
  });

  it('does not overwrite an edit made after the plan was made', async () => {
    const db = freshDb();
    await db.notes.add(a);
    const plan = planImport([a], [{ ...a, text: 'imported', updatedAt: a.updatedAt + 1 }]);
    await db.notes.update(a.id, { text: 'edited meanwhile', updatedAt: a.updatedAt + 5 });
    expect(await applyImport(db, plan)).toEqual({ added: 0, updated: 0, kept: 1 });
    expect((await db.notes.get(a.id))?.text).toBe('edited meanwhile');
    db.close();
  });
});
