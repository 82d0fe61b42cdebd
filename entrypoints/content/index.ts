import { CardHost } from './card-host';
import { HoverController } from './hover';
import { PageReader } from './reader';
import type { PageMention } from '@/utils/content/mention-index';
import { tabMessaging } from '@/utils/messages';
import './highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const reader = new PageReader(ctx);
    // Reading starts at once; the card's shadow root is prepared meanwhile.
    const reading = reader.start();
    let hover: HoverController | null = null;
    const card = await CardHost.create(ctx, (inside) => hover?.pointerInCard(inside));

    const showCard = (mention: PageMention) => {
      const entity = reader.entities.get(mention.entityId);
      if (entity) card.show({ mention, entity, lang: reader.lang });
    };

    hover = new HoverController(ctx, reader.index, {
      show: showCard,
      hide: () => card.hideCard(),
      isOpen: () => card.isOpen,
      isBusy: () => card.busy,
      isOwnElement: (target) => card.isOwnElement(target),
      setHovered: (range) => reader.setHovered(range),
    });

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
      showCard(next);
      return true;
    });

    // The reader's entities or corrections changed (here or in another tab): read again. An open
    // card stays, so "Undo" and "Dossier now knows…" remain in view.
    tabMessaging.onMessage('knowledgeChanged', () => void reader.restart());

    tabMessaging.onMessage('teachSelection', ({ data: text }) => {
      const range = selectedRange();
      if (!range) return false;
      card.showTeach(range, text.trim() || range.toString().trim(), reader.lang);
      return true;
    });

    // A short selection that could be a name gets a small "Add to Dossier" button beside it.
    ctx.addEventListener(document, 'mouseup', (event) => {
      if (card.isOwnElement(event.target)) return;
      // The selection settles after the mouseup's default action.
      ctx.setTimeout(() => {
        const range = selectedRange();
        const text = range?.toString().trim() ?? '';
        if (range && looksLikeAName(text)) card.showAdder(range, text, reader.lang);
        else if (card.adderShown) card.hide();
      }, 0);
    });

    ctx.onInvalidated(() => {
      reader.stop();
      card.destroy();
    });

    hover.start();
    await reading;
  },
});

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
