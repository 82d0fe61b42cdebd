/**
 * The notes page, which is also the extension's options page: the reader's notes, their own
 * entities, what Dossier knows (the packs, the import's progress, the reader's corrections), and
 * how names are marked while reading. Each part has its own address (#notes, #entities, #knowledge,
 * #reading, and #entity/<id> for one entity's page), and the notes' search and filters are kept in
 * it (#notes?q=…), so links and reloads keep them.
 */
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';
import { formatFilterHash, parseRoute, type NotesFilter, type OptionsRoute } from '@/utils/notes/notes-filter';
import { requestPersistentStorage } from '@/utils/persistent-storage';
import { EntitiesPanel } from './EntitiesPanel';
import { EntityPage } from './EntityPage';
import { KnowledgePanel } from './KnowledgePanel';
import { NotesPage } from './NotesPage';
import { ReadingPanel } from './ReadingPanel';

const SECTIONS = ['notes', 'entities', 'knowledge', 'reading'] as const;

export function OptionsApp() {
  const [route, setRoute] = useState<OptionsRoute>(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    // The notes are the one thing here the reader cannot download again. A refusal is the
    // browser's ordinary answer and needs no message: the notes are kept as before.
    void requestPersistentStorage();
  }, []);
  const changeFilter = (filter: NotesFilter) => {
    // Replacing the entry rather than pushing one keeps typing a search from filling the history.
    history.replaceState(null, '', formatFilterHash(filter));
    setRoute({ section: 'notes', filter });
  };
  const section = route.section;
  return (
    <div class="options-app">
      <nav class="options-nav" aria-label={t('optionsNav')}>
        <span class="options-brand">Dossier</span>
        {SECTIONS.map((s) => (
          <a key={s} href={`#${s}`} aria-current={s === section ? 'page' : undefined}>
            {t(`section_${s}` as MessageKey)}
          </a>
        ))}
      </nav>
      <main>
        {route.section === 'notes' && <NotesPage filter={route.filter} onFilterChange={changeFilter} />}
        {route.section === 'entity' && <EntityPage entityId={route.entityId} />}
        {section === 'entities' && <EntitiesPanel />}
        {section === 'knowledge' && <KnowledgePanel />}
        {section === 'reading' && <ReadingPanel />}
      </main>
    </div>
  );
}
