/**
 * The search box, filters and sort of the notes page. It only renders the filter it is given and
 * the choices the notes offer; the page keeps the filter in the address.
 */
import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '@/utils/i18n';
import type { EntityType } from '@/utils/knowledge/types';
import { isFiltered, type NotesFilter } from '@/utils/notes/notes-filter';
import type { NoteSort } from '@/utils/notes/search';

export interface FilterChoices {
  entities: { id: string; name: string }[];
  types: EntityType[];
  sites: string[];
  tags: string[];
}

export interface NotesFiltersProps {
  filter: NotesFilter;
  choices: FilterChoices;
  onChange: (filter: NotesFilter) => void;
}

const SORTS: NoteSort[] = ['relevance', 'newest', 'oldest', 'edited', 'entity'];

export function NotesFilters({ filter, choices, onChange }: NotesFiltersProps) {
  // An emptied field takes its filter out of the address instead of leaving `tag=` behind.
  const set = <K extends Exclude<keyof NotesFilter, 'q'>>(key: K, value: NotesFilter[K] | '') => {
    const next: NotesFilter = { ...filter };
    if (value === '' || value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  // A sort by relevance only means something while there are words to find.
  const sorts = filter.q.trim() ? SORTS : SORTS.filter((s) => s !== 'relevance');
  const sort = filter.sort ?? (filter.q.trim() ? 'relevance' : 'newest');
  return (
    <form class="notes-filters" role="search" aria-label={t('filtersLabel')} onSubmit={(e) => e.preventDefault()}>
      <input
        type="search"
        class="notes-search"
        value={filter.q}
        placeholder={t('searchPlaceholder')}
        aria-label={t('searchLabel')}
        onInput={(e) => onChange({ ...filter, q: e.currentTarget.value })}
      />
      <div class="filter-row">
        <Select label={t('filterEntity')} value={filter.entity} onChange={(v) => set('entity', v)}>
          {choices.entities.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </Select>
        <Select label={t('filterType')} value={filter.type} onChange={(v) => set('type', v as EntityType)}>
          {choices.types.map((type) => (
            <option key={type} value={type}>
              {t(`type_${type}` as MessageKey)}
            </option>
          ))}
        </Select>
        <Select label={t('filterSite')} value={filter.site} onChange={(v) => set('site', v)}>
          {choices.sites.map((site) => (
            <option key={site} value={site}>
              {site}
            </option>
          ))}
        </Select>
        <Select label={t('filterTag')} value={filter.tag} onChange={(v) => set('tag', v)}>
          {choices.tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </Select>
        <label class="filter">
          <span>{t('filterFrom')}</span>
          <input type="date" value={filter.from ?? ''} onChange={(e) => set('from', e.currentTarget.value)} />
        </label>
        <label class="filter">
          <span>{t('filterTo')}</span>
          <input type="date" value={filter.to ?? ''} onChange={(e) => set('to', e.currentTarget.value)} />
        </label>
        <label class="filter">
          <span>{t('sortLabel')}</span>
          <select value={sort} onChange={(e) => set('sort', e.currentTarget.value as NoteSort)}>
            {sorts.map((s) => (
              <option key={s} value={s}>
                {t(`sort_${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {isFiltered(filter) && (
          <button type="button" class="link-button" onClick={() => onChange({ q: '', sort: filter.sort })}>
            {t('clearFilters')}
          </button>
        )}
      </div>
    </form>
  );
}

function Select(props: {
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  children: ComponentChildren;
}) {
  return (
    <label class="filter">
      <span>{props.label}</span>
      <select value={props.value ?? ''} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">{t('filterAny')}</option>
        {props.children}
      </select>
    </label>
  );
}
