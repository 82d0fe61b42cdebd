/**
 * The reader's quoted notes on this page, found again and painted: the background is asked for
 * the page's notes (the content script never opens IndexedDB), each quote is anchored in the
 * page's readable text, also when the text was edited a little since, and the passages get their
 * own highlight. Whether each passage was found is told to the background, so the notes page can
 * list the notes whose passage is gone as detached.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { extractBlocks } from '@/utils/detect/extract';
import type { Palette } from '@/utils/content/mark-look';
import { pointInRange } from '@/utils/content/mention-index';
import { pageTextOf } from '@/utils/content/page-text';
import { backgroundMessaging } from '@/utils/messages';
import { anchorQuote } from '@/utils/notes/anchor';
import type { Note } from '@/utils/notes/model';

export const NOTE_HIGHLIGHT = 'dossier-note';
/** On a dark page the passages get a dimmer gold, under which light text stays readable. */
export const DARK_NOTE_HIGHLIGHT = 'dossier-dark-note';

/** One passage on the page and the notes quoting it. */
export interface NotePassage {
  notes: Note[];
  range: Range;
}

const hasHighlights = () => typeof CSS !== 'undefined' && 'highlights' in CSS;

export class NoteAnchors {
  private url = '';
  private notes: Note[] | null = null;
  private passages: NotePassage[] = [];
  private highlight: Highlight | null = null;
  /** What the background was last told for each note, so a live page does not write each time. */
  private reported = new Map<string, boolean>();
  private running: Promise<void> | null = null;
  private again = false;
  private name = NOTE_HIGHLIGHT;

  constructor(ctx: ContentScriptContext) {
    // The highlight registry is the page's, which may clear it: register ours again if so.
    ctx.setInterval(() => {
      if (this.highlight && hasHighlights() && !CSS.highlights.has(this.name)) {
        CSS.highlights.set(this.name, this.highlight);
      }
    }, 2000);
  }

  /** Follows the page's brightness, as the reader measured it for the marks of names. */
  setPalette(palette: Palette): void {
    const name = palette === 'dark' ? DARK_NOTE_HIGHLIGHT : NOTE_HIGHLIGHT;
    if (name === this.name) return;
    if (hasHighlights()) CSS.highlights.delete(this.name);
    this.name = name;
    if (this.highlight && hasHighlights()) CSS.highlights.set(this.name, this.highlight);
  }

  /** Anchors the page's notes again; calls made while it runs are folded into one more run. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.anchor();
        } catch {
          // The notes stay in the database; the page is only not marked this time.
        }
      } while (this.again);
    })().finally(() => (this.running = null));
    return this.running;
  }

  /** A note just taken on this page: painted at once. */
  add(note: Note): void {
    if (!note.quote || note.page?.url !== this.url || !this.notes) return;
    this.notes = [note, ...this.notes];
    void this.refresh();
  }

  /** The passage under the pointer at (x, y), given the caret position there. */
  at(node: Node | null, offset: number, x: number, y: number): NotePassage | null {
    if (!node) return null;
    for (const passage of this.passages) {
      try {
        if (passage.range.isPointInRange(node, offset) && pointInRange(passage.range, x, y)) return passage;
      } catch {
        // A node of another document (an iframe's) is in no passage of this page.
      }
    }
    return null;
  }

  private async anchor(): Promise<void> {
    const url = location.href;
    if (url !== this.url) {
      this.url = url;
      this.notes = null;
      this.reported.clear();
    }
    this.notes ??= (await backgroundMessaging.sendMessage('getNotes', { url })).filter((n) => n.quote);
    if (this.url !== url) return;
    if (this.notes.length === 0) {
      this.paint([]);
      return;
    }
    const page = pageTextOf(extractBlocks(document.body));
    const byPlace = new Map<string, NotePassage>();
    const results: { id: string; found: boolean }[] = [];
    for (const note of this.notes) {
      const anchor = anchorQuote(page.text, note.quote!);
      const range = anchor && page.rangeAt(document, anchor.start, anchor.end);
      if (range) {
        const key = `${anchor.start}:${anchor.end}`;
        const passage = byPlace.get(key);
        if (passage) passage.notes.push(note);
        else byPlace.set(key, { notes: [note], range });
      }
      if (this.reported.get(note.id) !== Boolean(range)) results.push({ id: note.id, found: Boolean(range) });
    }
    this.paint([...byPlace.values()]);
    if (results.length > 0) {
      await backgroundMessaging.sendMessage('setNoteAnchors', { url, results });
      for (const r of results) this.reported.set(r.id, r.found);
    }
  }

  private paint(passages: NotePassage[]): void {
    this.passages = passages;
    if (!hasHighlights()) return;
    if (passages.length === 0) {
      this.highlight = null;
      CSS.highlights.delete(this.name);
      return;
    }
    this.highlight = new Highlight(...passages.map((p) => p.range));
    // Under the marks of names: a name inside a noted passage keeps its own underline on top.
    this.highlight.priority = -1;
    CSS.highlights.set(this.name, this.highlight);
  }

  stop(): void {
    this.passages = [];
    this.highlight = null;
    if (hasHighlights()) CSS.highlights.delete(this.name);
  }
}
