/**
 * The parts of the popup that read or write the database: loaded after the list, so that the
 * popup's first frames need neither IndexedDB nor Dexie (most of its script).
 */
import { EntityCard } from '@/components/EntityCard';
import { AddNote } from '@/components/AddNote';
import { getDb } from '@/utils/db';
import { t, uiLanguage } from '@/utils/i18n';
import type { Entity } from '@/utils/knowledge/types';
import { tabMessaging, type PageState } from '@/utils/messages';
import { pageOf } from '@/utils/notes/model';
import { addNote, listNotes } from '@/utils/notes/store';
import { useLiveQuery } from '@/utils/use-live-query';
import { useSettings } from '@/utils/use-settings';

/** Entities by id, from the database. */
export async function storedEntities(ids: string[]): Promise<Entity[]> {
  return (await getDb().entities.bulkGet(ids)).filter((e): e is Entity => e !== undefined);
}

/** A quick note on the page itself, not on any one entity. */
export function PageNote({ state }: { state: PageState }) {
  return (
    <div class="page-note">
      <AddNote
        label={t('addPageNote')}
        onSave={async (text) => {
          await addNote(getDb(), { page: pageOf(state.url, state.title), text });
        }}
      />
    </div>
  );
}

/** What Dossier knows and whether it looks things up online, in one line at the popup's foot. */
export function KnowledgeState() {
  const status = useLiveQuery(() => getDb().status.get('knowledge'), []).value;
  const settings = useSettings();
  if (!status || !settings) return null;
  const knowledge =
    status.phase === 'ready'
      ? t('popupKnowledgeReady', new Intl.NumberFormat(uiLanguage()).format(status.total))
      : status.phase === 'error'
        ? t('popupKnowledgeError')
        : t('popupKnowledgeLoading');
  return (
    <p class="popup-state" data-phase={status.phase}>
      {knowledge} · {t(settings.onlineLookups ? 'popupOnlineOn' : 'popupOnlineOff')}
    </p>
  );
}

export function EntityDetail(props: { entity: Entity; state: PageState; tabId: number; onBack: () => void }) {
  const { entity, state, tabId, onBack } = props;
  const notes = useLiveQuery(() => listNotes(getDb(), { entityId: entity.id }), [entity.id]).value ?? [];
  return (
    <div class="popup-detail">
      <button type="button" class="link-button" onClick={onBack}>
        ← {t('back')}
      </button>
      <EntityCard entity={entity} lang={state.lang} notes={notes}>
        <AddNote
          onSave={async (text) => {
            await addNote(getDb(), { entityId: entity.id, page: pageOf(state.url, state.title), text });
          }}
        >
          <button
            type="button"
            class="button"
            onClick={() => void tabMessaging.sendMessage('showEntity', entity.id, tabId)}
          >
            {t('showOnPage')}
          </button>
        </AddNote>
      </EntityCard>
    </div>
  );
}
