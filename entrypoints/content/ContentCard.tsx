/**
 * The card as the content script shows it: the entity's card, the reader's notes on it (asked of
 * the background, which owns the database) and "Add note" with the sentence around the mention.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { EntityCard } from '@/components/EntityCard';
import { AddNote } from '@/components/AddNote';
import type { PageMention } from '@/utils/content/mention-index';
import { t } from '@/utils/i18n';
import type { Entity, Lang } from '@/utils/knowledge/types';
import { pickLang } from '@/utils/knowledge/types';
import { backgroundMessaging } from '@/utils/messages';
import { pageOf, quoteAround, type Note } from '@/utils/notes/model';

export interface ContentCardProps {
  mention: PageMention;
  entity: Entity;
  lang: Lang;
  onClose: () => void;
  onBusyChange: (busy: boolean) => void;
}

export function ContentCard({ mention, entity, lang, onClose, onBusyChange }: ContentCardProps) {
  const [notes, setNotes] = useState<Note[]>([]);
  const quote = useMemo(() => quoteAround(mention.block.text, mention.start, mention.end), [mention]);
  const headingId = `dossier-card-name-${mention.index}`;

  useEffect(() => {
    let live = true;
    backgroundMessaging
      .sendMessage('getNotes', { entityId: entity.id })
      .then((list) => live && setNotes(list))
      .catch(() => {
        // Without the notes the card still says who this is; the reader loses nothing.
      });
    return () => {
      live = false;
    };
  }, [entity.id]);

  const save = async (text: string) => {
    const note = await backgroundMessaging.sendMessage('saveNote', {
      entityId: entity.id,
      page: pageOf(location.href, document.title),
      quote,
      text,
    });
    setNotes((list) => [note, ...list]);
  };

  return (
    <div
      role="dialog"
      aria-labelledby={headingId}
      aria-label={t('cardLabel', pickLang(entity.labels, lang) ?? entity.id)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <EntityCard entity={entity} lang={lang} notes={notes} onClose={onClose} headingId={headingId}>
        <AddNote quote={quote} onSave={save} onEditingChange={onBusyChange} />
      </EntityCard>
    </div>
  );
}
