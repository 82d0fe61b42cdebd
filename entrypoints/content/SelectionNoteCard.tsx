/**
 * "Add note" on a selection: the note editor in a card beside the selected passage. The note keeps
 * the page and the passage as a W3C TextQuoteSelector, and the entity when the selection is a
 * marked name (or part of one), so it also shows in that entity's card.
 */
import { useState } from 'preact/hooks';
import { NoteEditor } from '@/components/NoteEditor';
import { t } from '@/utils/i18n';
import { backgroundMessaging } from '@/utils/messages';
import { pageOf, type Note, type NoteQuote } from '@/utils/notes/model';
import { DossierDialog } from './DossierDialog';

export interface SelectionNoteCardProps {
  quote: NoteQuote;
  entity: { id: string; name: string } | null;
  onSaved: (note: Note) => void;
  onClose: () => void;
}

export function SelectionNoteCard({ quote, entity, onSaved, onClose }: SelectionNoteCardProps) {
  const [saved, setSaved] = useState<Note | null>(null);
  const headingId = 'dossier-selection-note-heading';
  return (
    <DossierDialog headingId={headingId} heading={t('noteOnPassage')} onClose={onClose}>
      {entity && <p class="card-description">{t('noteAbout', entity.name)}</p>}
      {saved ? (
        <>
          <blockquote class="note-quote">{quote.exact}</blockquote>
          {saved.text && (
            <div class="card-note">
              <p>{saved.text}</p>
            </div>
          )}
          <p class="card-status" role="status">
            {t('noteSaved')}
          </p>
        </>
      ) : (
        <NoteEditor
          quote={quote}
          onCancel={onClose}
          onSave={async (text) => {
            const note = await backgroundMessaging.sendMessage('saveNote', {
              page: pageOf(location.href, document.title),
              quote,
              text,
              ...(entity ? { entityId: entity.id } : {}),
            });
            setSaved(note);
            onSaved(note);
          }}
        />
      )}
    </DossierDialog>
  );
}
