/**
 * The notes page: every note, newest first, with full-text search, filters and sorting kept in the
 * address; notes are edited and tagged in place, selected to delete, tag or export together, and
 * deleted with a chance to undo. Export and import live at the bottom.
 */
import { useMemo, useState } from 'preact/hooks';
import { getDb } from '@/utils/db';
import { t } from '@/utils/i18n';
import type { EntityType } from '@/utils/knowledge/types';
import { isFiltered, toNoteQuery, type NotesFilter } from '@/utils/notes/notes-filter';
import { createNoteIndex } from '@/utils/notes/search';
import { deleteNotes, tagNotes } from '@/utils/notes/store';
import { useLiveQuery } from '@/utils/use-live-query';
import { NoteItem } from './NoteItem';
import { UndoDelete } from './UndoDelete';
import { NotesExchange } from './NotesExchange';
import { NotesFilters, type FilterChoices } from './NotesFilters';
import { allTags, displayName, entityInfo, entityNameOf, loadNotesView, type NotesView } from './notes-data';

const TAG_LIST_ID = 'note-tag-suggestions';

export interface NotesPageProps {
  filter: NotesFilter;
  onFilterChange: (filter: NotesFilter) => void;
}

export function NotesPage({ filter, onFilterChange }: NotesPageProps) {
  const { value, error } = useLiveQuery(loadNotesView, []);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [deleted, setDeleted] = useState<string[] | null>(null);
  const [bulkTag, setBulkTag] = useState('');

  // The index is rebuilt when the notes change; a few thousand notes index in milliseconds, and
  // typing a query, which happens far more often, only searches it.
  const index = useMemo(
    () =>
      value &&
      createNoteIndex((id) => {
        const entity = value.entities.get(id);
        return entity && entityInfo(entity);
      }, value.notes),
    [value],
  );
  const hits = useMemo(() => index?.search(toNoteQuery(filter)) ?? [], [index, filter]);
  const choices = useMemo(() => value && filterChoices(value, filter), [value, filter]);
  const names = useMemo(
    () => new Map(value ? [...value.entities.values()].map((e) => [e.id, displayName(e)] as const) : []),
    [value],
  );

  if (error) return <p role="alert">{error.message}</p>;
  if (!value || !choices) return null;

  const shown = hits.map((h) => h.note);
  // A selected note that was deleted elsewhere, or filtered out, is not acted on unseen.
  const selection = shown.filter((n) => selected.has(n.id));
  const allSelected = shown.length > 0 && selection.length === shown.length;
  const select = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    setSelected(next);
  };
  const remove = (ids: string[]) => {
    void deleteNotes(getDb(), ids).then(() => {
      setDeleted(ids);
      select(ids, false);
    });
  };
  const filterByTag = (tag: string) => onFilterChange({ ...filter, tag });

  return (
    <section class="notes-page" aria-labelledby="notes-heading">
      <header>
        <h1 id="notes-heading">{t('notesHeading')}</h1>
        <span class="muted notes-count" aria-live="polite">
          {isFiltered(filter)
            ? t('notesShown', [String(shown.length), String(value.notes.length)])
            : value.notes.length === 1
              ? t('notesTotalOne')
              : t('notesTotal', String(value.notes.length))}
        </span>
      </header>
      {value.notes.length === 0 ? (
        <p class="notes-empty">{t('notesEmpty')}</p>
      ) : (
        <>
          <NotesFilters filter={filter} choices={choices} onChange={onFilterChange} />
          <datalist id={TAG_LIST_ID}>
            {choices.tags.map((tag) => (
              <option key={tag} value={tag} />
            ))}
          </datalist>
          {shown.length > 0 && (
            <div class="selection-bar" role="group" aria-label={t('selectionActions')}>
              <label class="select-all">
                <input
                  type="checkbox"
                  checked={allSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = selection.length > 0 && !allSelected;
                  }}
                  onChange={(e) =>
                    select(
                      shown.map((n) => n.id),
                      e.currentTarget.checked,
                    )
                  }
                />
                {t('selectAll')}
              </label>
              {selection.length > 0 && (
                <>
                  <span class="muted">{t('selectedCount', String(selection.length))}</span>
                  <button type="button" class="button" onClick={() => remove(selection.map((n) => n.id))}>
                    {t('deleteSelected')}
                  </button>
                  <form
                    class="tag-add"
                    onSubmit={(e) => {
                      e.preventDefault();
                      if (!bulkTag.trim()) return;
                      void tagNotes(
                        getDb(),
                        selection.map((n) => n.id),
                        bulkTag,
                      ).then(() => setBulkTag(''));
                    }}
                  >
                    <input
                      type="text"
                      class="tag-input"
                      list={TAG_LIST_ID}
                      value={bulkTag}
                      placeholder={t('newTag')}
                      aria-label={t('tagSelected')}
                      onInput={(e) => setBulkTag(e.currentTarget.value)}
                    />
                    <button type="submit" class="button" disabled={!bulkTag.trim()}>
                      {t('tagSelected')}
                    </button>
                  </form>
                  <button type="button" class="link-button" onClick={() => setSelected(new Set())}>
                    {t('clearSelection')}
                  </button>
                </>
              )}
            </div>
          )}
          {shown.length === 0 ? (
            <p class="notes-empty">{t('notesNoMatch')}</p>
          ) : (
            <ul class="note-list">
              {shown.map((note) => (
                <NoteItem
                  key={note.id}
                  note={note}
                  entityName={entityNameOf(note, value.entities)}
                  selected={selected.has(note.id)}
                  onSelect={(on) => select([note.id], on)}
                  onDelete={() => remove([note.id])}
                  onTagClick={filterByTag}
                  tagListId={TAG_LIST_ID}
                />
              ))}
            </ul>
          )}
        </>
      )}
      {deleted && <UndoDelete ids={deleted} onRestored={() => setDeleted(null)} />}
      <NotesExchange
        notes={selection.length > 0 ? selection : shown}
        scope={selection.length > 0 ? 'selected' : isFiltered(filter) ? 'shown' : 'all'}
        names={names}
      />
    </section>
  );
}

/**
 * The choices the filters offer, from the notes there are. A value from the address that no note
 * has any more is offered too, so the filter that is in effect is always shown.
 */
function filterChoices(view: NotesView, filter: NotesFilter): FilterChoices {
  const entities = new Map<string, string>();
  const types = new Set<EntityType>();
  const sites = new Set<string>();
  for (const note of view.notes) {
    if (note.entityId) {
      entities.set(note.entityId, entityNameOf(note, view.entities)!);
      const type = view.entities.get(note.entityId)?.type;
      if (type) types.add(type);
    }
    if (note.page?.site) sites.add(note.page.site);
  }
  if (filter.entity && !entities.has(filter.entity)) entities.set(filter.entity, filter.entity);
  if (filter.type) types.add(filter.type);
  if (filter.site) sites.add(filter.site);
  const tags = allTags(view.notes);
  if (filter.tag && !tags.some((tag) => tag.toLowerCase() === filter.tag!.toLowerCase())) tags.push(filter.tag);
  const byName = (a: string, b: string) => a.localeCompare(b);
  return {
    entities: [...entities].map(([id, name]) => ({ id, name })).sort((a, b) => byName(a.name, b.name)),
    types: [...types].sort(),
    sites: [...sites].sort(byName),
    tags,
  };
}
