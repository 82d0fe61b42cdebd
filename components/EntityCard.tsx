/**
 * The card that says who or what an entity is. It only renders what it is given; the content
 * script and the popup fetch the data. Everything from packs and notes is rendered as text by
 * Preact, never as HTML.
 */
import type { ComponentChildren } from 'preact';
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
}

export function EntityCard({ entity, lang, notes = [], seenOn = [], children, onClose, headingId }: EntityCardProps) {
  const name = pickLang(entity.labels, lang) ?? entity.id;
  const description = pickLang(entity.description, lang);
  const facts = entity.facts?.slice(0, 4) ?? [];
  return (
    <article class={`dossier-card type-${entity.type}`} data-entity-id={entity.id}>
      <header class="card-head">
        <span class="card-type">{t(`type_${entity.type}` as MessageKey)}</span>
        {onClose && (
          <button type="button" class="card-close" aria-label={t('close')} title={t('close')} onClick={onClose}>
            ×
          </button>
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

/** Only web addresses become links: a stored address must never run script when followed. */
function isWebAddress(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
