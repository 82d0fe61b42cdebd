/**
 * Writing a note. What the reader typed stays in the form until the save succeeded: a failed
 * save (a full disk, a sleeping worker) shows why and loses nothing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { NoteQuote } from '@/utils/notes/model';
import { isQuotaExceeded } from '@/utils/notes/store';

export interface NoteEditorProps {
  quote?: NoteQuote;
  initialText?: string;
  onSave: (text: string) => Promise<void>;
  onCancel: () => void;
  saveLabel?: string;
}

export function NoteEditor({ quote, initialText = '', onSave, onCancel, saveLabel }: NoteEditorProps) {
  const [text, setText] = useState(initialText);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => area.current?.focus(), []);

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy || (text.trim() === '' && !quote)) return;
    setBusy(true);
    setError(null);
    try {
      await onSave(text);
    } catch (e) {
      // A full disk needs its own words: the reader can free space, and retrying alone will not help.
      setError(
        isQuotaExceeded(e) ? t('noteStorageFull') : t('noteSaveFailed', e instanceof Error ? e.message : String(e)),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="note-editor" onSubmit={(e) => void save(e)}>
      {quote && (
        <blockquote class="note-quote" aria-label={t('quoteLabel')}>
          {quote.exact}
        </blockquote>
      )}
      <textarea
        ref={area}
        class="note-text"
        rows={3}
        value={text}
        placeholder={t('notePlaceholder')}
        aria-label={t('notePlaceholder')}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(e);
        }}
      />
      {error && (
        <p class="note-error" role="alert">
          {error}
        </p>
      )}
      <div class="note-actions">
        <button type="submit" class="button primary" disabled={busy || (text.trim() === '' && !quote)}>
          {saveLabel ?? t('saveNote')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
