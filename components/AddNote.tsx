/**
 * "Add note" and the editor it opens, with the "Note saved" that follows: the same on the card in
 * the page and in the popup. Extra actions (such as "Show on page") sit beside the button.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { NoteQuote } from '@/utils/notes/model';
import { NoteEditor } from './NoteEditor';

export interface AddNoteProps {
  quote?: NoteQuote;
  onSave: (text: string) => Promise<void>;
  /** Told whether the editor is open, so a card does not hide while the reader writes. */
  onEditingChange?: (editing: boolean) => void;
  children?: ComponentChildren;
  /** The button's label, when not "Add note". */
  label?: string;
}

export function AddNote({ quote, onSave, onEditingChange, children, label }: AddNoteProps) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => onEditingChange?.(editing), [editing, onEditingChange]);

  if (editing) {
    return (
      <NoteEditor
        quote={quote}
        onCancel={() => setEditing(false)}
        onSave={async (text) => {
          await onSave(text);
          setEditing(false);
          setSaved(true);
        }}
      />
    );
  }
  return (
    <div class="card-actions">
      <button
        type="button"
        class="button primary"
        onClick={() => {
          setSaved(false);
          setEditing(true);
        }}
      >
        {label ?? t('addNote')}
      </button>
      {children}
      {saved && (
        <span class="card-status" role="status">
          {t('noteSaved')}
        </span>
      )}
    </div>
  );
}
