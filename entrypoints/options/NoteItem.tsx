/**
 * One note on the notes page and on an entity's page: its entity (a link to the entity's page),
 * the page it was taken on, the quote, the text and the tags, all edited in place. It renders its
 * props; the writes go through the callbacks and the store, and the live query brings them back.
 */
import { useState } from 'preact/hooks';
import { NoteEditor } from '@/components/NoteEditor';
import { getDb } from '@/utils/db';
import { t, uiLanguage } from '@/utils/i18n';
import type { Note } from '@/utils/notes/model';
import { entityHash } from '@/utils/notes/notes-filter';
import { cleanTags, editNote, setNoteTags } from '@/utils/notes/store';

export interface NoteItemProps {
  note: Note;
  /** The entity's display name; undefined for a note on a page only. */
  entityName: string | undefined;
  /** Whether the entity link is shown: on the entity's own page it would lead nowhere. */
  linkEntity?: boolean;
  selected?: boolean;
  onSelect?: (selected: boolean) => void;
  onDelete: () => void;
  onTagClick: (tag: string) => void;
  /** The id of the datalist of existing tags, for suggestions. */
  tagListId: string;
}

const dateFormat = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });

export function NoteItem(props: NoteItemProps) {
  const { note, entityName, linkEntity = true, selected, onSelect, onDelete } = props;
  const [editing, setEditing] = useState(false);
  const label = entityName ?? note.page?.title ?? note.text.slice(0, 40);
  return (
    <li class={`note-item${selected ? ' selected' : ''}`} data-note-id={note.id}>
      <div class="note-meta">
        {onSelect && (
          <input
            type="checkbox"
            class="note-select"
            checked={selected}
            aria-label={`${t('selectNote')}: ${label}`}
            onChange={(e) => onSelect(e.currentTarget.checked)}
          />
        )}
        {entityName !== undefined &&
          (linkEntity && note.entityId ? (
            <a
              class="note-entity"
              href={entityHash(note.entityId)}
              title={t('openEntityPage', entityName)}
              data-entity-id={note.entityId}
            >
              {entityName}
            </a>
          ) : (
            <span class="note-entity">{entityName}</span>
          ))}
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
      {note.anchor?.state === 'detached' && (
        <p class="note-detached" title={t('noteDetachedHelp')}>
          {t('noteDetached')}
        </p>
      )}
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
        note.text && <p class="note-body">{note.text}</p>
      )}
      <NoteTags note={note} onTagClick={props.onTagClick} tagListId={props.tagListId} adding={!editing} />
      {!editing && (
        <div class="note-item-actions">
          <button type="button" class="button" onClick={() => setEditing(true)}>
            {t('edit')}
          </button>
          <button type="button" class="button" onClick={onDelete}>
            {t('delete')}
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * The tags as buttons that filter by them, each removable, and a field to add one with suggestions.
 * The field steps aside while the note's text is edited, so that form has the only text box.
 */
function NoteTags(props: { note: Note; onTagClick: (tag: string) => void; tagListId: string; adding: boolean }) {
  const { note, onTagClick, tagListId, adding } = props;
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);

  const save = async (tags: string[]) => {
    setError(null);
    try {
      await setNoteTags(getDb(), note.id, tags);
      return true;
    } catch (e) {
      setError(t('tagSaveFailed', e instanceof Error ? e.message : String(e)));
      return false;
    }
  };

  return (
    <div class="note-tags" role="group" aria-label={t('tagsLabel')}>
      {note.tags.map((tag) => (
        <span class="tag" key={tag}>
          <button type="button" class="tag-name" title={t('filterByTag', tag)} onClick={() => onTagClick(tag)}>
            #{tag}
          </button>
          <button
            type="button"
            class="tag-remove"
            aria-label={t('removeTag', tag)}
            title={t('removeTag', tag)}
            onClick={() => void save(note.tags.filter((x) => x !== tag))}
          >
            ×
          </button>
        </span>
      ))}
      {adding && (
        <form
          class="tag-add"
          onSubmit={(e) => {
            e.preventDefault();
            const tags = cleanTags(draft.split(','));
            if (tags.length === 0) return;
            void save([...note.tags, ...tags]).then((ok) => ok && setDraft(''));
          }}
        >
          <input
            type="text"
            class="tag-input"
            list={tagListId}
            value={draft}
            placeholder={t('addTag')}
            aria-label={t('newTag')}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit" class="button" disabled={!draft.trim()}>
            {t('addTag')}
          </button>
        </form>
      )}
      {error && (
        <p class="note-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
