/**
 * Taking notes out of Dossier and bringing them back. Four export formats serve four readers:
 *
 * - Dossier JSON, our own versioned format, keeps every field and is the backup to restore from;
 * - W3C Web Annotation JSON-LD lets other annotation tools read the notes, and reads back;
 * - Markdown is for people: notes grouped by entity or page, quotes as blockquotes;
 * - CSV is for spreadsheets.
 *
 * Importing reads the two JSON formats, checks every field before anything reaches the database
 * and says precisely what is wrong and where, since a file from elsewhere is untrusted input.
 * Merging is by note id, newer edit wins, and the writes happen in one transaction, so a failed
 * import leaves the notes as they were.
 */
import { z } from 'zod';
import type { DossierDB } from '../db';
import { pageOf, type Note, type NoteQuote } from './model';

/** Entity id → display name, so that exports name entities as well as identify them. */
export type EntityNames = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

export const NOTES_FILE_FORMAT = 'dossier-notes';
export const NOTES_FILE_VERSION = 1;
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Larger files are refused before they are read: no one keeps 20 MB of notes, and parsing one blocks the page. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface DossierNotesFile {
  format: typeof NOTES_FILE_FORMAT;
  version: typeof NOTES_FILE_VERSION;
  /** When the file was written, as an ISO 8601 date-time. */
  exportedAt: string;
  /** The display names of the entities the notes are about, for a person reading the file. */
  entities?: Record<string, string>;
  notes: Note[];
}

export type ExportFormat = 'dossier' | 'w3c' | 'markdown' | 'csv';

export interface ExportOptions {
  names?: EntityNames;
  /** The time of the export, for the file name and the file's own date. */
  now?: number;
  /** Markdown only: one section per entity (the default) or per page. */
  groupBy?: 'entity' | 'page';
}

export interface ExportedFile {
  filename: string;
  mimeType: string;
  text: string;
}

const FILE_TYPES: Record<ExportFormat, { extension: string; mimeType: string }> = {
  dossier: { extension: 'json', mimeType: 'application/json' },
  w3c: { extension: 'jsonld', mimeType: `application/ld+json;profile="${ANNOTATION_CONTEXT}"` },
  markdown: { extension: 'md', mimeType: 'text/markdown;charset=utf-8' },
  csv: { extension: 'csv', mimeType: 'text/csv;charset=utf-8' },
};

/**
 * The notes as a file in `format`, with a name and type for a download. Notes marked deleted are
 * left out of every format: they only wait for their undo to expire, and exporting one would bring
 * it back to life on import.
 */
export function exportNotes(format: ExportFormat, notes: readonly Note[], options: ExportOptions = {}): ExportedFile {
  const now = options.now ?? Date.now();
  const { extension, mimeType } = FILE_TYPES[format];
  const filename = `dossier-notes-${isoDay(now)}.${extension}`;
  const text =
    format === 'dossier'
      ? JSON.stringify(toDossierFile(notes, { ...options, now }), null, 2) + '\n'
      : format === 'w3c'
        ? JSON.stringify(toAnnotationCollection(notes, { ...options, now }), null, 2) + '\n'
        : format === 'markdown'
          ? toMarkdown(notes, { ...options, now })
          : toCsv(notes, options);
  return { filename, mimeType, text };
}

// ---------------------------------------------------------------------------------------------
// Dossier JSON

export function toDossierFile(notes: readonly Note[], options: ExportOptions = {}): DossierNotesFile {
  const live = notes.filter((n) => n.deletedAt === undefined);
  const file: DossierNotesFile = {
    format: NOTES_FILE_FORMAT,
    version: NOTES_FILE_VERSION,
    exportedAt: new Date(options.now ?? Date.now()).toISOString(),
    notes: live.map(cleanNote),
  };
  const entities: Record<string, string> = {};
  for (const id of new Set(live.flatMap((n) => (n.entityId ? [n.entityId] : [])))) {
    const name = nameOf(options.names, id);
    if (name !== undefined) entities[id] = name;
  }
  if (Object.keys(entities).length > 0) file.entities = entities;
  return file;
}

// ---------------------------------------------------------------------------------------------
// W3C Web Annotation

/**
 * How a note maps onto the W3C Web Annotation model (https://www.w3.org/TR/annotation-model/):
 *
 * - `id` is `urn:uuid:<note id>`; `created` and `modified` are the note's times;
 * - the note's text is a TextualBody with purpose "commenting", each tag a TextualBody with
 *   purpose "tagging", as the model prescribes for comments and tags;
 * - the entity is a SpecificResource body with purpose "identifying", the model's way of saying
 *   what the target is about, rather than a private `dossier:entity` field that other tools would
 *   ignore. Its source is the entity's IRI: the Wikidata IRI for Wikidata entities, which any
 *   linked-data tool understands, else `urn:dossier:entity:<id>`, which only Dossier reads. Its
 *   `label` (rdfs:label in the annotation context) carries the display name;
 * - the target is the page, refined by a TextQuoteSelector and, when the note knows where the
 *   quote began, a TextPositionSelector. The position counts in the text Dossier reads from the
 *   page, which need not be the whole document text another tool counts in, so the quote comes
 *   first, as the selector to rely on. The page is written `{ id: url, "dcterms:title": … }` so
 *   that its title survives the trip: `dcterms` is a prefix the annotation context declares, and
 *   the model recommends such compact IRIs for extensions;
 * - a note without a page targets its entity, and a note with neither targets itself; both read
 *   back as notes without a page.
 */
export interface W3cAnnotation {
  '@context'?: typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'commenting' | 'highlighting' | 'tagging' | 'identifying';
  created: string;
  modified: string;
  body?: W3cBody[];
  target: string | W3cResource | W3cSpecificTarget;
}

export type W3cBody =
  | { type: 'TextualBody'; purpose: 'commenting' | 'tagging'; value: string; format?: 'text/plain' }
  | { type: 'SpecificResource'; purpose: 'identifying'; source: { id: string; label?: string } };

export interface W3cResource {
  id: string;
  'dcterms:title'?: string;
}

export interface W3cSpecificTarget {
  type: 'SpecificResource';
  source: string | W3cResource;
  selector: W3cSelector[];
}

export type W3cSelector =
  | { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }
  | { type: 'TextPositionSelector'; start: number; end: number };

export interface W3cAnnotationCollection {
  '@context': typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generated: string;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: W3cAnnotation[] };
}

const WIKIDATA_ENTITY = 'http://www.wikidata.org/entity/';
const DOSSIER_ENTITY = 'urn:dossier:entity:';
const UUID_URN = 'urn:uuid:';

/** All the notes in one collection, with its single page embedded so the file stands alone. */
export function toAnnotationCollection(notes: readonly Note[], options: ExportOptions = {}): W3cAnnotationCollection {
  const items = notes.filter((n) => n.deletedAt === undefined).map((n) => toAnnotation(n, options.names));
  return {
    '@context': ANNOTATION_CONTEXT,
    id: UUID_URN + crypto.randomUUID(),
    type: 'AnnotationCollection',
    label: 'Dossier notes',
    total: items.length,
    generated: new Date(options.now ?? Date.now()).toISOString(),
    first: { id: UUID_URN + crypto.randomUUID(), type: 'AnnotationPage', startIndex: 0, items },
  };
}

export function toAnnotation(note: Note, names?: EntityNames): W3cAnnotation {
  const body: W3cBody[] = [];
  if (note.text) body.push({ type: 'TextualBody', purpose: 'commenting', value: note.text, format: 'text/plain' });
  for (const tag of note.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  if (note.entityId) {
    const name = nameOf(names, note.entityId);
    body.push({
      type: 'SpecificResource',
      purpose: 'identifying',
      source: name === undefined ? { id: entityIri(note.entityId) } : { id: entityIri(note.entityId), label: name },
    });
  }

  const annotation: W3cAnnotation = {
    id: annotationIri(note.id),
    type: 'Annotation',
    motivation: note.text ? 'commenting' : note.quote ? 'highlighting' : note.tags.length ? 'tagging' : 'identifying',
    created: new Date(note.createdAt).toISOString(),
    modified: new Date(note.updatedAt).toISOString(),
    target: '',
  };
  if (body.length > 0) annotation.body = body;

  const source: string | W3cResource = note.page
    ? note.page.title
      ? { id: note.page.url, 'dcterms:title': note.page.title }
      : { id: note.page.url }
    : note.entityId
      ? entityIri(note.entityId)
      : annotation.id;
  if (note.quote) {
    const selector: W3cSelector[] = [quoteSelector(note.quote)];
    if (note.quote.start !== undefined) {
      selector.push({
        type: 'TextPositionSelector',
        start: note.quote.start,
        end: note.quote.start + note.quote.exact.length,
      });
    }
    annotation.target = { type: 'SpecificResource', source, selector };
  } else {
    annotation.target = source;
  }
  return annotation;
}

function quoteSelector(quote: NoteQuote): W3cSelector {
  const selector: W3cSelector = { type: 'TextQuoteSelector', exact: quote.exact };
  if (quote.prefix) selector.prefix = quote.prefix;
  if (quote.suffix) selector.suffix = quote.suffix;
  return selector;
}

function annotationIri(noteId: string): string {
  // Ids Dossier made are UUIDs; one imported from another tool is already an IRI and stays one.
  return /^[a-z][a-z0-9+.-]*:/i.test(noteId) ? noteId : UUID_URN + noteId;
}

function noteIdOf(iri: string): string {
  return iri.toLowerCase().startsWith(UUID_URN) ? iri.slice(UUID_URN.length) : iri;
}

export function entityIri(entityId: string): string {
  const wikidata = /^wd:(Q\d+)$/.exec(entityId);
  if (wikidata) return WIKIDATA_ENTITY + wikidata[1]!;
  return DOSSIER_ENTITY + encodeURIComponent(entityId).replace(/%3A/gi, ':');
}

function entityIdOf(iri: string): string | undefined {
  const wikidata = /^https?:\/\/(?:www\.)?wikidata\.org\/(?:entity|wiki)\/(Q\d+)$/.exec(iri);
  if (wikidata) return `wd:${wikidata[1]!}`;
  if (!iri.startsWith(DOSSIER_ENTITY)) return undefined;
  try {
    const id = decodeURIComponent(iri.slice(DOSSIER_ENTITY.length));
    return id === '' ? undefined : id;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Markdown

/**
 * The notes as a Markdown document: one section per entity (or page), newest note first, each with
 * its quote as a blockquote. Everything that came from a note or a page is escaped, so a note
 * cannot inject links, images, HTML or headings into the document.
 */
export function toMarkdown(notes: readonly Note[], options: ExportOptions = {}): string {
  const live = notes.filter((n) => n.deletedAt === undefined);
  const byPage = options.groupBy === 'page';
  const groups = new Map<string, Note[]>();
  for (const note of live) {
    const key = (byPage ? note.page?.url : note.entityId) ?? '';
    const group = groups.get(key);
    if (group) group.push(note);
    else groups.set(key, [note]);
  }
  for (const group of groups.values()) group.sort((a, b) => b.createdAt - a.createdAt);

  const entityName = (id: string): string => nameOf(options.names, id) ?? id;
  const keys = [...groups.keys()];
  if (byPage) keys.sort((a, b) => groups.get(b)![0]!.createdAt - groups.get(a)![0]!.createdAt);
  else keys.sort((a, b) => entityName(a).localeCompare(entityName(b)));
  // The notes without an entity or a page come last, under a heading of their own.
  keys.sort((a, b) => Number(a === '') - Number(b === ''));

  const count = live.length === 1 ? '1 note' : `${live.length} notes`;
  const lines = ['# Dossier notes', '', `Exported on ${isoDay(options.now ?? Date.now())} · ${count}`];
  for (const key of keys) {
    const group = groups.get(key)!;
    let heading: string;
    if (key === '') heading = byPage ? 'Notes without a page' : 'Notes without an entity';
    else if (byPage) heading = pageLink(group[0]!.page!);
    else heading = escapeInline(entityName(key));
    lines.push('', `## ${heading}`);
    for (const note of group) {
      const about = byPage
        ? note.entityId && escapeInline(entityName(note.entityId))
        : note.page && pageLink(note.page);
      lines.push('', `### ${isoDay(note.createdAt)}${about ? ` · ${about}` : ''}`);
      if (note.quote?.exact.trim()) lines.push('', markdownBlock(note.quote.exact, '> '));
      if (note.quote && note.anchor?.state === 'detached') {
        lines.push('', `_The quoted passage was no longer on the page on ${isoDay(note.anchor.checkedAt)}._`);
      }
      if (note.text.trim()) lines.push('', markdownBlock(note.text));
      if (note.tags.length > 0) lines.push('', `Tags: ${note.tags.map(escapeInline).join(', ')}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** A link to the page when its address is a web address; any other scheme stays plain text. */
function pageLink(page: { url: string; title: string; site: string }): string {
  const label = escapeInline(page.title.trim() || page.site || page.url);
  let url: URL;
  try {
    url = new URL(page.url);
  } catch {
    return label;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return label;
  // The URL parser has percent-encoded spaces, quotes and angle brackets; parentheses and
  // backslashes are all that is left that could end the link destination early.
  const destination = url.href.replace(/[()\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${label}](${destination})`;
}

/**
 * Text as Markdown that shows exactly the text: CommonMark lets any ASCII punctuation be escaped
 * with a backslash, so the characters that start inline markup are escaped everywhere.
 */
function escapeInline(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>&!~|#$]/g, '\\$&')
    .trim();
}

/**
 * Multi-line text as Markdown paragraphs, each line prefixed (for blockquotes) and escaped: inline
 * markup everywhere, and at the start of a line the characters that would make it a list item,
 * heading, thematic break or setext underline. Leading spaces are dropped, since four of them
 * would make a code block; line breaks within a paragraph are kept as hard breaks.
 */
function markdownBlock(text: string, prefix = ''): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return paragraphs
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) =>
          escapeInline(line.trimStart())
            .replace(/^([-+=])/, '\\$1')
            .replace(/^(\d+)([.)])/, '$1\\$2'),
        )
        .map((line) => prefix + line)
        .join('\\\n'),
    )
    .join(`\n${prefix.trimEnd()}\n`);
}

// ---------------------------------------------------------------------------------------------
// CSV

const CSV_COLUMNS = [
  'id',
  'created',
  'updated',
  'entity_id',
  'entity',
  'page_title',
  'page_url',
  'site',
  'quote',
  'passage',
  'note',
  'tags',
] as const;

/**
 * The notes as RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a quote,
 * comma or line break. A cell that starts with = + - @ (or a tab or carriage return) is prefixed
 * with a single quote, so a spreadsheet shows a note such as "=HYPERLINK(…)" instead of running it.
 */
export function toCsv(notes: readonly Note[], options: Pick<ExportOptions, 'names'> = {}): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const note of notes) {
    if (note.deletedAt !== undefined) continue;
    rows.push([
      note.id,
      new Date(note.createdAt).toISOString(),
      new Date(note.updatedAt).toISOString(),
      note.entityId ?? '',
      note.entityId ? (nameOf(options.names, note.entityId) ?? '') : '',
      note.page?.title ?? '',
      note.page?.url ?? '',
      note.page?.site ?? '',
      note.quote?.exact ?? '',
      // Whether the quoted passage was found when its page was last read: found, detached or blank.
      note.quote ? (note.anchor?.state ?? '') : '',
      note.text,
      note.tags.join('; '),
    ]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

// ---------------------------------------------------------------------------------------------
// Import

export type ParseResult = { ok: true; notes: Note[]; format: 'dossier' | 'w3c' } | { ok: false; error: string };

/** Reads a Dossier JSON or W3C Web Annotation file; on failure, one message saying what and where. */
export function parseNotesFile(text: string): ParseResult {
  try {
    if (largerThan(text, MAX_IMPORT_BYTES)) {
      return {
        ok: false,
        error: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, the most Dossier imports.`,
      };
    }
    const json = text.replace(/^\uFEFF/, '');
    if (json.trim() === '') return { ok: false, error: 'The file is empty.' };
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, error: `The file is not JSON: ${truncate(reason, 160)}` };
    }
    refuseDangerousKeys(data);
    if (isRecord(data) && 'format' in data) return { ok: true, notes: readDossierFile(data), format: 'dossier' };
    if (Array.isArray(data) || (isRecord(data) && ('@context' in data || 'type' in data))) {
      return { ok: true, notes: readW3cFile(data), format: 'w3c' };
    }
    return {
      ok: false,
      error:
        'The file is neither a Dossier notes export (it has no "format": "dossier-notes") nor W3C Web Annotations (it has no "@context").',
    };
  } catch (error) {
    if (error instanceof ImportProblem) return { ok: false, error: error.message };
    throw error;
  }
}

/** A problem with the file, found at `path` inside it. */
class ImportProblem extends Error {
  constructor(path: readonly PropertyKey[], problem: string, more = 0) {
    super(
      `${formatPath(path)}: ${problem}${more > 0 ? ` (and ${more} more ${more === 1 ? 'problem' : 'problems'})` : ''}`,
    );
    this.name = 'ImportProblem';
  }
}

/**
 * JSON.parse keeps a key named "__proto__" as an ordinary property, but code that copies such an
 * object key by key (a schema library building its output, a spread, a merge) sets the copy's
 * prototype instead. No key of either format has these names, so a file with one is refused
 * before anything copies it. The walk uses its own stack, since a hostile file may nest deeply.
 */
const DANGEROUS_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Visit {
  value: unknown;
  key: PropertyKey;
  parent: Visit | undefined;
}

function refuseDangerousKeys(data: unknown): void {
  const stack: Visit[] = [{ value: data, key: '', parent: undefined }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value } = visit;
    if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => stack.push({ value: item, key: i, parent: visit }));
    } else if (isRecord(value)) {
      for (const key of Object.keys(value)) {
        const child: Visit = { value: value[key], key, parent: visit };
        if (DANGEROUS_KEYS.has(key)) throw new ImportProblem(pathOf(child), `a key named "${key}" is not allowed`);
        stack.push(child);
      }
    }
  }
}

function pathOf(visit: Visit): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.unshift(at.key);
  return path;
}

// Dossier JSON ---------------------------------------------------------------------------------

const nonEmpty = z.string().min(1, 'must not be empty');
const timestamp = z.number().int().nonnegative('must not be negative');
const isoDateTime = z
  .string()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
    'expected a date-time such as "2025-06-01T12:00:00Z"',
  );

const noteSchema = z.strictObject({
  id: nonEmpty,
  entityId: nonEmpty.optional(),
  page: z.strictObject({ url: z.string(), title: z.string(), site: z.string() }).optional(),
  quote: z
    .strictObject({
      exact: z.string(),
      prefix: z.string(),
      suffix: z.string(),
      start: z.number().int().nonnegative('must not be negative').optional(),
    })
    .optional(),
  text: z.string(),
  tags: z.array(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
  deletedAt: timestamp.optional(),
  anchor: z.strictObject({ state: z.enum(['found', 'detached']), checkedAt: timestamp }).optional(),
});

const dossierFileSchema = z.strictObject({
  format: z.literal(NOTES_FILE_FORMAT),
  version: z.literal(NOTES_FILE_VERSION),
  exportedAt: isoDateTime,
  entities: z.record(z.string(), z.string()).optional(),
  notes: z.array(noteSchema),
});

function readDossierFile(data: Record<string, unknown>): Note[] {
  if (data.format === NOTES_FILE_FORMAT && typeof data.version === 'number' && data.version > NOTES_FILE_VERSION) {
    throw new ImportProblem(
      ['version'],
      `this file is version ${data.version}, from a newer Dossier; this one reads version ${NOTES_FILE_VERSION}`,
    );
  }
  const file = check(dossierFileSchema, data, []);
  const notes = file.notes.map((n) => cleanNote(n));
  refuseDuplicateIds(notes, (i) => ['notes', i, 'id']);
  return notes;
}

// W3C Web Annotation -------------------------------------------------------------------------

/**
 * W3C annotations are read by the model's rules rather than only as Dossier writes them, so that
 * annotations from other tools come in too: a body or target may be one value or a list, unknown
 * properties are ignored (the model says consumers must ignore them), and selectors other than
 * the text quote and position (CSS, XPath, ranges) are skipped, since the quote alone finds the
 * passage again. What Dossier cannot keep is refused with its place in the file rather than
 * dropped: bodies other than text and entities, several targets, entities it does not know.
 */
function readW3cFile(data: unknown[] | Record<string, unknown>): Note[] {
  const annotations: { value: unknown; path: PropertyKey[] }[] = [];
  if (Array.isArray(data)) {
    data.forEach((value, i) => {
      if (isRecord(value)) requireContext(value, [i]);
      annotations.push({ value, path: [i] });
    });
  } else {
    requireContext(data, []);
    const type = check(z.string(), data.type, ['type']);
    if (type === 'Annotation') {
      annotations.push({ value: data, path: [] });
    } else if (type === 'AnnotationPage') {
      pushItems(data, [], annotations);
    } else if (type === 'AnnotationCollection') {
      if (data.first === undefined) {
        if (data.total !== 0) throw new ImportProblem(['first'], 'missing: the collection has no page of annotations');
      } else if (typeof data.first === 'string') {
        throw new ImportProblem(
          ['first'],
          'the annotations are on a separate page; Dossier reads collections with their page embedded',
        );
      } else {
        const first = check(z.record(z.string(), z.unknown()), data.first, ['first']);
        if (first.next !== undefined) {
          throw new ImportProblem(['first', 'next'], 'the collection continues on pages that are not in this file');
        }
        pushItems(first, ['first'], annotations);
      }
    } else {
      throw new ImportProblem(
        ['type'],
        `expected "Annotation", "AnnotationPage" or "AnnotationCollection", got ${shown(type)}`,
      );
    }
  }
  const notes = annotations.map(({ value, path }) => readAnnotation(value, path));
  refuseDuplicateIds(notes, (i) => [...annotations[i]!.path, 'id']);
  return notes;
}

function requireContext(data: Record<string, unknown>, path: PropertyKey[]): void {
  const context = data['@context'];
  const contexts: unknown[] = Array.isArray(context) ? context : [context];
  const known = contexts.some((c) => c === ANNOTATION_CONTEXT || c === ANNOTATION_CONTEXT.replace('http:', 'https:'));
  if (!known) throw new ImportProblem([...path, '@context'], `expected "${ANNOTATION_CONTEXT}"`);
}

function pushItems(
  page: Record<string, unknown>,
  path: PropertyKey[],
  into: { value: unknown; path: PropertyKey[] }[],
): void {
  const items = check(z.array(z.unknown()), page.items, [...path, 'items']);
  items.forEach((value, i) => into.push({ value, path: [...path, 'items', i] }));
}

const annotationSchema = z.object({
  id: nonEmpty,
  type: z.unknown().refine((t) => t === 'Annotation' || (Array.isArray(t) && t.includes('Annotation')), {
    message: 'expected "Annotation"',
  }),
  created: isoDateTime,
  modified: isoDateTime.optional(),
  bodyValue: z.string().optional(),
});
const purposeSchema = z.union([z.string(), z.array(z.string())]).optional();
const textualBodySchema = z.object({ type: z.literal('TextualBody'), value: z.string(), purpose: purposeSchema });
const resourceSchema = z.object({ id: nonEmpty, 'dcterms:title': z.string().optional() });
const identifyingBodySchema = z.object({ type: z.literal('SpecificResource'), purpose: purposeSchema });
const quoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string(),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});
const positionSelectorSchema = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().nonnegative('must not be negative'),
    end: z.number().int().nonnegative('must not be negative'),
  })
  .refine((s) => s.end >= s.start, { message: 'end must not come before start', path: ['end'] });

function readAnnotation(value: unknown, path: PropertyKey[]): Note {
  const annotation = check(annotationSchema, value, path);
  const raw = value as Record<string, unknown>;
  const createdAt = Date.parse(annotation.created);
  const note: Note = {
    id: noteIdOf(annotation.id),
    text: '',
    tags: [],
    createdAt,
    updatedAt: annotation.modified === undefined ? createdAt : Date.parse(annotation.modified),
  };

  const texts: string[] = annotation.bodyValue === undefined ? [] : [annotation.bodyValue];
  let entityIriFound: string | undefined;
  for (const [body, bodyPath] of oneOrMany(raw.body, [...path, 'body'])) {
    if (!isRecord(body))
      throw new ImportProblem(bodyPath, `expected a TextualBody or SpecificResource, got ${shown(body)}`);
    if (body.type === 'TextualBody') {
      const textual = check(textualBodySchema, body, bodyPath);
      if (purposesOf(textual.purpose).includes('tagging')) note.tags.push(textual.value.trim());
      else texts.push(textual.value);
    } else if (body.type === 'SpecificResource') {
      const identifying = check(identifyingBodySchema, body, bodyPath);
      if (!purposesOf(identifying.purpose).includes('identifying')) {
        throw new ImportProblem([...bodyPath, 'purpose'], 'expected "identifying": Dossier keeps entities, not links');
      }
      const iri = resourceIri(body.source, [...bodyPath, 'source']);
      const entityId = entityIdOf(iri);
      if (entityId === undefined) {
        throw new ImportProblem(
          [...bodyPath, 'source'],
          `${shown(iri)} is not an entity Dossier knows (a Wikidata IRI or ${DOSSIER_ENTITY}…)`,
        );
      }
      if (note.entityId !== undefined && note.entityId !== entityId) {
        throw new ImportProblem(bodyPath, 'a second entity: a Dossier note is about one entity');
      }
      note.entityId = entityId;
      entityIriFound = iri;
    } else {
      throw new ImportProblem(
        [...bodyPath, 'type'],
        `expected "TextualBody" or "SpecificResource", got ${body.type === undefined ? 'nothing' : shown(body.type)}`,
      );
    }
  }
  note.text = texts.join('\n\n');
  note.tags = [...new Set(note.tags.filter(Boolean))];

  readTarget(raw.target, [...path, 'target'], note, [entityIriFound, annotation.id]);
  return cleanNote(note);
}

/** Sets the note's page and quote from the target; `notPages` are the IRIs that mean "no page". */
function readTarget(target: unknown, path: PropertyKey[], note: Note, notPages: (string | undefined)[]): void {
  if (target === undefined) throw new ImportProblem(path, 'missing: an annotation needs a target');
  const targets = oneOrMany(target, path);
  if (targets.length !== 1) {
    throw new ImportProblem(path, `a Dossier note is on one page; this annotation has ${targets.length} targets`);
  }
  const [only, onlyPath] = targets[0]!;
  let source: unknown = only;
  let sourcePath = onlyPath;
  let selectors: [unknown, PropertyKey[]][] = [];
  if (isRecord(only) && 'source' in only) {
    source = only.source;
    sourcePath = [...onlyPath, 'source'];
    selectors = oneOrMany(only.selector, [...onlyPath, 'selector']);
  }
  const url = resourceIri(source, sourcePath);
  if (!notPages.includes(url)) {
    const title = isRecord(source) ? check(resourceSchema, source, sourcePath)['dcterms:title'] : undefined;
    note.page = pageOf(url, title ?? '');
  }

  let quote: NoteQuote | undefined;
  let start: number | undefined;
  for (const [selector, selectorPath] of selectors) {
    if (!isRecord(selector)) throw new ImportProblem(selectorPath, `expected a selector, got ${shown(selector)}`);
    if (selector.type === 'TextQuoteSelector') {
      if (quote) throw new ImportProblem(selectorPath, 'a second TextQuoteSelector: a Dossier note keeps one quote');
      const q = check(quoteSelectorSchema, selector, selectorPath);
      quote = { exact: q.exact, prefix: q.prefix ?? '', suffix: q.suffix ?? '' };
    } else if (selector.type === 'TextPositionSelector') {
      start = check(positionSelectorSchema, selector, selectorPath).start;
    }
  }
  if (quote) {
    if (start !== undefined) quote.start = start;
    note.quote = quote;
  }
}

/** The IRI of a resource written either as a string or as an object with an id. */
function resourceIri(value: unknown, path: PropertyKey[]): string {
  if (typeof value === 'string') return check(nonEmpty, value, path);
  if (isRecord(value)) return check(resourceSchema, value, path).id;
  throw new ImportProblem(path, `expected an IRI or an object with an "id", got ${shown(value)}`);
}

/** The model lets most properties be one value or a list; this is always a list, with paths. */
function oneOrMany(value: unknown, path: PropertyKey[]): [unknown, PropertyKey[]][] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map((item: unknown, i) => [item, [...path, i]]);
  return [[value, path]];
}

function purposesOf(purpose: string | string[] | undefined): string[] {
  return purpose === undefined ? [] : Array.isArray(purpose) ? purpose : [purpose];
}

// Checking and messages ----------------------------------------------------------------------

function check<T>(schema: z.ZodType<T>, value: unknown, path: readonly PropertyKey[]): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  throw new ImportProblem([...path, ...first!.path], describeIssue(first!), rest.length);
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return issue.input === undefined
        ? `missing (expected ${expected})`
        : `expected ${expected}, got ${shown(issue.input)}`;
    }
    case 'unrecognized_keys':
      return `unexpected ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value': {
      const expected = issue.values.map((v) => JSON.stringify(v)).join(' or ');
      return issue.input === undefined
        ? `missing (expected ${expected})`
        : `expected ${expected}, got ${shown(issue.input)}`;
    }
    case 'too_small':
      if (issue.origin === 'number') return `${issue.message}, got ${shown(issue.input)}`;
      return issue.message;
    default:
      return issue.message;
  }
}

/** A value as a message shows it: short strings and numbers as they are, the rest by kind. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(truncate(value, 40));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'a list';
  if (value === undefined) return 'nothing';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** A path in the file as a reader finds it: `notes[3].createdAt`. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'The file';
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$@][\w$:@-]*$/.test(key)) text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

function refuseDuplicateIds(notes: readonly Note[], pathOfId: (index: number) => PropertyKey[]): void {
  const seen = new Map<string, number>();
  notes.forEach((note, i) => {
    const earlier = seen.get(note.id);
    if (earlier !== undefined) {
      throw new ImportProblem(pathOfId(i), `${shown(note.id)} is also the id of ${formatPath(pathOfId(earlier))}`);
    }
    seen.set(note.id, i);
  });
}

// ---------------------------------------------------------------------------------------------
// Merging

export interface ImportPlan {
  /** Notes the database does not have. */
  add: Note[];
  /** Newer versions of notes the database has. */
  update: Note[];
  /** Notes the database already has in the same or a newer version. */
  unchanged: number;
}

/**
 * What importing `incoming` into `existing` would change. A note is the same note by id, and of
 * two versions the one edited last (`updatedAt`) is kept; on a tie the version already here
 * stays, so importing the same file twice changes nothing.
 */
export function planImport(existing: readonly Note[], incoming: readonly Note[]): ImportPlan {
  const current = new Map(existing.map((n) => [n.id, n]));
  const newest = new Map<string, Note>();
  for (const note of incoming) {
    const other = newest.get(note.id);
    if (!other || note.updatedAt > other.updatedAt) newest.set(note.id, note);
  }
  const plan: ImportPlan = { add: [], update: [], unchanged: incoming.length - newest.size };
  for (const note of newest.values()) {
    const here = current.get(note.id);
    if (!here) plan.add.push(note);
    else if (note.updatedAt > here.updatedAt) plan.update.push(note);
    else plan.unchanged += 1;
  }
  return plan;
}

export interface ImportResult {
  added: number;
  updated: number;
  /** Notes of the plan left alone because they were edited here after the plan was made. */
  kept: number;
}

/**
 * Writes the plan in one read-write transaction on the notes: if any write fails, the transaction
 * aborts and no note changes. The newer-wins rule is checked again inside the transaction, so an
 * edit made while the reader was looking at the plan is not overwritten by an older import.
 */
export async function applyImport(db: DossierDB, plan: ImportPlan): Promise<ImportResult> {
  const incoming = [...plan.add, ...plan.update];
  return db.transaction('rw', db.notes, async () => {
    const current = await db.notes.bulkGet(incoming.map((n) => n.id));
    const result: ImportResult = { added: 0, updated: 0, kept: 0 };
    const writes: Note[] = [];
    incoming.forEach((note, i) => {
      const here = current[i];
      if (here && here.updatedAt >= note.updatedAt) {
        result.kept += 1;
        return;
      }
      writes.push(note);
      if (here) result.updated += 1;
      else result.added += 1;
    });
    await db.notes.bulkPut(writes);
    return result;
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

function nameOf(names: EntityNames | undefined, id: string): string | undefined {
  if (!names) return undefined;
  if (names instanceof Map) return (names as ReadonlyMap<string, string>).get(id);
  const record = names as Readonly<Record<string, string>>;
  // An own property only: an entity id such as "constructor" must not find Object's.
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/** A note with exactly the fields of the model, in their order, and no others. */
function cleanNote(note: Note): Note {
  const clean: Note = {
    id: note.id,
    text: note.text,
    tags: [...note.tags],
    createdAt: note.createdAt,
    updatedAt: note.updatedAt,
  };
  if (note.entityId !== undefined) clean.entityId = note.entityId;
  if (note.page) clean.page = { url: note.page.url, title: note.page.title, site: note.page.site };
  if (note.quote) {
    clean.quote = { exact: note.quote.exact, prefix: note.quote.prefix, suffix: note.quote.suffix };
    if (note.quote.start !== undefined) clean.quote.start = note.quote.start;
  }
  if (note.deletedAt !== undefined) clean.deletedAt = note.deletedAt;
  // Only a quote has a passage to find; an anchor state without one means nothing.
  if (note.anchor && note.quote) clean.anchor = { state: note.anchor.state, checkedAt: note.anchor.checkedAt };
  return clean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/** Whether `text` takes more than `limit` bytes in UTF-8, counting no further than needed. */
function largerThan(text: string, limit: number): boolean {
  // Every code unit is at least one byte and at most three, so most texts need no counting.
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  let size = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) size += 1;
    else if (code < 0x800) size += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      size += 4;
      i += 1;
    } else size += 3;
    if (size > limit) return true;
  }
  return false;
}
