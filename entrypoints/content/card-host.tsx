/**
 * The in-page cards: a closed shadow root the page's CSS cannot reach and its scripts cannot read,
 * with one layer per card, each placed beside its mention by Floating UI and kept there while the
 * page scrolls. One layer is the passing card (hover, a selection's buttons, an editor); cards the
 * reader pinned keep layers of their own until closed.
 */
import { autoUpdate, computePosition, flip, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import cardCss from '@/components/card.css?inline';
import { OWN_ELEMENT_ATTRIBUTE } from '@/utils/detect/extract';
import type { PageMention } from '@/utils/content/mention-index';
import { t } from '@/utils/i18n';
import type { Entity, Lang } from '@/utils/knowledge/types';
import type { Note, NoteQuote } from '@/utils/notes/model';
import { ContentCard } from './ContentCard';
import type { NotePassage } from './note-anchors';
import { NotesCard } from './NotesCard';
import { SelectionNoteCard } from './SelectionNoteCard';
import { TeachCard } from './TeachCard';

/** The shortest the card gets on a short window, in CSS pixels: its name and a few lines. */
const MIN_CARD_HEIGHT = 96;

const LAYER_CSS = `
.dossier-layer { position: fixed; top: 0; left: 0; z-index: 2147483647; width: max-content; }
.dossier-layer[hidden] { display: none; }
`;

/** One card on the page, and what it shows. */
interface Layer {
  element: HTMLDivElement;
  stopFollowing: (() => void) | null;
  /** The entity card shown, when that is what the layer shows. */
  content: CardContent | null;
  /** The notes of the passage under the pointer, when that is what the layer shows. */
  passage: NotePassage | null;
  pinned: boolean;
  /** Whether the reader is writing in the card: then it does not hide on pointer leave. */
  busy: boolean;
  /** The card was opened from the keyboard and took focus; `returnFocus` had it before. */
  viaKeyboard: boolean;
  returnFocus: HTMLElement | null;
}

export interface ShowOptions {
  /** Move keyboard focus into the card (it was opened from the keyboard). */
  focus?: boolean;
}

export interface CardContent {
  mention: PageMention;
  entity: Entity;
  lang: Lang;
}

/** What the buttons beside a selection can do with it. */
export interface SelectionActions {
  /** "Add to Dossier", for a selection that could be a name. */
  teach: boolean;
  /** "Add note": the passage as a quote, and the entity when the selection is a marked name. */
  note: (() => { quote: NoteQuote; entity: { id: string; name: string } | null } | null) | null;
  onNoteSaved: (note: Note) => void;
}

export class CardHost {
  /** The passing card: hover's, the selection's buttons, the editors. Created on first use. */
  private passing: Layer | null = null;
  /** Pinned cards, oldest first. */
  private pinned: Layer[] = [];
  /** Whether the small "Add to Dossier" button is what the passing layer shows. */
  adderShown = false;
  /** Told after a card opened, closed or changed what it shows. */
  onCardsChanged: (() => void) | null = null;

  private constructor(
    private readonly ui: ShadowRootContentScriptUi<HTMLElement>,
    private readonly onPointerInside: (inside: boolean) => void,
    private readonly onPointerInPinned: () => void,
  ) {}

  static async create(
    ctx: ContentScriptContext,
    onPointerInside: (inside: boolean) => void,
    onPointerInPinned: () => void = () => {},
  ): Promise<CardHost> {
    const ui = await createShadowRootUi<HTMLElement>(ctx, {
      name: 'dossier-card',
      mode: 'closed',
      position: 'inline',
      anchor: () => document.documentElement,
      append: 'last',
      css: cardCss + LAYER_CSS,
      // Keys typed into the note editor must not reach the page's own shortcuts.
      isolateEvents: ['keydown', 'keyup', 'keypress'],
      onMount: (container, _shadow, shadowHost) => {
        shadowHost.setAttribute(OWN_ELEMENT_ATTRIBUTE, '');
        showInTopLayer(shadowHost);
        return container;
      },
      onRemove: (container) => {
        if (container) for (const layer of Array.from(container.children)) render(null, layer);
      },
    });
    return new CardHost(ui, onPointerInside, onPointerInPinned);
  }

  /** Whether the passing card is open (pinned cards stay whatever the pointer does). */
  get isOpen(): boolean {
    return this.passing !== null && (this.passing.content !== null || this.passing.passage !== null);
  }

  /**
   * Whether the passing card must stay when the pointer leaves: the reader writes in it, or works
   * in it from the keyboard.
   */
  get busy(): boolean {
    const layer = this.passing;
    return layer !== null && (layer.busy || (layer.viaKeyboard && this.hasFocus(layer)));
  }

  get entityShown(): string | null {
    return this.passing?.content?.entity.id ?? null;
  }

  /** The mention whose card has keyboard focus, or else the passing card's mention. */
  get mentionInFocus(): PageMention | null {
    const focused = [...this.pinned, ...(this.passing ? [this.passing] : [])].find((l) => this.hasFocus(l));
    return focused?.content?.mention ?? this.passing?.content?.mention ?? null;
  }

  get pinnedCount(): number {
    return this.pinned.length;
  }

  /** Whether a card (passing or pinned) shows this mention's entity. */
  isShowing(mention: PageMention): boolean {
    return [...this.pinned, ...(this.passing ? [this.passing] : [])].some((l) => l.content?.mention === mention);
  }

  isOwnElement(target: EventTarget | null): boolean {
    return target === this.ui.shadowHost;
  }

  /** The element the layers live in, mounted on first use. */
  private container(): HTMLElement {
    if (!this.ui.mounted) this.ui.mount();
    else showInTopLayer(this.ui.shadowHost);
    return this.ui.mounted!;
  }

  /** The passing layer, created (last, so it lies above pinned cards) when there is none. */
  private passingLayer(): Layer {
    if (this.passing) return this.passing;
    const element = document.createElement('div');
    element.className = 'dossier-layer';
    element.hidden = true;
    const layer: Layer = {
      element,
      stopFollowing: null,
      content: null,
      passage: null,
      pinned: false,
      busy: false,
      viaKeyboard: false,
      returnFocus: null,
    };
    element.addEventListener('pointerenter', () => {
      if (layer.pinned) this.onPointerInPinned();
      else this.onPointerInside(true);
    });
    element.addEventListener('pointerleave', () => {
      if (!layer.pinned) this.onPointerInside(false);
    });
    this.container().append(element);
    this.passing = layer;
    return layer;
  }

  private hasFocus(layer: Layer): boolean {
    const active = this.ui.shadow.activeElement;
    return active !== null && layer.element.contains(active);
  }

  /**
   * Empties the passing layer for what comes next. Keyboard focus that was in it goes back where
   * it came from, unless the next card takes it (and then remembers that place instead).
   */
  private resetPassing(next: ShowOptions = {}): Layer {
    const layer = this.passingLayer();
    const returnFocus = this.hasFocus(layer) ? layer.returnFocus : null;
    if (returnFocus && !next.focus) restoreFocus(returnFocus);
    layer.stopFollowing?.();
    layer.stopFollowing = null;
    layer.content = null;
    layer.passage = null;
    layer.busy = false;
    layer.viaKeyboard = false;
    layer.returnFocus = next.focus ? (returnFocus ?? this.focusBefore()) : null;
    this.adderShown = false;
    this.onCardsChanged?.();
    return layer;
  }

  /** Where keyboard focus is now, to give it back when a card that takes it closes. */
  private focusBefore(): HTMLElement | null {
    const active = document.activeElement;
    if (active === this.ui.shadowHost) {
      // Focus is in one of our cards (a pinned one): it goes back to that button or card.
      const inner = this.ui.shadow.activeElement;
      return inner instanceof HTMLElement ? inner : null;
    }
    return active instanceof HTMLElement && active !== document.body ? active : null;
  }

  show(content: CardContent, options: ShowOptions = {}): void {
    // A mention with a pinned card keeps that one card: the keyboard goes to it, hover leaves it.
    const pinned = this.pinned.find((l) => l.content?.mention === content.mention);
    if (pinned) {
      if (options.focus) {
        if (this.passing && this.isOpen) this.hide();
        pinned.viaKeyboard = true;
        this.renderEntity(pinned);
        focusCard(pinned);
      }
      return;
    }
    if (this.passing?.content?.mention === content.mention) {
      if (options.focus && !this.hasFocus(this.passing)) {
        this.passing.returnFocus = this.focusBefore();
        this.passing.viaKeyboard = true;
        this.renderEntity(this.passing);
        focusCard(this.passing);
      }
      return;
    }
    const layer = this.resetPassing(options);
    layer.content = content;
    layer.viaKeyboard = options.focus ?? false;
    this.renderEntity(layer);
    this.reveal(layer, content.mention.range);
    if (options.focus) focusCard(layer);
  }

  private renderEntity(layer: Layer): void {
    const content = layer.content;
    if (!content) return;
    render(
      <ContentCard
        key={content.mention.index}
        mention={content.mention}
        entity={content.entity}
        lang={content.lang}
        pinned={layer.pinned}
        viaKeyboard={layer.viaKeyboard}
        onPin={() => this.togglePin(layer)}
        onClose={() => this.close(layer)}
        onBusyChange={(busy) => (layer.busy = busy)}
      />,
      layer.element,
    );
  }

  /**
   * Pins the passing card, which keeps its place beside its mention until closed, while hover
   * opens new passing cards; or unpins a pinned card, which becomes the passing card again.
   */
  private togglePin(layer: Layer): void {
    if (!layer.pinned) {
      if (layer !== this.passing) return;
      layer.pinned = true;
      layer.element.dataset.pinned = '';
      this.pinned.push(layer);
      this.passing = null;
      // As far as hover goes, the pointer is no longer in the passing card.
      this.onPointerInPinned();
    } else {
      if (this.passing) {
        this.close(this.passing);
        this.passing.element.remove();
      }
      this.pinned = this.pinned.filter((l) => l !== layer);
      layer.pinned = false;
      delete layer.element.dataset.pinned;
      this.passing = layer;
      this.container().append(layer.element);
      this.onPointerInside(layer.element.matches(':hover'));
    }
    this.renderEntity(layer);
  }

  /** Closes one card, passing or pinned; focus in it goes back where it was before. */
  close(layer: Layer): void {
    if (this.hasFocus(layer) && layer.returnFocus) restoreFocus(layer.returnFocus);
    layer.stopFollowing?.();
    layer.stopFollowing = null;
    render(null, layer.element);
    if (layer.pinned) {
      this.pinned = this.pinned.filter((l) => l !== layer);
      layer.element.remove();
    } else {
      layer.content = null;
      layer.passage = null;
      layer.busy = false;
      layer.viaKeyboard = false;
      layer.returnFocus = null;
      layer.element.hidden = true;
      this.adderShown = false;
    }
    this.onCardsChanged?.();
  }

  /** Escape outside the cards: the most recently pinned card closes. */
  closeLastPinned(): void {
    const last = this.pinned.at(-1);
    if (last) this.close(last);
  }

  /** The notes on a passage, while the pointer rests on it. */
  showNotes(passage: NotePassage): void {
    if (this.passing?.passage === passage) return;
    const layer = this.resetPassing();
    layer.passage = passage;
    render(<NotesCard key={passage.notes[0]?.id} notes={passage.notes} onClose={() => this.hide()} />, layer.element);
    this.reveal(layer, passage.range);
  }

  /**
   * Small buttons beside a selection: "Add to Dossier" (for what could be a name), which opens
   * the entity editor there, as the context menu's item does; and "Add note", which opens the
   * note editor with the selected passage.
   */
  showAdder(range: Range, text: string, lang: string, actions: SelectionActions): void {
    const layer = this.resetPassing();
    const note = actions.note;
    render(
      <div class="dossier-adders">
        {actions.teach && (
          <button type="button" class="dossier-adder" onClick={() => this.showTeach(range, text, lang)}>
            {t('menuAddSelection')}
          </button>
        )}
        {note && (
          <button
            type="button"
            class="dossier-adder"
            onClick={() => {
              const taken = note();
              if (taken) this.showSelectionNote(range, taken.quote, taken.entity, actions.onNoteSaved);
              else this.hide();
            }}
          >
            {t('addNote')}
          </button>
        )}
      </div>,
      layer.element,
    );
    this.adderShown = true;
    this.reveal(layer, range, 'top-start');
  }

  showSelectionNote(
    range: Range,
    quote: NoteQuote,
    entity: { id: string; name: string } | null,
    onSaved: (note: Note) => void,
  ): void {
    const layer = this.resetPassing();
    // The reader is writing: the card stays until they save, cancel or press Escape.
    layer.busy = true;
    render(
      <SelectionNoteCard
        key={`${quote.start ?? ''}:${quote.exact}`}
        quote={quote}
        entity={entity}
        onSaved={(note) => {
          layer.busy = false;
          onSaved(note);
        }}
        onClose={() => this.hide()}
      />,
      layer.element,
    );
    this.reveal(layer, range);
  }

  showTeach(range: Range, text: string, lang: string): void {
    const layer = this.resetPassing();
    // The reader is writing: the card stays until they save, cancel or press Escape.
    layer.busy = true;
    render(<TeachCard key={text} text={text} lang={lang} onClose={() => this.hide()} />, layer.element);
    this.reveal(layer, range);
  }

  /**
   * Hides the entity card, when that is what is shown: the hover logic's timers must not close
   * the "Add to Dossier" button or editor that a selection opened meanwhile.
   */
  hideCard(): void {
    if (this.isOpen) this.hide();
  }

  /** Hides the passing card; pinned cards stay. */
  hide(): void {
    this.adderShown = false;
    if (this.passing) this.close(this.passing);
  }

  /** Hides every card, pinned ones too (Dossier was paused on this site). */
  hideAll(): void {
    this.hide();
    for (const layer of [...this.pinned]) this.close(layer);
  }

  private reveal(layer: Layer, range: Range, placement: 'bottom-start' | 'top-start' = 'bottom-start'): void {
    layer.element.hidden = false;
    layer.stopFollowing?.();
    layer.stopFollowing = follow(layer.element, range, placement);
  }

  destroy(): void {
    this.hideAll();
    this.ui.remove();
  }
}

/**
 * Puts the card's host in the browser's top layer, as an always-open manual popover: a page can
 * give its own banners the highest z-index and keep moving them after our host, but the top layer
 * is painted above every z-index. The host has no size of its own (the shadow root's `:host`
 * reset undoes the popover's default box); the layer inside is placed by hand. Shown again if the
 * page hid it. Browsers without popovers keep the layer's z-index.
 */
function showInTopLayer(host: HTMLElement): void {
  if (typeof host.showPopover !== 'function' || !host.isConnected) return;
  if (host.popover !== 'manual') host.popover = 'manual';
  if (!host.matches(':popover-open')) host.showPopover();
}

/** Keeps `element` beside `range` while the page scrolls and resizes; returns how to stop. */
function follow(element: HTMLElement, range: Range, placement: 'bottom-start' | 'top-start'): () => void {
  const reference: VirtualElement = {
    getBoundingClientRect: () => range.getBoundingClientRect(),
    getClientRects: () => range.getClientRects(),
    contextElement: range.startContainer.parentElement ?? undefined,
  };
  const place = () => {
    void computePosition(reference, element, {
      strategy: 'fixed',
      placement,
      middleware: [
        offset(6),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        // On a short window the card scrolls inside itself rather than running off the screen:
        // down to a few lines' height, below which only a bigger window helps.
        size({
          padding: 8,
          apply: ({ availableHeight }) => {
            element.style.setProperty(
              '--dossier-max-height',
              `${Math.max(MIN_CARD_HEIGHT, Math.floor(availableHeight))}px`,
            );
          },
        }),
      ],
    }).then(({ x, y }) => {
      element.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    });
  };
  return autoUpdate(reference, element, place);
}

/** Puts keyboard focus on the card itself (its dialog), from where Tab reaches its buttons. */
function focusCard(layer: Layer): void {
  layer.element.querySelector<HTMLElement>('[role="dialog"]')?.focus({ preventScroll: true });
}

/** Gives focus back to an element, when it is still on the page. */
function restoreFocus(element: HTMLElement): void {
  if (element.isConnected) element.focus({ preventScroll: true });
}
