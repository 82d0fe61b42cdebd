import { CardHost, type SelectionActions } from './card-host';
import { HoverController } from './hover';
import { prefetchExtras } from './card-extras';
import { MentionNavigator } from './keyboard-nav';
import { NoteAnchors } from './note-anchors';
import { PageReader } from './reader';
import type { PageMention } from '@/utils/content/mention-index';
import { pageTextOf } from '@/utils/content/page-text';
import { extractBlocks, isInSkippedRegion } from '@/utils/detect/extract';
import { pickLang } from '@/utils/knowledge/types';
import { tabMessaging } from '@/utils/messages';
import { DEFAULT_SETTINGS, isPaused, loadSettings, watchSettings } from '@/utils/settings';
import { quoteSelectorFor } from '@/utils/notes/anchor';
import './highlights.css';
import './keyboard.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const reader = new PageReader(ctx);
    const anchors = new NoteAnchors(ctx);
    // Once the page is read (and again when it changed), the reader's quoted notes are found
    // again and painted.
    reader.onSettled = () => void anchors.refresh();
    reader.onPaletteChange = (palette) => anchors.setPalette(palette);
    const settings = await loadSettings().catch(() => DEFAULT_SETTINGS);
    reader.setMarking(settings.markStyle, settings.unmarkedTypes);
    // A paused site (or Dossier paused everywhere) is left alone until the reader resumes.
    let paused = isPaused(settings, location.href);
    // Reading starts at once; the card's shadow root is prepared meanwhile.
    const reading = paused ? Promise.resolve(reader.pause()) : reader.start();
    let hover: HoverController | null = null;
    const card = await CardHost.create(
      ctx,
      (inside) => hover?.pointerInCard(inside),
      () => hover?.pointerInPinnedCard(),
    );

    const showCard = (mention: PageMention) => {
      // The buttons beside a selection stay until the reader chooses one or selects nothing.
      if (card.adderShown) return;
      const entity = reader.entities.get(mention.entityId);
      if (entity) card.show({ mention, entity, lang: reader.lang });
    };

    hover = new HoverController(
      ctx,
      reader.index,
      {
        show: showCard,
        prefetch: (mention) => {
          const entity = reader.entities.get(mention.entityId);
          if (entity) prefetchExtras(entity);
        },
        showNotes: (passage) => {
          if (!card.adderShown) card.showNotes(passage);
        },
        hide: () => card.hideCard(),
        isOpen: () => card.isOpen,
        isBusy: () => card.busy,
        isOwnElement: (target) => card.isOwnElement(target),
        setHovered: (range) => reader.setHovered(range),
      },
      anchors,
    );
    hover.dwellMs = settings.hoverDelayMs;

    /**
     * The selected passage as a note's quote, taken from the page's readable text, with the entity
     * when the selection is a marked name or lies within one.
     */
    const noteFromSelection = (range: Range) => {
      const page = pageTextOf(extractBlocks(document.body));
      const offsets = page.offsetsOf(range);
      if (!offsets) return null;
      const quote = quoteSelectorFor(page.text, offsets.start, offsets.end);
      const passage = page.rangeAt(document, offsets.start, offsets.end) ?? range;
      const mention = reader.index.mentions.find(
        (m) =>
          m.range.compareBoundaryPoints(Range.START_TO_START, passage) <= 0 &&
          m.range.compareBoundaryPoints(Range.END_TO_END, passage) >= 0,
      );
      const entity = mention ? reader.entities.get(mention.entityId) : undefined;
      return {
        quote,
        entity: entity ? { id: entity.id, name: pickLang(entity.labels, reader.lang) ?? entity.id } : null,
      };
    };

    // The browser's shortcuts move through the marked names; each card opens with keyboard focus.
    const keyboard = new MentionNavigator({
      // A type the reader switched off is not marked, so the keyboard passes it by too.
      mentions: () => reader.index.marked,
      current: () => card.mentionInFocus,
      isShown: (mention) => card.isShowing(mention),
      open: (mention) => {
        const entity = reader.entities.get(mention.entityId);
        if (entity) card.show({ mention, entity, lang: reader.lang }, { focus: true });
      },
    });
    card.onCardsChanged = () => keyboard.cardsChanged();
    tabMessaging.onMessage('moveToMention', ({ data: direction }) => !paused && keyboard.move(direction));

    // Escape on the page closes the passing card (hover's own listener does that), or else the
    // card pinned last. Captured first, so hover's listener then finds no passing card to close.
    ctx.addEventListener(
      document,
      'keydown',
      (event) => {
        if (event.key !== 'Escape' || card.isOwnElement(event.target)) return;
        if (!card.isOpen && card.pinnedCount > 0) card.closeLastPinned();
      },
      { capture: true },
    );

    let lastShown: PageMention | null = null;
    tabMessaging.onMessage('getPageState', () => reader.state());
    tabMessaging.onMessage('showEntity', ({ data: entityId }) => {
      const mentions = reader.index.mentionsOf(entityId);
      if (mentions.length === 0) return false;
      // Each request moves on to the next mention of the entity, wrapping around.
      const current = lastShown && card.entityShown === entityId ? mentions.indexOf(lastShown) : -1;
      const next = mentions[(current + 1) % mentions.length]!;
      lastShown = next;
      next.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      reader.flash(next.range);
      showCard(next);
      return true;
    });

    // The reader's entities or corrections changed (here or in another tab): read again. An open
    // card stays, so "Undo" and "Dossier now knows…" remain in view.
    tabMessaging.onMessage('knowledgeChanged', () => void reader.restart());

    ctx.onInvalidated(
      watchSettings((settings) => {
        // How names are marked, which are, and the card's delay change on the open page at once.
        reader.setMarking(settings.markStyle, settings.unmarkedTypes);
        if (hover) hover.dwellMs = settings.hoverDelayMs;
        // A card on a name whose type is no longer marked would point at nothing visible.
        const shownType = card.entityShown ? reader.entities.get(card.entityShown)?.type : undefined;
        if (shownType && settings.unmarkedTypes.includes(shownType)) card.hide();
        const now = isPaused(settings, location.href);
        if (now === paused) return;
        paused = now;
        if (paused) {
          anchors.stop();
          card.hideAll();
          reader.pause();
        } else {
          void reader.start();
        }
      }),
    );

    tabMessaging.onMessage('teachSelection', ({ data: text }) => {
      const range = selectedRange();
      if (!range) return false;
      card.showTeach(range, text.trim() || range.toString().trim(), reader.lang);
      return true;
    });

    // A selection of the page's text gets small buttons beside it: "Add note", and "Add to
    // Dossier" when it could be a name.
    ctx.addEventListener(document, 'mouseup', (event) => {
      if (paused || card.isOwnElement(event.target)) return;
      // The selection settles after the mouseup's default action.
      ctx.setTimeout(() => {
        const selected = selectedRange();
        const text = selected?.toString().trim() ?? '';
        const container = selected?.commonAncestorContainer;
        const element = container instanceof Element ? container : container?.parentElement;
        const readable = Boolean(element) && !isInSkippedRegion(element ?? null);
        if (selected && text !== '' && text.length <= MAX_QUOTE_CHARS) {
          // A copy: the selection's own range changes as soon as the reader clicks elsewhere.
          const range = selected.cloneRange();
          const actions: SelectionActions = {
            teach: looksLikeAName(text),
            note: readable ? () => noteFromSelection(range) : null,
            onNoteSaved: (note) => anchors.add(note),
          };
          if (actions.teach || actions.note) card.showAdder(range, text, reader.lang, actions);
          else if (card.adderShown) card.hide();
        } else if (card.adderShown) card.hide();
      }, 0);
    });

    ctx.onInvalidated(() => {
      anchors.stop();
      reader.stop();
      card.destroy();
    });

    hover.start();
    await reading;
  },
});

/** The longest passage a note quotes, as the background accepts it. */
const MAX_QUOTE_CHARS = 5000;

/** The page's current selection, when there is one outside editable fields. */
function selectedRange(): Range | null {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const container = range.commonAncestorContainer;
  const element = container instanceof Element ? container : container.parentElement;
  if (element?.closest('input, textarea, [contenteditable]:not([contenteditable="false"])')) return null;
  return range;
}

/** One to six words with a letter, as a name would be; not a sentence or a paragraph. */
export function looksLikeAName(text: string): boolean {
  if (text.length < 2 || text.length > 80 || /[\n.!?]\s/.test(text)) return false;
  return /\p{L}/u.test(text) && text.split(/\s+/).length <= 6;
}
