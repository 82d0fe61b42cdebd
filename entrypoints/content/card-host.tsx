/**
 * The in-page card: a closed shadow root the page's CSS cannot reach and its scripts cannot read,
 * placed beside the mention by Floating UI and kept there while the page scrolls.
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
  private layer: HTMLDivElement | null = null;
  private stopFollowing: (() => void) | null = null;
  private current: CardContent | null = null;
  /** Whether the reader is writing in the card: then it does not hide on pointer leave. */
  busy = false;

  private constructor(
    private readonly ui: ShadowRootContentScriptUi<HTMLDivElement>,
    private readonly onPointerInside: (inside: boolean) => void,
  ) {}

  static async create(ctx: ContentScriptContext, onPointerInside: (inside: boolean) => void): Promise<CardHost> {
    let host: CardHost | null = null;
    const ui = await createShadowRootUi<HTMLDivElement>(ctx, {
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
        const layer = document.createElement('div');
        layer.className = 'dossier-layer';
        layer.hidden = true;
        layer.addEventListener('pointerenter', () => host?.onPointerInside(true));
        layer.addEventListener('pointerleave', () => host?.onPointerInside(false));
        container.append(layer);
        return layer;
      },
      onRemove: (layer) => {
        if (layer) render(null, layer);
      },
    });
    host = new CardHost(ui, onPointerInside);
    return host;
  }

  /** The notes of the passage under the pointer, when that is what the card shows. */
  private passage: NotePassage | null = null;

  get isOpen(): boolean {
    return this.current !== null || this.passage !== null;
  }

  get entityShown(): string | null {
    return this.current?.entity.id ?? null;
  }

  isOwnElement(target: EventTarget | null): boolean {
    return target === this.ui.shadowHost;
  }

  /** The layer the card is drawn in, mounted on first use. */
  private ensureLayer(): HTMLDivElement {
    if (!this.ui.mounted) this.ui.mount();
    else showInTopLayer(this.ui.shadowHost);
    this.layer = this.ui.mounted!;
    return this.layer;
  }

  show(content: CardContent): void {
    const layer = this.ensureLayer();
    if (this.current?.mention === content.mention) return;
    this.current = content;
    this.passage = null;
    this.busy = false;
    render(
      <ContentCard
        key={content.mention.index}
        mention={content.mention}
        entity={content.entity}
        lang={content.lang}
        onClose={() => this.hide()}
        onBusyChange={(busy) => (this.busy = busy)}
      />,
      layer,
    );
    layer.hidden = false;
    this.follow(content.mention.range);
  }

  /** The notes on a passage, while the pointer rests on it. */
  showNotes(passage: NotePassage): void {
    const layer = this.ensureLayer();
    if (this.passage === passage) return;
    this.current = null;
    this.passage = passage;
    this.adderShown = false;
    this.busy = false;
    render(<NotesCard key={passage.notes[0]?.id} notes={passage.notes} onClose={() => this.hide()} />, layer);
    layer.hidden = false;
    this.follow(passage.range);
  }

  /**
   * Small buttons beside a selection: "Add to Dossier" (for what could be a name), which opens
   * the entity editor there, as the context menu's item does; and "Add note", which opens the
   * note editor with the selected passage.
   */
  showAdder(range: Range, text: string, lang: string, actions: SelectionActions): void {
    const layer = this.ensureLayer();
    this.current = null;
    this.passage = null;
    this.busy = false;
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
      layer,
    );
    layer.hidden = false;
    this.adderShown = true;
    this.follow(range, 'top-start');
  }

  /** Whether the small "Add to Dossier" button is what the layer shows. */
  adderShown = false;

  showSelectionNote(
    range: Range,
    quote: NoteQuote,
    entity: { id: string; name: string } | null,
    onSaved: (note: Note) => void,
  ): void {
    const layer = this.ensureLayer();
    this.current = null;
    this.passage = null;
    this.adderShown = false;
    // The reader is writing: the card stays until they save, cancel or press Escape.
    this.busy = true;
    render(
      <SelectionNoteCard
        key={`${quote.start ?? ''}:${quote.exact}`}
        quote={quote}
        entity={entity}
        onSaved={(note) => {
          this.busy = false;
          onSaved(note);
        }}
        onClose={() => this.hide()}
      />,
      layer,
    );
    layer.hidden = false;
    this.follow(range);
  }

  showTeach(range: Range, text: string, lang: string): void {
    const layer = this.ensureLayer();
    this.current = null;
    this.passage = null;
    this.adderShown = false;
    // The reader is writing: the card stays until they save, cancel or press Escape.
    this.busy = true;
    render(<TeachCard key={text} text={text} lang={lang} onClose={() => this.hide()} />, layer);
    layer.hidden = false;
    this.follow(range);
  }

  /**
   * Hides the entity card, when that is what is shown: the hover logic's timers must not close
   * the "Add to Dossier" button or editor that a selection opened meanwhile.
   */
  hideCard(): void {
    if (this.current || this.passage) this.hide();
  }

  hide(): void {
    this.adderShown = false;
    this.stopFollowing?.();
    this.stopFollowing = null;
    this.current = null;
    this.passage = null;
    this.busy = false;
    if (this.layer) {
      this.layer.hidden = true;
      render(null, this.layer);
    }
  }

  private follow(range: Range, placement: 'bottom-start' | 'top-start' = 'bottom-start'): void {
    this.stopFollowing?.();
    const layer = this.layer!;
    const reference: VirtualElement = {
      getBoundingClientRect: () => range.getBoundingClientRect(),
      getClientRects: () => range.getClientRects(),
      contextElement: range.startContainer.parentElement ?? undefined,
    };
    const place = () => {
      void computePosition(reference, layer, {
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
              layer.style.setProperty(
                '--dossier-max-height',
                `${Math.max(MIN_CARD_HEIGHT, Math.floor(availableHeight))}px`,
              );
            },
          }),
        ],
      }).then(({ x, y }) => {
        layer.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      });
    };
    this.stopFollowing = autoUpdate(reference, layer, place);
  }

  destroy(): void {
    this.hide();
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
