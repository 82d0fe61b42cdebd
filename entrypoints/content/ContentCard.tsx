/**
 * The card as the content script shows it: the entity's card, the reader's notes on it (asked of
 * the background, which owns the database), "Add note" with the sentence around the mention, and
 * the reader's corrections: "not this entity here", "don't mark it on this site", and teaching
 * Dossier who it really is.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CardActions } from '@/components/CardActions';
import { EntityCard, type RelatedEntity } from '@/components/EntityCard';
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
import { fetchExtras, prefetchedExtras, type CardExtras } from './card-extras';
import { pageOf, quoteAround, type Note } from '@/utils/notes/model';

export interface ContentCardProps {
  mention: PageMention;
  entity: Entity;
  lang: Lang;
  onClose: () => void;
  onBusyChange: (busy: boolean) => void;
  pinned?: boolean;
  /** Pins the card, or unpins a pinned one: the pin button, or Enter on the card itself. */
  onPin?: () => void;
  /** The card was opened from the keyboard: its focus ring shows while it has focus. */
  viaKeyboard?: boolean;
}

type Mode =
  | { kind: 'card' }
  | { kind: 'corrected'; correctionId: string; message: string }
  | { kind: 'teach' }
  | { kind: 'edit' }
  | { kind: 'taught'; name: string };

export function ContentCard({
  mention,
  entity: mentioned,
  lang,
  onClose,
  onBusyChange,
  pinned = false,
  onPin,
  viaKeyboard = false,
}: ContentCardProps) {
  // The related entities the reader went to from this card, most recent last; the card shows the
  // last of them (with "back"), or the entity mentioned.
  const [trail, setTrail] = useState<Entity[]>([]);
  const entity = trail.at(-1) ?? mentioned;
  // Drawn whole at once from what was asked while the pointer rested on the name, when it came.
  const early = useMemo(() => prefetchedExtras(mentioned.id), [mentioned]);
  const [related, setRelated] = useState<Entity[]>(early?.related ?? []);
  /** What takes focus after the card changed under it: "back", or the related entity left. */
  const refocus = useRef<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const [notes, setNotes] = useState<Note[]>(early?.notes ?? []);
  const [mode, setMode] = useState<Mode>({ kind: 'card' });
  const [error, setError] = useState<string | null>(null);
  const [online, setOnline] = useState<OnlineAnswer | null>(null);
  const [seenOn, setSeenOn] = useState<Sighting[]>(early?.seenOn ?? []);
  const quote = useMemo(() => quoteAround(mention.block.text, mention.start, mention.end), [mention]);
  const surface = mention.block.text.slice(mention.start, mention.end);
  // The note, the corrections and the editor concern the mention, whichever card is shown.
  const mentionedName = pickLang(mentioned.labels, lang) ?? mentioned.id;
  const name = pickLang(entity.labels, lang) ?? entity.id;
  const headingId = `dossier-card-name-${mention.index}`;
  const own = mentioned.source.pack === USER_PACK;

  // What each entity shown in this card had, so that going back draws its card whole at once.
  const seen = useRef(new Map<string, CardExtras>());
  const firstEntity = useRef(true);
  useEffect(() => {
    let live = true;
    // Another entity's card (a related one, or back): nothing of the previous one may linger.
    if (!firstEntity.current) {
      const known = seen.current.get(entity.id);
      setRelated(known?.related ?? []);
      setNotes(known?.notes ?? []);
      setSeenOn(known?.seenOn ?? []);
    }
    firstEntity.current = false;
    // Asked again even when prefetched, so a note saved meanwhile shows; all parts arrive together.
    void fetchExtras(entity).then((extras) => {
      seen.current.set(entity.id, extras);
      if (!live) return;
      setRelated(extras.related);
      setNotes(extras.notes);
      setSeenOn(extras.seenOn);
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
  }, [entity, lang]);

  // Keyboard focus follows the reader through related cards: onto "back" after going to one,
  // onto the entity they came back from after "back".
  useEffect(() => {
    const target = refocus.current;
    if (target === null || !root.current) return;
    const selector = target === '' ? '.card-back' : `[data-related-id="${CSS.escape(target)}"]`;
    const element = root.current.querySelector<HTMLElement>(selector);
    if (element) {
      element.focus();
      refocus.current = null;
    }
  });

  const openRelated = (id: string) => {
    const next = related.find((e) => e.id === id);
    if (!next) return;
    refocus.current = '';
    setMode({ kind: 'card' });
    setTrail((list) => [...list, next]);
  };
  const goBack = () => {
    refocus.current = entity.id;
    setMode({ kind: 'card' });
    setTrail((list) => list.slice(0, -1));
  };
  const relatedNames: RelatedEntity[] = related.map((e) => ({
    id: e.id,
    name: pickLang(e.labels, lang) ?? e.id,
    description: pickLang(e.description, lang),
  }));
  const cameFrom = trail.length > 1 ? trail[trail.length - 2]! : mentioned;

  // Editing keeps the card open while the pointer wanders off; so does reading a related entity's
  // card, which may be shorter than the one the pointer came in on and leave it outside.
  const exploring = trail.length > 0;
  useEffect(
    () => onBusyChange(mode.kind === 'teach' || mode.kind === 'edit' || exploring),
    [mode.kind, exploring, onBusyChange],
  );

  const save = async (text: string) => {
    const note = await backgroundMessaging.sendMessage('saveNote', {
      entityId: mentioned.id,
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
        entityId: mentioned.id,
        site: siteOf(location.href),
        ...(kind === 'not-here' ? { url: location.href, surface } : {}),
      });
      setMode({
        kind: 'corrected',
        correctionId: correction.id,
        message:
          kind === 'not-here'
            ? t('correctedHere', [surface, mentionedName])
            : t('correctedSite', [mentionedName, siteOf(location.href)]),
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
                id: mentioned.id,
                name: mentioned.labels.en ?? mentionedName,
                aliases: Object.values(mentioned.aliases ?? {}).flat(),
                type: mentioned.type,
                description: pickLang(mentioned.description, lang) ?? '',
              }
            : { name: surface, type: mentioned.type }
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
  } else if (trail.length > 0) {
    // A related entity's card: what it is, and the actions that need no mention on the page.
    body = (
      <div class="card-actions">
        <CardActions entity={entity} lang={lang} />
      </div>
    );
  } else {
    body = (
      <>
        <AddNote quote={quote} onSave={save} onEditingChange={onBusyChange}>
          <CardActions entity={entity} lang={lang} />
        </AddNote>
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
      ref={root}
      role="dialog"
      class={`dossier-dialog${viaKeyboard ? ' via-keyboard' : ''}${pinned ? ' pinned' : ''}`}
      // Focusable itself, so a card opened from the keyboard takes focus without choosing a button.
      tabIndex={-1}
      aria-labelledby={headingId}
      aria-label={t('cardLabel', name)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        } else if (e.key === 'Enter' && e.target === e.currentTarget && onPin) {
          // Enter on the card itself (not on one of its buttons) pins it, or unpins it.
          e.preventDefault();
          onPin();
        }
      }}
    >
      <EntityCard
        entity={entity}
        lang={lang}
        notes={notes}
        seenOn={seenOn}
        onClose={onClose}
        headingId={headingId}
        pinned={pinned}
        onPin={onPin}
        related={relatedNames}
        onOpenRelated={mode.kind === 'card' ? openRelated : undefined}
        back={trail.length > 0 ? { label: pickLang(cameFrom.labels, lang) ?? cameFrom.id, onBack: goBack } : undefined}
      >
        {online && <OnlineSummary answer={online} />}
        {body}
      </EntityCard>
    </div>
  );
}
