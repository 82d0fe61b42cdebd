/**
 * The card that says who or what an entity is. It only renders what it is given; the content
 * script and the popup fetch the data. Everything from packs and notes is rendered as text by
 * Preact, never as HTML.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Entity, Lang } from '@/utils/knowledge/types';
import { pickLang } from '@/utils/knowledge/types';
import type { Sighting } from '@/utils/db';
import type { Note } from '@/utils/notes/model';
import { t, uiLanguage, type MessageKey } from '@/utils/i18n';

export interface EntityCardProps {
  entity: Entity;
  /** The language of the page the entity was found on; the card's texts prefer it. */
  lang: Lang;
  notes?: Note[];
  /** Other pages where the reader met the entity, most recent first (the reader's history). */
  seenOn?: Sighting[];
  /** Actions and editors shown at the bottom of the card. */
  children?: ComponentChildren;
  onClose?: () => void;
  headingId?: string;
  /** With `onPin`, the header has a pin button; a pinned card stays until it is closed. */
  pinned?: boolean;
  onPin?: () => void;
  /** Related entities, by name in the page's language; `onOpenRelated` shows one's card. */
  related?: RelatedEntity[];
  onOpenRelated?: (id: string) => void;
  /** A "back" button in the header, to the card the reader came from. */
  back?: { label: string; onBack: () => void };
}

export interface RelatedEntity {
  id: string;
  name: string;
  description?: string;
}

export function EntityCard({
  entity,
  lang,
  notes = [],
  seenOn = [],
  children,
  onClose,
  headingId,
  pinned = false,
  onPin,
  related = [],
  onOpenRelated,
  back,
}: EntityCardProps) {
  const name = pickLang(entity.labels, lang) ?? entity.id;
  const description = pickLang(entity.description, lang);
  // The related entity under the pointer or keyboard focus: its description shows beneath the list.
  const [previewed, setPreviewed] = useState<string | null>(null);
  const preview = related.find((r) => r.id === previewed && r.description);
  const previewId = `${headingId ?? 'dossier-card'}-related-preview`;
  const facts = entity.facts?.slice(0, 4) ?? [];
  return (
    <article class={`dossier-card type-${entity.type}`} data-entity-id={entity.id}>
      <header class="card-head">
        {back && (
          <button type="button" class="card-back" aria-label={t('backTo', back.label)} onClick={back.onBack}>
            <span aria-hidden="true">← </span>
            {back.label}
          </button>
        )}
        <span class="card-type">{t(`type_${entity.type}` as MessageKey)}</span>
        {(onPin || onClose) && (
          <span class="card-head-buttons">
            {onPin && (
              <button
                type="button"
                class="card-pin"
                aria-pressed={pinned}
                aria-label={t('pinCard')}
                title={pinned ? t('unpinCardHint') : t('pinCardHint')}
                onClick={onPin}
              >
                <PinIcon />
              </button>
            )}
            {onClose && (
              <button type="button" class="card-close" aria-label={t('close')} title={t('close')} onClick={onClose}>
                ×
              </button>
            )}
          </span>
        )}
      </header>
      <h2 class="card-name" id={headingId}>
        {name}
      </h2>
      {description && <p class="card-description">{description}</p>}
      {facts.length > 0 && (
        <dl class="card-facts">
          {facts.map((fact) => (
            <div class="card-fact" key={fact.key + fact.value}>
              <dt>{t(`fact_${fact.key}` as MessageKey)}</dt>
              <dd>
                {fact.value}
                {fact.asOf && <span class="card-asof"> ({t('asOf', fact.asOf)})</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {related.length > 0 && (
        <section class="card-related" aria-label={t('relatedEntities')}>
          <h3>{t('relatedEntities')}</h3>
          <ul>
            {related.map((r) => (
              <li key={r.id}>
                {onOpenRelated ? (
                  <button
                    type="button"
                    class="card-related-item"
                    data-related-id={r.id}
                    aria-describedby={preview?.id === r.id ? previewId : undefined}
                    onClick={() => onOpenRelated(r.id)}
                    onPointerEnter={() => setPreviewed(r.id)}
                    onPointerLeave={() => setPreviewed((id) => (id === r.id ? null : id))}
                    onFocus={() => setPreviewed(r.id)}
                    onBlur={() => setPreviewed((id) => (id === r.id ? null : id))}
                  >
                    {r.name}
                  </button>
                ) : (
                  <span class="card-related-item" title={r.description}>
                    {r.name}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {preview && (
            <p class="card-related-preview" id={previewId}>
              <strong>{preview.name}</strong>: {preview.description}
            </p>
          )}
        </section>
      )}
      {notes.length > 0 && (
        <section class="card-notes" aria-label={t('yourNotes')}>
          <h3>{t('yourNotes')}</h3>
          <ul>
            {notes.map((note) => (
              <li key={note.id} class="card-note">
                {note.quote && <q>{note.quote.exact}</q>}
                {note.text && <p>{note.text}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {seenOn.length > 0 && (
        <section class="card-seen" aria-label={t('alsoSeenOn')}>
          <h3>{t('alsoSeenOn')}</h3>
          <ul>
            {seenOn.map((s) => (
              <li key={s.url}>
                {isWebAddress(s.url) ? (
                  <a href={s.url} target="_blank" rel="noopener noreferrer">
                    {s.title || s.url}
                  </a>
                ) : (
                  s.title || s.url
                )}{' '}
                <span class="card-asof">
                  ({t('seenOnDate', new Date(s.lastSeen).toLocaleDateString(uiLanguage()))})
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p class="card-source">
        {t('sourcePack', [
          pickLang(entity.source.title, uiLanguage().slice(0, 2)) ?? entity.source.pack,
          entity.source.asOf,
        ])}
      </p>
      {children}
    </article>
  );
}

/** A pushpin, drawn for the card so it looks the same on every system (no emoji font needed). */
function PinIcon() {
  return (
    <svg class="card-pin-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M5.5 1.5h5l-.8 4.2 2.3 2.8H4l2.3-2.8z" />
      <path d="M8 8.5v6" />
    </svg>
  );
}

/** Only web addresses become links: a stored address must never run script when followed. */
function isWebAddress(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
