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
      hide: () => card.hide(),
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

    ctx.onInvalidated(() => {
      reader.stop();
      card.destroy();
    });

    hover.start();
    await reading;
  },
});
