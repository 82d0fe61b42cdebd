/**
 * The frame of Dossier's own small cards in the page (teaching an entity, a note on a passage,
 * the notes on a passage): a labelled dialog with a heading and a close button, closed by Escape.
 */
import type { ComponentChildren } from 'preact';
import { t } from '@/utils/i18n';

export interface DossierDialogProps {
  headingId: string;
  heading: string;
  onClose: () => void;
  /** Extra classes for the card, beside `dossier-card type-other`. */
  cardClass?: string;
  children: ComponentChildren;
}

export function DossierDialog({ headingId, heading, onClose, cardClass, children }: DossierDialogProps) {
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
      <article class={`dossier-card type-other${cardClass ? ` ${cardClass}` : ''}`}>
        <header class="card-head">
          <span class="card-type">Dossier</span>
          <button type="button" class="card-close" aria-label={t('close')} title={t('close')} onClick={onClose}>
            ×
          </button>
        </header>
        <h2 class="card-name" id={headingId}>
          {heading}
        </h2>
        {children}
      </article>
    </div>
  );
}
