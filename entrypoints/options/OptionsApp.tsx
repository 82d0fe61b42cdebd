/**
 * The notes page, which is also the extension's options page: the reader's notes, their own
 * entities, and what Dossier knows (the packs, the import's progress, the reader's corrections).
 * Each part has its own address (#notes, #entities, #knowledge) so links and reloads keep it.
 */
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';
import { EntitiesPanel } from './EntitiesPanel';
import { KnowledgePanel } from './KnowledgePanel';
import { NotesPage } from './NotesPage';

const SECTIONS = ['notes', 'entities', 'knowledge'] as const;
type Section = (typeof SECTIONS)[number];

function sectionFromHash(): Section {
  const hash = location.hash.slice(1);
  return (SECTIONS as readonly string[]).includes(hash) ? (hash as Section) : 'notes';
}

export function OptionsApp() {
  const [section, setSection] = useState<Section>(sectionFromHash);
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
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
        {section === 'notes' && <NotesPage />}
        {section === 'entities' && <EntitiesPanel />}
        {section === 'knowledge' && <KnowledgePanel />}
      </main>
    </div>
  );
}
