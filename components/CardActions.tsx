/**
 * "Copy" and "Open on Wikipedia" on a card. Copy puts the entity's name, description and source
 * on the clipboard as plain text; the Wikipedia link is built from the pack's article title, so
 * nothing is fetched until the reader follows it.
 */
import { useState } from 'preact/hooks';
import { entityAsText, wikipediaUrl } from '@/utils/knowledge/entity-links';
import type { Entity, Lang } from '@/utils/knowledge/types';
import { pickLang } from '@/utils/knowledge/types';
import { t, uiLanguage } from '@/utils/i18n';

export interface CardActionsProps {
  entity: Entity;
  lang: Lang;
}

/** The source line as the card shows it: "News pack, as of 2025-06". */
export function sourceLine(entity: Entity): string {
  return t('sourcePack', [
    pickLang(entity.source.title, uiLanguage().slice(0, 2)) ?? entity.source.pack,
    entity.source.asOf,
  ]);
}

export function CardActions({ entity, lang }: CardActionsProps) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const wikipedia = wikipediaUrl(entity, lang);
  return (
    <div class="card-tools">
      <button
        type="button"
        class="link-button"
        onClick={(event) => {
          const button = event.currentTarget;
          void copyText(entityAsText(entity, lang, sourceLine(entity)), button).then(setCopied);
        }}
      >
        {t('copyEntity')}
      </button>
      {wikipedia && (
        <a class="link-button" href={wikipedia} target="_blank" rel="noopener noreferrer">
          {t('onlineOpen')}
        </a>
      )}
      {copied !== null && (
        <span class={copied ? 'card-status' : 'note-error'} role="status">
          {copied ? t('copied') : t('copyFailed')}
        </span>
      )}
    </div>
  );
}

/**
 * Writes `text` to the clipboard. The Clipboard API is missing on pages served over plain HTTP
 * (it needs a secure context, and a content script shares the page's), so the older copy command
 * on a hidden text field beside `near` stands in there.
 */
async function copyText(text: string, near: HTMLElement): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no focus, or a page's permissions policy): the copy command may still work.
  }
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  near.after(field);
  field.select();
  let done = false;
  try {
    // Deprecated, but the only way to copy without the Clipboard API.
    done = document.execCommand('copy');
  } catch {
    done = false;
  }
  field.remove();
  near.focus();
  return done;
}
