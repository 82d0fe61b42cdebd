/** Notes: what a reader writes about an entity, a page, or both. */

export interface NotePage {
  url: string;
  title: string;
  /** The host name, for grouping and filtering by site. */
  site: string;
}

/** W3C Web Annotation TextQuoteSelector: the quoted text with a little context either side. */
export interface NoteQuote {
  exact: string;
  prefix: string;
  suffix: string;
  start?: number;
}

/**
 * Whether a quoted note's passage was found when its page was last read. A detached note keeps
 * everything it had: the notes page lists it as detached, and it is found again if the passage
 * comes back.
 */
export interface NoteAnchorState {
  state: 'found' | 'detached';
  checkedAt: number;
}

export interface Note {
  id: string;
  entityId?: string;
  page?: NotePage;
  quote?: NoteQuote;
  text: string;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
  /** Set by the background when the note's page was read; only notes with a quote have one. */
  anchor?: NoteAnchorState;
}

export type NoteDraft = Pick<Note, 'entityId' | 'page' | 'quote' | 'text'> & { tags?: string[] };

export function createNote(draft: NoteDraft, now = Date.now()): Note {
  const note: Note = {
    id: crypto.randomUUID(),
    text: draft.text.trim(),
    tags: [...new Set((draft.tags ?? []).map((t) => t.trim()).filter(Boolean))],
    createdAt: now,
    updatedAt: now,
  };
  if (draft.entityId) note.entityId = draft.entityId;
  if (draft.page) note.page = draft.page;
  if (draft.quote) note.quote = draft.quote;
  return note;
}

export function pageOf(url: string, title: string): NotePage {
  let site = '';
  try {
    site = new URL(url).hostname;
  } catch {
    // A page without a parseable address (about:blank) still has a title worth keeping.
  }
  return { url, title, site };
}

/** The sentence around [start, end) in `text`, as a quote with up to 32 characters of context. */
export function quoteAround(text: string, start: number, end: number): NoteQuote {
  const sentenceEnd = /[.!?…](?=\s|$)|\n/gu;
  let from = 0;
  for (const m of text.slice(0, start).matchAll(sentenceEnd)) from = m.index + m[0].length;
  sentenceEnd.lastIndex = end;
  const after = sentenceEnd.exec(text);
  const to = after ? after.index + after[0].length : text.length;
  const exactStart = from + (text.slice(from, to).length - text.slice(from, to).trimStart().length);
  const exact = text.slice(exactStart, to).trim();
  return {
    exact,
    prefix: text.slice(Math.max(0, exactStart - 32), exactStart),
    suffix: text.slice(exactStart + exact.length, exactStart + exact.length + 32),
    start: exactStart,
  };
}
