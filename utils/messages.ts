/**
 * The one protocol between the content script, the extension pages and the background. Each
 * message declares its request and response together; whatever arrives is validated against
 * `message-schemas.ts` before a handler sees it, because a content script runs inside pages we do
 * not control. (The schemas live apart so the content script does not carry the validator.)
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Direction } from './content/mention-order';
import type { Mention, PageContext } from './detect/resolve';
import type { OnlineAnswer, OnlineMatch } from './background/service';
import type { Correction, Sighting } from './db';
import type { Entity } from './knowledge/types';
import type { CorrectionInput, UserEntityInput } from './knowledge/user';
import type { Note, NoteDraft } from './notes/model';

/** The entities on a page and how often each is mentioned, as the content script knows it. */
export interface PageState {
  url: string;
  title: string;
  lang: string;
  /** 'ready' once the first scan is painted. */
  status: 'scanning' | 'ready' | 'error' | 'paused';
  /** Why reading the page failed, when it did. */
  error?: string;
  entities: { id: string; count: number }[];
  /**
   * The entities themselves, as the page got them with its marks: the popup lists them without
   * opening the database first.
   */
  known: Entity[];
}

/** Messages handled by the background. */
export interface BackgroundProtocol {
  /**
   * `url` is the page's address, where the reader's corrections apply. With `visit` (an id the
   * content script makes for each page it reads) and `title`, the entities found go into the
   * reader's history, once per visit.
   */
  detect(request: { blocks: string[]; context: PageContext; url?: string; visit?: string; title?: string }): {
    mentions: Mention[];
    context: PageContext;
    entities: Entity[];
  };
  getEntities(ids: string[]): Entity[];
  getNotes(query: { entityId?: string; url?: string }): Note[];
  saveNote(draft: NoteDraft): Note;
  /** Whether each quoted note of the page was found on it; returns how many notes were updated. */
  setNoteAnchors(request: { url: string; results: { id: string; found: boolean }[] }): number;
  /** The most recent other pages where the reader met the entity (history). */
  getSightings(request: { entityId: string; exceptUrl?: string; limit?: number }): Sighting[];
  /** Forgets the whole history of where entities were seen. */
  clearHistory(): boolean;
  /** Adds or (with an id) edits one of the reader's own entities. */
  saveEntity(input: UserEntityInput): Entity;
  deleteEntity(id: string): boolean;
  addCorrection(input: CorrectionInput): Correction;
  removeCorrection(id: string): boolean;
  /** The entity's Wikipedia summary, when online lookups are on; null otherwise. */
  getOnlineSummary(request: { entityId: string; lang: string }): OnlineAnswer | null;
  /** Wikipedia articles matching a name, when online lookups are on; none otherwise. */
  searchOnline(request: { query: string; lang: string }): OnlineMatch[];
}

/** Messages handled by the content script of a tab. */
export interface TabProtocol {
  getPageState(): PageState;
  /** Scrolls to the next mention of the entity and opens its card. */
  showEntity(entityId: string): boolean;
  /** The reader's entities or corrections changed: read the page again. */
  knowledgeChanged(): void;
  /** The reader chose "Add to Dossier" on a selection: open the entity editor with it. */
  teachSelection(text: string): boolean;
  /**
   * A keyboard shortcut: the next or previous mention on the page gets its card, with keyboard
   * focus in it. False when the page has no mentions.
   */
  moveToMention(direction: Direction): boolean;
}

export const backgroundMessaging = defineExtensionMessaging<BackgroundProtocol>();
export const tabMessaging = defineExtensionMessaging<TabProtocol>();
