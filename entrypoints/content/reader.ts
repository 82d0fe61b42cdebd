/**
 * Reads the page: collects the article's text blocks, asks the background which entities they
 * mention, and paints the mentions with the CSS Custom Highlight API, which leaves the page's DOM
 * untouched.
 */
import { browser } from 'wxt/browser';
import { extractBlocks, type TextBlock } from '@/utils/detect/extract';
import { primaryLanguage } from '@/utils/detect/languages';
import type { PageContext } from '@/utils/detect/resolve';
import { MentionIndex } from '@/utils/content/mention-index';
import type { Entity, EntityType, Lang } from '@/utils/knowledge/types';
import { backgroundMessaging, type PageState } from '@/utils/messages';

/** Blocks go to the background in batches of about this many characters. */
const BATCH_CHARS = 200_000;

export const HIGHLIGHT_PREFIX = 'dossier-';
export const HOVER_HIGHLIGHT = 'dossier-hover';

export class PageReader {
  readonly index = new MentionIndex();
  readonly entities = new Map<string, Entity>();
  lang: Lang = 'und';
  status: PageState['status'] = 'scanning';
  error = '';
  private context: PageContext = { lang: 'und', named: [], confirmed: [] };

  async scan(): Promise<void> {
    this.status = 'scanning';
    try {
      this.lang = await pageLanguage();
      this.context = { lang: this.lang, named: [], confirmed: [] };
      const blocks = extractBlocks(document.body);
      for (const batch of batches(blocks)) {
        const result = await backgroundMessaging.sendMessage('detect', {
          blocks: batch.map((b) => b.text),
          context: this.context,
        });
        this.context = result.context;
        for (const entity of result.entities) this.entities.set(entity.id, entity);
        for (const m of result.mentions) {
          const entity = this.entities.get(m.entityId);
          if (entity) this.index.add(document, batch[m.block]!, m.start, m.end, m.entityId, entity.type);
        }
        this.paint();
      }
      this.status = 'ready';
    } catch (error) {
      this.status = 'error';
      this.error = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }

  /** One highlight per entity type, so each type has its own colour. */
  paint(): void {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    for (const [type, ranges] of this.index.rangesByType()) {
      CSS.highlights.set(highlightName(type), new Highlight(...ranges));
    }
  }

  setHovered(range: Range | null): void {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    if (range) CSS.highlights.set(HOVER_HIGHLIGHT, new Highlight(range));
    else CSS.highlights.delete(HOVER_HIGHLIGHT);
  }

  clear(): void {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    for (const name of [...CSS.highlights.keys()]) {
      if (name.startsWith(HIGHLIGHT_PREFIX)) CSS.highlights.delete(name);
    }
  }

  state(): PageState {
    return {
      url: location.href,
      title: document.title,
      lang: this.lang,
      status: this.status,
      entities: this.index.counts(),
      ...(this.error ? { error: this.error } : {}),
    };
  }
}

export function highlightName(type: EntityType): string {
  return `${HIGHLIGHT_PREFIX}${type}`;
}

function* batches(blocks: TextBlock[]): Generator<TextBlock[]> {
  let batch: TextBlock[] = [];
  let size = 0;
  for (const block of blocks) {
    batch.push(block);
    size += block.text.length;
    if (size >= BATCH_CHARS) {
      yield batch;
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

/** The page's declared language, else the browser's guess from its text. */
async function pageLanguage(): Promise<Lang> {
  const declared = primaryLanguage(document.documentElement.lang);
  if (declared !== 'und') return declared;
  try {
    const sample = (document.body.innerText ?? '').slice(0, 2000);
    const detected = await browser.i18n.detectLanguage(sample);
    const best = detected.languages.sort((a, b) => b.percentage - a.percentage)[0];
    if (detected.isReliable && best) return primaryLanguage(best.language);
  } catch {
    // Language detection is a refinement; without it names still match, only endings do not.
  }
  return 'und';
}
