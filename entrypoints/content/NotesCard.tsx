/** The small card shown while the pointer rests on a passage the reader wrote a note on. */
import { t, uiLanguage } from '@/utils/i18n';
import type { Note } from '@/utils/notes/model';

export interface NotesCardProps {
  notes: Note[];
  onClose: () => void;
}

export function NotesCard({ notes, onClose }: NotesCardProps) {
  const headingId = 'dossier-passage-notes-heading';
  const date = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium' });
  return (
    <div
      role="dialog"
      aria-labelledby={headingId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <article class="dossier-card type-other dossier-notes-card">
        <header class="card-head">
          <span class="card-type">Dossier</span>
          <button type="button" class="card-close" aria-label={t('close')} title={t('close')} onClick={onClose}>
            ×
          </button>
        </header>
        <h2 class="card-name" id={headingId}>
          {t('notesOnPassage')}
        </h2>
        <section class="card-notes">
          <ul>
            {notes.map((note) => (
              <li key={note.id} class="card-note">
                {note.text && <p>{note.text}</p>}
                <span class="card-asof">{date.format(note.updatedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      </article>
    </div>
  );
}
