/** The small card shown while the pointer rests on a passage the reader wrote a note on. */
import { t, uiLanguage } from '@/utils/i18n';
import type { Note } from '@/utils/notes/model';
import { DossierDialog } from './DossierDialog';

export interface NotesCardProps {
  notes: Note[];
  onClose: () => void;
}

export function NotesCard({ notes, onClose }: NotesCardProps) {
  const headingId = 'dossier-passage-notes-heading';
  const date = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium' });
  return (
    <DossierDialog headingId={headingId} heading={t('notesOnPassage')} onClose={onClose} cardClass="dossier-notes-card">
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
    </DossierDialog>
  );
}
