/**
 * The toolbar popup: who and what the current tab's article mentions, grouped by type with their
 * counts; choosing one shows its card, with notes and "Add note".
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { askPage } from './page-answer';
import { t, type MessageKey } from '@/utils/i18n';
import { ENTITY_TYPES, pickLang, type Entity, type EntityType } from '@/utils/knowledge/types';
import type { PageState } from '@/utils/messages';
import { useSettings } from '@/utils/use-settings';
import { saveSettings, siteOfUrl, watchSettings } from '@/utils/settings';
import { foldKey } from '@/utils/detect/text';
import type * as StoredParts from './PopupStored';

type Load =
  | { kind: 'loading' }
  /** The tab's page is still loading: Dossier reads it once it has. */
  | { kind: 'page-loading' }
  | { kind: 'unavailable' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; tabId: number; state: PageState; entities: Map<string, Entity> };

/** The database-backed parts, loaded once: started while the tab is asked for its state. */
type Stored = typeof StoredParts;
let stored: Promise<Stored> | null = null;
function loadStored(): Promise<Stored> {
  return (stored ??= import('./PopupStored'));
}

async function loadPage(): Promise<Load> {
  const got = await askPage();
  if (got.kind !== 'state') return got;
  const { tabId, state } = got;
  const entities = new Map(state.known.map((e) => [e.id, e]));
  // Should the page lack one (it keeps every entity it marked), the database has it.
  const missing = state.entities.map((e) => e.id).filter((id) => !entities.has(id));
  if (missing.length > 0) {
    for (const e of await (await loadStored()).storedEntities(missing)) entities.set(e.id, e);
  }
  return { kind: 'ready', tabId, state, entities };
}

/**
 * The first load starts as soon as the popup's script runs, before Preact's first render, so the
 * list can be painted in the popup's first frames rather than after a frame of "Reading…".
 */
let early: Promise<Load> | null = null;
export function preloadPage(): void {
  early = loadPage();
  // Fetched and compiled while the page's answer is on its way; run after the list is shown.
  void loadStored().catch(() => {});
}

export function Popup() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const [parts, setParts] = useState<Stored | null>(null);

  useEffect(() => {
    let live = true;
    loadStored()
      .then((m) => live && setParts(m))
      .catch((e: unknown) => live && setLoad({ kind: 'error', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, []);

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
        (selected && load.entities.has(selected) && parts ? (
          <parts.EntityDetail
            entity={load.entities.get(selected)!}
            state={load.state}
            tabId={load.tabId}
            onBack={() => setSelected(null)}
          />
        ) : (
          <>
            <EntityList state={load.state} entities={load.entities} onSelect={setSelected} />
            {parts && <parts.PageNote state={load.state} />}
          </>
        ))}
      <div class="popup-foot">
        {parts && <parts.KnowledgeState />}
        <button type="button" class="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openNotes')}
        </button>
      </div>
    </main>
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
