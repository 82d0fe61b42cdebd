/**
 * The bar that follows a delete: how many notes went, and Undo, which brings them back as they
 * were (a deleted note is only marked deleted).
 */
import { getDb } from '@/utils/db';
import { t } from '@/utils/i18n';
import { restoreNotes } from '@/utils/notes/store';

export function UndoDelete(props: { ids: readonly string[]; onRestored: () => void }) {
  const { ids, onRestored } = props;
  return (
    <div class="notes-status" role="status">
      <span>{ids.length === 1 ? t('noteDeleted') : t('notesDeleted', String(ids.length))}</span>
      <button
        type="button"
        class="link-button"
        onClick={() => {
          void restoreNotes(getDb(), ids).then(onRestored);
        }}
      >
        {t('undo')}
      </button>
    </div>
  );
}
