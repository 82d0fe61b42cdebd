/**
 * The card as the content script shows it: the entity's card, the reader's notes on it (asked of
 * the background, which owns the database), "Add note" with the sentence around the mention, and
 * the reader's corrections: "not this entity here", "don't mark it on this site", and teaching
 * Dossier who it really is.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { EntityCard } from '@/components/EntityCard';
import { AddNote } from '@/components/AddNote';
import { EntityEditor } from '@/components/EntityEditor';
import { OnlineSummary } from '@/components/OnlineSummary';
import type { OnlineAnswer } from '@/utils/background/service';
import type { Sighting } from '@/utils/db';
import type { PageMention } from '@/utils/content/mention-index';
import { t } from '@/utils/i18n';
import type { Entity, Lang } from '@/utils/knowledge/types';
import { pickLang } from '@/utils/knowledge/types';
import { USER_PACK, siteOf } from '@/utils/knowledge/user-ids';
import { backgroundMessaging } from '@/utils/messages';
import { pageOf, quoteAround, type Note } from '@/utils/notes/model';

export interface ContentCardProps {
  mention: PageMention;
  entity: Entity;
  lang: Lang;
  onClose: () => void;
  onBusyChange: (busy: boolean) => void;
}

type Mode =
  | { kind: 'card' }
  | { kind: 'corrected'; correctionId: string; message: string }
  | { kind: 'teach' }
  | { kind: 'edit' }
  | { kind: 'taught'; name: string };

export function ContentCard({ mention, entity, lang, onClose, onBusyChange }: ContentCardProps) {
  const [notes, setNotes] = useState<Note[]>([]);
  const [mode, setMode] = useState<Mode>({ kind: 'card' });
  const [error, setError] = useState<string | null>(null);
  const [online, setOnline] = useState<OnlineAnswer | null>(null);
  const [seenOn, setSeenOn] = useState<Sighting[]>([]);
  const quote = useMemo(() => quoteAround(mention.block.text, mention.start, mention.end), [mention]);
  const surface = mention.block.text.slice(mention.start, mention.end);
  const name = pickLang(entity.labels, lang) ?? entity.id;
  const headingId = `dossier-card-name-${mention.index}`;
  const own = entity.source.pack === USER_PACK;

  useEffect(() => {
    let live = true;
    backgroundMessaging
      .sendMessage('getNotes', { entityId: entity.id })
      .then((list) => live && setNotes(list))
      .catch(() => {
        // Without the notes the card still says who this is; the reader loses nothing.
      });
    backgroundMessaging
      .sendMessage('getSightings', { entityId: entity.id, exceptUrl: location.href, limit: 3 })
      .then((list) => live && setSeenOn(list))
      .catch(() => {
        // The history is a convenience; the card is whole without it.
      });
    // The background answers null unless the reader turned online lookups on.
    backgroundMessaging
      .sendMessage('getOnlineSummary', { entityId: entity.id, lang })
      .then((answer) => live && setOnline(answer))
      .catch(() => {
        // Offline and nothing cached: the card shows what the packs know.
      });
    return () => {
      live = false;
    };
  }, [entity.id, lang]);

  // Editing keeps the card open while the pointer wanders off.
  useEffect(() => onBusyChange(mode.kind === 'teach' || mode.kind === 'edit'), [mode.kind, onBusyChange]);

  const save = async (text: string) => {
    const note = await backgroundMessaging.sendMessage('saveNote', {
      entityId: entity.id,
      page: pageOf(location.href, document.title),
      quote,
      text,
    });
    setNotes((list) => [note, ...list]);
  };

  const correct = async (kind: 'not-here' | 'not-on-site') => {
    setError(null);
    try {
      const correction = await backgroundMessaging.sendMessage('addCorrection', {
        kind,
        entityId: entity.id,
        site: siteOf(location.href),
        ...(kind === 'not-here' ? { url: location.href, surface } : {}),
      });
      setMode({
        kind: 'corrected',
        correctionId: correction.id,
        message:
          kind === 'not-here' ? t('correctedHere', [surface, name]) : t('correctedSite', [name, siteOf(location.href)]),
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  let body;
  if (mode.kind === 'teach' || mode.kind === 'edit') {
    body = (
      <EntityEditor
        headingId={headingId}
        initial={
          mode.kind === 'edit'
            ? {
                id: entity.id,
                name: entity.labels.en ?? name,
                aliases: Object.values(entity.aliases ?? {}).flat(),
                type: entity.type,
                description: pickLang(entity.description, lang) ?? '',
              }
            : { name: surface, type: entity.type }
        }
        onCancel={() => setMode({ kind: 'card' })}
        onSave={async (input) => {
          const saved = await backgroundMessaging.sendMessage('saveEntity', input);
          setMode({ kind: 'taught', name: saved.labels.en ?? input.name });
        }}
      />
    );
  } else if (mode.kind === 'corrected' || mode.kind === 'taught') {
    body = (
      <div class="card-more" role="status">
        <p class="card-status">{mode.kind === 'taught' ? t('entitySaved', mode.name) : mode.message}</p>
        {mode.kind === 'corrected' && (
          <>
            <button
              type="button"
              class="link-button"
              onClick={() =>
                void backgroundMessaging
                  .sendMessage('removeCorrection', mode.correctionId)
                  .then(() => setMode({ kind: 'card' }))
              }
            >
              {t('undo')}
            </button>
            <button type="button" class="link-button" onClick={() => setMode({ kind: 'teach' })}>
              {t('teachWho')}
            </button>
          </>
        )}
      </div>
    );
  } else {
    body = (
      <>
        <AddNote quote={quote} onSave={save} onEditingChange={onBusyChange} />
        <div class="card-more">
          {own ? (
            <button type="button" class="link-button" onClick={() => setMode({ kind: 'edit' })}>
              {t('editEntity')}
            </button>
          ) : (
            <button type="button" class="link-button" onClick={() => void correct('not-here')}>
              {t('notThisEntity')}
            </button>
          )}
          <button type="button" class="link-button" onClick={() => void correct('not-on-site')}>
            {t('notOnSite')}
          </button>
        </div>
        {error && (
          <p class="note-error" role="alert">
            {error}
          </p>
        )}
      </>
    );
  }

  return (
    <div
      role="dialog"
      aria-labelledby={headingId}
      aria-label={t('cardLabel', name)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <EntityCard entity={entity} lang={lang} notes={notes} seenOn={seenOn} onClose={onClose} headingId={headingId}>
        {online && <OnlineSummary answer={online} />}
        {body}
      </EntityCard>
    </div>
  );
}
