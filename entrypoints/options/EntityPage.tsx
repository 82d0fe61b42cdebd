/**
 * One entity's page (#entity/<id>): its card, every note on it, and the pages where the reader
 * met it (the history Dossier keeps, with the pages notes were taken on). The notes are the same items as on the notes page, edited, tagged and deleted in place.
 */
import { useState } from 'preact/hooks';
import { EntityCard } from '@/components/EntityCard';
import { getDb } from '@/utils/db';
import { t, uiLanguage } from '@/utils/i18n';
import type { NotePage } from '@/utils/notes/model';
import { formatFilterHash } from '@/utils/notes/notes-filter';
import { deleteNotes, listNotes } from '@/utils/notes/store';
import { useLiveQuery } from '@/utils/use-live-query';
import { NoteItem } from './NoteItem';
import { UndoDelete } from './UndoDelete';
import { allTags, displayName } from './notes-data';

const TAG_LIST_ID = 'entity-tag-suggestions';
const seenDate = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium' });

async function loadEntity(entityId: string) {
  const db = getDb();
  const [entity, notes, seen] = await Promise.all([
    db.entities.get(entityId),
    listNotes(db),
    db.sightings.where('entityId').equals(entityId).toArray(),
  ]);
  return {
    entity,
    notes: notes.filter((n) => n.entityId === entityId),
    tags: allTags(notes),
    seen: seen.sort((a, b) => b.lastSeen - a.lastSeen),
  };
}

export function EntityPage({ entityId }: { entityId: string }) {
  const { value, error } = useLiveQuery(() => loadEntity(entityId), [entityId]);
  const [deleted, setDeleted] = useState<string[] | null>(null);
  if (error) return <p role="alert">{error.message}</p>;
  if (!value) return null;
  const { entity, notes, tags, seen } = value;
  const name = entity ? displayName(entity) : entityId;
  // Where the reader met it, most recent first, then pages notes came from that history lacks.
  const pages = new Map<string, NotePage & { lastSeen?: number }>();
  for (const s of seen) pages.set(s.url, { url: s.url, title: s.title, site: s.site, lastSeen: s.lastSeen });
  for (const note of notes) if (note.page && !pages.has(note.page.url)) pages.set(note.page.url, note.page);

  return (
    <section class="notes-page entity-page" aria-labelledby="entity-heading">
      <p>
        <a href="#notes">← {t('allNotes')}</a>
      </p>
      {entity ? (
        <EntityCard entity={entity} lang={uiLanguage().slice(0, 2)} headingId="entity-heading" />
      ) : (
        <>
          <h1 id="entity-heading">{entityId}</h1>
          <p class="muted">{t('entityMissing')}</p>
        </>
      )}
      <h2 class="section-heading">{t('entityNotesHeading', name)}</h2>
      <datalist id={TAG_LIST_ID}>
        {tags.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
      {notes.length === 0 ? (
        <p class="notes-empty">{t('entityNoNotes')}</p>
      ) : (
        <ul class="note-list">
          {notes.map((note) => (
            <NoteItem
              key={note.id}
              note={note}
              entityName={name}
              linkEntity={false}
              onDelete={() => {
                void deleteNotes(getDb(), [note.id]).then(() => setDeleted([note.id]));
              }}
              onTagClick={(tag) => {
                location.hash = formatFilterHash({ q: '', tag });
              }}
              tagListId={TAG_LIST_ID}
            />
          ))}
        </ul>
      )}
      {pages.size > 0 && (
        <>
          <h2 class="section-heading">{t('entityPagesHeading')}</h2>
          <ul class="entity-pages">
            {[...pages.values()].map((page) => (
              <li key={page.url}>
                <a href={page.url} target="_blank" rel="noreferrer noopener">
                  {page.title || page.url}
                </a>{' '}
                <span class="muted">
                  {page.site}
                  {page.lastSeen !== undefined && ` · ${seenDate.format(page.lastSeen)}`}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {deleted && <UndoDelete ids={deleted} onRestored={() => setDeleted(null)} />}
    </section>
  );
}
