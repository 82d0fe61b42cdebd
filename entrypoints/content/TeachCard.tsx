/**
 * "Add to Dossier" for a selection: the entity editor in a card beside the selected text. Once
 * saved, the background rebuilds its matcher and every open tab reads its page again, so the new
 * entity is marked at once.
 */
import { useState } from 'preact/hooks';
import { EntityEditor } from '@/components/EntityEditor';
import { t } from '@/utils/i18n';
import { backgroundMessaging } from '@/utils/messages';

export interface TeachCardProps {
  text: string;
  onClose: () => void;
}

export function TeachCard({ text, onClose }: TeachCardProps) {
  const [saved, setSaved] = useState<string | null>(null);
  const headingId = 'dossier-teach-heading';
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
      <article class="dossier-card type-other">
        <header class="card-head">
          <span class="card-type">Dossier</span>
          <button type="button" class="card-close" aria-label={t('close')} title={t('close')} onClick={onClose}>
            ×
          </button>
        </header>
        <h2 class="card-name" id={headingId}>
          {t('teachHeading')}
        </h2>
        {saved ? (
          <p class="card-status" role="status">
            {t('entitySaved', saved)}
          </p>
        ) : (
          <EntityEditor
            headingId={headingId}
            initial={{ name: text }}
            onCancel={onClose}
            onSave={async (input) => {
              const entity = await backgroundMessaging.sendMessage('saveEntity', input);
              setSaved(entity.labels.en ?? input.name);
            }}
          />
        )}
      </article>
    </div>
  );
}
