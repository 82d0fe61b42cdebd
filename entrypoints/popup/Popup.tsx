/**
 * The toolbar popup: who and what the current tab's article mentions, grouped by type with their
 * counts; choosing one shows its card, with notes and "Add note".
 */
import { useEffect, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import { EntityCard } from '@/components/EntityCard';
import { AddNote } from '@/components/AddNote';
import { getDb } from '@/utils/db';
import { t, uiLanguage, type MessageKey } from '@/utils/i18n';
import { ENTITY_TYPES, pickLang, type Entity, type EntityType } from '@/utils/knowledge/types';
import { tabMessaging, type PageState } from '@/utils/messages';
import { pageOf } from '@/utils/notes/model';
import { addNote, listNotes } from '@/utils/notes/store';
import { useLiveQuery } from '@/utils/use-live-query';
import { useSettings } from '@/utils/use-settings';
import { saveSettings, siteOfUrl, watchSettings } from '@/utils/settings';
import { foldKey } from '@/utils/detect/text';

type Load =
  | { kind: 'loading' }
  /** The tab's page is still loading: Dossier reads it once it has. */
  | { kind: 'page-loading' }
  | { kind: 'unavailable' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; tabId: number; state: PageState; entities: Map<string, Entity> };

/** The tab to describe: the active one, or `?tab=ID` when the popup is opened as a page. */
async function targetTab(): Promise<{ id: number; url?: string; loading: boolean } | null> {
  const requested = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(requested) && requested > 0) {
    return describeTab(await browser.tabs.get(requested));
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab ? describeTab(tab) : null;
}

function describeTab(tab: Browser.tabs.Tab): { id: number; url?: string; loading: boolean } | null {
  if (tab.id === undefined) return null;
  // While a page loads, the tab's address is still the previous one; the one it goes to is pending.
  return { id: tab.id, url: tab.pendingUrl ?? tab.url, loading: tab.status === 'loading' };
}

async function loadPage(): Promise<Load> {
  // The database opens while the tab is asked for its state: the two waits overlap.
  const db = getDb();
  void db.open().catch(() => {});
  const tab = await targetTab();
  if (!tab || (tab.url && !/^https?:/.test(tab.url))) return { kind: 'unavailable' };
  let state: PageState;
  try {
    state = await tabMessaging.sendMessage('getPageState', undefined, tab.id);
  } catch {
    // No content script answers. While the page loads, it has not started yet (it starts once the
    // document is idle); otherwise this is a browser page, a store page, or a tab opened before
    // Dossier was installed.
    return tab.loading ? { kind: 'page-loading' } : { kind: 'unavailable' };
  }
  const ids = state.entities.map((e) => e.id);
  const found = await db.entities.bulkGet(ids);
  const entities = new Map(found.filter((e): e is Entity => e !== undefined).map((e) => [e.id, e]));
  return { kind: 'ready', tabId: tab.id, state, entities };
}

/**
 * The first load starts as soon as the popup's script runs, before Preact's first render, so the
 * list can be painted in the popup's first frames rather than after a frame of "Reading…".
 */
let early: Promise<Load> | null = null;
export function preloadPage(): void {
  early = loadPage();
}

export function Popup() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      const pending = early ?? loadPage();
      early = null;
      pending
        .then((result) => {
          if (!live) return;
          setLoad(result);
          // While the page is still loading or being read, look again shortly.
          if (result.kind === 'page-loading' || (result.kind === 'ready' && result.state.status === 'scanning')) {
            timer = setTimeout(refresh, 250);
          }
        })
        .catch((e: unknown) => live && setLoad({ kind: 'error', message: e instanceof Error ? e.message : String(e) }));
    };
    refresh();
    // Pausing or resuming changes what the page shows: read its state again.
    const stop = watchSettings(() => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 100);
    });
    return () => {
      live = false;
      clearTimeout(timer);
      stop();
    };
  }, []);

  return (
    <main class="popup">
      <div class="popup-head">
        <h1>{t('popupHeading')}</h1>
      </div>
      {load.kind === 'ready' && <p class="popup-page">{load.state.title || load.state.url}</p>}
      {load.kind === 'ready' && <SiteSwitch url={load.state.url} />}
      {load.kind === 'loading' && <p class="popup-message">{t('popupScanning')}</p>}
      {load.kind === 'page-loading' && <p class="popup-message">{t('popupPageLoading')}</p>}
      {load.kind === 'unavailable' && <p class="popup-message">{t('popupUnavailable')}</p>}
      {load.kind === 'error' && <p class="popup-message">{t('popupError', load.message)}</p>}
      {load.kind === 'ready' &&
        (selected && load.entities.has(selected) ? (
          <EntityDetail
            entity={load.entities.get(selected)!}
            state={load.state}
            tabId={load.tabId}
            onBack={() => setSelected(null)}
          />
        ) : (
          <>
            <EntityList state={load.state} entities={load.entities} onSelect={setSelected} />
            <PageNote state={load.state} />
          </>
        ))}
      <div class="popup-foot">
        <KnowledgeState />
        <button type="button" class="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openNotes')}
        </button>
      </div>
    </main>
  );
}

/** A quick note on the page itself, not on any one entity. */
function PageNote({ state }: { state: PageState }) {
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

/** Pause Dossier on this site or everywhere, and back; the choice syncs with the settings. */
function SiteSwitch({ url }: { url: string }) {
  const settings = useSettings();
  const site = siteOfUrl(url);
  if (!settings || !site) return null;
  const onSite = settings.pausedSites.includes(site);
  const withoutSite = settings.pausedSites.filter((s) => s !== site);
  return (
    <div class="site-switch">
      {settings.pausedEverywhere ? (
        <button type="button" class="button" onClick={() => void saveSettings({ pausedEverywhere: false })}>
          {t('resumeEverywhere')}
        </button>
      ) : onSite ? (
        <button type="button" class="button" onClick={() => void saveSettings({ pausedSites: withoutSite })}>
          {t('resumeSite', site)}
        </button>
      ) : (
        <>
          <button
            type="button"
            class="button"
            onClick={() => void saveSettings({ pausedSites: [...withoutSite, site] })}
          >
            {t('pauseSite')}
          </button>
          <button type="button" class="button" onClick={() => void saveSettings({ pausedEverywhere: true })}>
            {t('pauseEverywhere')}
          </button>
        </>
      )}
    </div>
  );
}

/** What Dossier knows and whether it looks things up online, in one line at the popup's foot. */
function KnowledgeState() {
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

/** Whether the filter's words all occur in the entity's names, in any language, folded. */
function matches(entity: Entity, words: string[]): boolean {
  if (words.length === 0) return true;
  const text = foldKey([...Object.values(entity.labels), ...Object.values(entity.aliases ?? {}).flat()].join(' '));
  return words.every((w) => text.includes(w));
}

function EntityList(props: { state: PageState; entities: Map<string, Entity>; onSelect: (id: string) => void }) {
  const { state, entities, onSelect } = props;
  const [filter, setFilter] = useState('');
  if (state.status === 'error') return <p class="popup-message">{t('popupError', state.error ?? '')}</p>;
  if (state.status === 'paused') return <p class="popup-message">{t('popupPaused')}</p>;
  if (state.entities.length === 0) {
    return <p class="popup-message">{t(state.status === 'scanning' ? 'popupScanning' : 'popupEmpty')}</p>;
  }
  // Folding builds its tables on first use (some milliseconds): not for the empty filter the popup
  // opens with, whose list is painted first.
  const words = filter.trim() ? foldKey(filter).split(' ').filter(Boolean) : [];
  const groups = new Map<EntityType, { entity: Entity; count: number }[]>();
  for (const { id, count } of state.entities) {
    const entity = entities.get(id);
    if (!entity || !matches(entity, words)) continue;
    const list = groups.get(entity.type) ?? [];
    list.push({ entity, count });
    groups.set(entity.type, list);
  }
  return (
    <div class="entity-list">
      {state.status === 'scanning' && (
        <p class="popup-progress" role="status">
          {t('popupStillReading')}
        </p>
      )}
      <input
        type="search"
        class="popup-filter"
        value={filter}
        placeholder={t('popupFilter')}
        aria-label={t('popupFilter')}
        onInput={(e) => setFilter(e.currentTarget.value)}
      />
      {groups.size === 0 && <p class="popup-message">{t('popupFilterNone')}</p>}
      {ENTITY_TYPES.filter((type) => groups.has(type)).map((type) => (
        <section class="entity-group" key={type} aria-labelledby={`group-${type}`}>
          <h2 id={`group-${type}`}>{t(`typePlural_${type}` as MessageKey)}</h2>
          <ul>
            {groups
              .get(type)!
              .sort((a, b) => b.count - a.count)
              .map(({ entity, count }) => (
                <li key={entity.id}>
                  <button
                    type="button"
                    class="entity-row"
                    data-entity-id={entity.id}
                    onClick={() => onSelect(entity.id)}
                  >
                    <span>
                      <span class="entity-name">{pickLang(entity.labels, state.lang)}</span>
                      <span class="entity-desc">{pickLang(entity.description, state.lang)}</span>
                    </span>
                    <span class="entity-count">{count === 1 ? t('mentionsOne') : t('mentions', String(count))}</span>
                  </button>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function EntityDetail(props: { entity: Entity; state: PageState; tabId: number; onBack: () => void }) {
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
