/**
 * The notes page: every note, newest first, with its entity, the page it was taken on and the
 * quoted sentence; notes are edited in place and deleted with a chance to undo.
 */
import { useState } from 'preact/hooks';
import { NoteEditor } from '@/components/NoteEditor';
import { getDb } from '@/utils/db';
import { t, uiLanguage } from '@/utils/i18n';
import { pickLang, type Entity } from '@/utils/knowledge/types';
import type { Note } from '@/utils/notes/model';
import { deleteNote, editNote, listNotes, restoreNote } from '@/utils/notes/store';
import { useLiveQuery } from '@/utils/use-live-query';

interface NotesView {
  notes: Note[];
  entities: Map<string, Entity>;
}

async function loadNotes(): Promise<NotesView> {
  const db = getDb();
  const notes = await listNotes(db);
  const ids = [...new Set(notes.flatMap((n) => (n.entityId ? [n.entityId] : [])))];
  const entities = new Map((await db.entities.bulkGet(ids)).flatMap((e) => (e ? [[e.id, e] as const] : [])));
  return { notes, entities };
}

export function NotesPage() {
  const { value, error } = useLiveQuery(loadNotes, []);
  const [deleted, setDeleted] = useState<Note | null>(null);
  return (
    <section class="notes-page" aria-labelledby="notes-heading">
      <header>
        <h1 id="notes-heading">{t('notesHeading')}</h1>
        {value && <span class="muted">{value.notes.length}</span>}
      </header>
      {error && <p role="alert">{error.message}</p>}
      {value && value.notes.length === 0 && <p class="notes-empty">{t('notesEmpty')}</p>}
      {value && value.notes.length > 0 && (
        <ul class="note-list">
          {value.notes.map((note) => (
            <NoteItem
              key={note.id}
              note={note}
              entity={note.entityId ? value.entities.get(note.entityId) : undefined}
              onDelete={() => {
                void deleteNote(getDb(), note.id).then(() => setDeleted(note));
              }}
            />
          ))}
        </ul>
      )}
      {deleted && (
        <div class="notes-status" role="status">
          <span>{t('noteDeleted')}</span>
          <button
            type="button"
            class="link-button"
            onClick={() => {
              void restoreNote(getDb(), deleted.id).then(() => setDeleted(null));
            }}
          >
            {t('undo')}
          </button>
        </div>
      )}
    </section>
  );
}

const dateFormat = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });

function NoteItem(props: { note: Note; entity: Entity | undefined; onDelete: () => void }) {
  const { note, entity, onDelete } = props;
  const [editing, setEditing] = useState(false);
  const entityName = note.entityId ? (entity ? pickLang(entity.labels, uiLanguage()) : t('unknownEntity')) : null;
  return (
    <li class="note-item" data-note-id={note.id}>
      <div class="note-meta">
        {entityName && <span class="note-entity">{entityName}</span>}
        {note.page && (
          <a href={note.page.url} target="_blank" rel="noreferrer noopener" class="note-page">
            {note.page.title || note.page.url}
          </a>
        )}
        <span>
          {t('createdAt', dateFormat.format(note.createdAt))}
          {note.updatedAt > note.createdAt && ` · ${t('updatedAt', dateFormat.format(note.updatedAt))}`}
        </span>
      </div>
      {note.quote && <blockquote>{note.quote.exact}</blockquote>}
      {editing ? (
        <NoteEditor
          initialText={note.text}
          saveLabel={t('save')}
          onCancel={() => setEditing(false)}
          onSave={async (text) => {
            await editNote(getDb(), note.id, text);
            setEditing(false);
          }}
        />
      ) : (
        <>
          {note.text && <p class="note-body">{note.text}</p>}
          <div class="note-item-actions">
            <button type="button" class="button" onClick={() => setEditing(true)}>
              {t('edit')}
            </button>
            <button type="button" class="button" onClick={onDelete}>
              {t('delete')}
            </button>
          </div>
        </>
      )}
    </li>
  );
}
