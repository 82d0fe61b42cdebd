/**
 * What Dossier knows: each pack with its version and date, the import and matcher build as they
 * happen (with progress), and the reader's corrections, each of which can be taken back.
 */
import { getDb, type Correction, type KnowledgeStatus, type PackRecord } from '@/utils/db';
import { t, uiLanguage } from '@/utils/i18n';
import { pickLang, type Entity } from '@/utils/knowledge/types';
import { USER_PACK } from '@/utils/knowledge/user';
import { backgroundMessaging } from '@/utils/messages';
import { useLiveQuery } from '@/utils/use-live-query';
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ONLINE_ORIGINS, saveSettings, siteFromInput } from '@/utils/settings';
import { useSettings } from '@/utils/use-settings';

interface KnowledgeView {
  status: KnowledgeStatus | undefined;
  packs: PackRecord[];
  own: number;
  corrections: { correction: Correction; entity: Entity | undefined }[];
}

async function loadKnowledge(): Promise<KnowledgeView> {
  const db = getDb();
  const [status, packs, own, corrections] = await Promise.all([
    db.status.get('knowledge'),
    db.packs.toArray(),
    db.entities.where('source.pack').equals(USER_PACK).count(),
    db.corrections.orderBy('id').toArray(),
  ]);
  const entities = await db.entities.bulkGet(corrections.map((c) => c.entityId));
  return {
    status,
    packs: packs.sort((a, b) => a.id.localeCompare(b.id)),
    own,
    corrections: corrections
      .map((correction, i) => ({ correction, entity: entities[i] }))
      .sort((a, b) => b.correction.createdAt - a.correction.createdAt),
  };
}

const number = new Intl.NumberFormat(uiLanguage());
const dateTime = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });

export function KnowledgePanel() {
  const { value, error } = useLiveQuery(loadKnowledge, []);
  const lang = uiLanguage().slice(0, 2);
  return (
    <section class="notes-page" aria-labelledby="knowledge-heading">
      <header>
        <h1 id="knowledge-heading">{t('knowledgeHeading')}</h1>
      </header>
      {error && <p role="alert">{error.message}</p>}
      {value && <StatusLine status={value.status} packs={value.packs} />}
      {value && value.packs.length > 0 && (
        <table class="pack-table">
          <thead>
            <tr>
              <th scope="col">{t('packName')}</th>
              <th scope="col">{t('packVersion')}</th>
              <th scope="col">{t('packAsOf')}</th>
              <th scope="col">{t('packEntities')}</th>
              <th scope="col">{t('packImported')}</th>
            </tr>
          </thead>
          <tbody>
            {value.packs.map((p) => (
              <tr key={p.id} data-pack={p.id}>
                <td>{pickLang(p.title, lang)}</td>
                <td>{p.version}</td>
                <td>{p.asOf}</td>
                <td class="num">{number.format(p.entityCount)}</td>
                <td>{dateTime.format(p.importedAt)}</td>
              </tr>
            ))}
            <tr data-pack={USER_PACK}>
              <td>
                <a href="#entities">{t('section_entities')}</a>
              </td>
              <td />
              <td />
              <td class="num">{number.format(value.own)}</td>
              <td />
            </tr>
          </tbody>
        </table>
      )}
      <OnlineSetting />
      <HistorySetting />
      <PausedSites />
      <h2 class="section-heading">{t('correctionsHeading')}</h2>
      {value && value.corrections.length === 0 && <p class="notes-empty">{t('correctionsEmpty')}</p>}
      {value && value.corrections.length > 0 && (
        <ul class="note-list corrections">
          {value.corrections.map(({ correction, entity }) => (
            <li key={correction.id} class="note-item" data-correction-id={correction.id}>
              <p>
                {correction.kind === 'not-here'
                  ? t('correctionHere', [
                      correction.surface ?? '',
                      entity ? (pickLang(entity.labels, lang) ?? entity.id) : correction.entityId,
                    ])
                  : t('correctionSite', [
                      entity ? (pickLang(entity.labels, lang) ?? entity.id) : correction.entityId,
                      correction.site,
                    ])}
              </p>
              <div class="note-meta">
                {correction.url && (
                  <a href={correction.url} target="_blank" rel="noreferrer noopener">
                    {correction.url}
                  </a>
                )}
                <span>{dateTime.format(correction.createdAt)}</span>
              </div>
              <div class="note-item-actions">
                <button
                  type="button"
                  class="button"
                  onClick={() => void backgroundMessaging.sendMessage('removeCorrection', correction.id)}
                >
                  {t('correctionRemove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StatusLine({ status, packs }: { status: KnowledgeStatus | undefined; packs: PackRecord[] }) {
  if (!status) return <p class="knowledge-status">{t('statusStarting')}</p>;
  if (status.phase === 'importing') {
    const pack = packs.find((p) => p.id === status.pack);
    const name = pack ? pickLang(pack.title, uiLanguage().slice(0, 2)) : status.pack;
    return (
      <div class="knowledge-status" role="status">
        <p>{t('statusImporting', [name ?? '', number.format(status.done), number.format(status.total)])}</p>
        <progress max={status.total} value={status.done} aria-label={t('statusProgress')} />
      </div>
    );
  }
  if (status.phase === 'building') {
    return (
      <div class="knowledge-status" role="status">
        <p>{t('statusBuilding', number.format(status.total))}</p>
        <progress aria-label={t('statusProgress')} />
      </div>
    );
  }
  if (status.phase === 'error') {
    return (
      <p class="knowledge-status" role="alert">
        {t('statusError', status.error ?? '')}
      </p>
    );
  }
  return (
    <p class="knowledge-status" role="status" data-phase="ready">
      {t('statusReady', number.format(status.total))}
    </p>
  );
}

/**
 * The switch for online lookups. Turning it on asks the browser for the Wikipedia hosts at that
 * moment (the request must come from the reader's click); turning it off gives them back.
 */
function OnlineSetting() {
  const settings = useSettings();
  const [denied, setDenied] = useState(false);
  const toggle = async (on: boolean) => {
    setDenied(false);
    if (on) {
      const granted = await browser.permissions.request({ origins: ONLINE_ORIGINS });
      if (!granted) {
        setDenied(true);
        return;
      }
      await saveSettings({ onlineLookups: true });
    } else {
      await saveSettings({ onlineLookups: false });
      await browser.permissions.remove({ origins: ONLINE_ORIGINS }).catch(() => false);
    }
  };
  return (
    <>
      <h2 class="section-heading">{t('onlineSettingHeading')}</h2>
      <label class="setting">
        <input
          type="checkbox"
          name="onlineLookups"
          checked={settings?.onlineLookups ?? false}
          disabled={!settings}
          onChange={(e) => void toggle(e.currentTarget.checked)}
        />
        <span>{t('onlineSettingLabel')}</span>
      </label>
      <p class="muted setting-help">{t('onlineSettingHelp')}</p>
      {denied && <p role="alert">{t('onlineDenied')}</p>}
    </>
  );
}

/** Whether Dossier remembers where the reader met each entity, and forgetting it all. */
function HistorySetting() {
  const settings = useSettings();
  const [cleared, setCleared] = useState(false);
  return (
    <>
      <h2 class="section-heading">{t('historyHeading')}</h2>
      <label class="setting">
        <input
          type="checkbox"
          name="history"
          checked={settings?.history ?? true}
          disabled={!settings}
          onChange={(e) => void saveSettings({ history: e.currentTarget.checked })}
        />
        <span>{t('historyLabel')}</span>
      </label>
      <p class="muted setting-help">{t('historyHelp')}</p>
      <p class="setting-help">
        <button
          type="button"
          class="button"
          onClick={() => void backgroundMessaging.sendMessage('clearHistory', undefined).then(() => setCleared(true))}
        >
          {t('historyClear')}
        </button>
        {cleared && (
          <span role="status" class="muted">
            {' '}
            {t('historyCleared')}
          </span>
        )}
      </p>
    </>
  );
}

/** The sites Dossier does not read, each with a way back; and whether it is paused everywhere. */
function PausedSites() {
  const settings = useSettings();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState('');
  if (!settings) return null;
  const add = (event: Event) => {
    event.preventDefault();
    const site = siteFromInput(draft);
    if (!site) {
      setProblem(t('pausedAddInvalid', draft.trim()));
      return;
    }
    setProblem('');
    setDraft('');
    if (!settings.pausedSites.includes(site)) void saveSettings({ pausedSites: [...settings.pausedSites, site] });
  };
  return (
    <>
      <h2 class="section-heading">{t('pausedHeading')}</h2>
      {settings.pausedEverywhere && (
        <p>
          {t('pausedEverywhere')}{' '}
          <button type="button" class="button" onClick={() => void saveSettings({ pausedEverywhere: false })}>
            {t('resumeEverywhere')}
          </button>
        </p>
      )}
      {settings.pausedSites.length === 0 ? (
        <p class="muted">{t('pausedNone')}</p>
      ) : (
        <ul class="paused-sites">
          {settings.pausedSites.map((site) => (
            <li key={site}>
              <span>{site}</span>{' '}
              <button
                type="button"
                class="link-button"
                onClick={() => void saveSettings({ pausedSites: settings.pausedSites.filter((s) => s !== site) })}
              >
                {t('resumeSite', site)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="paused-add" onSubmit={add}>
        <label>
          {t('pausedAddLabel')}{' '}
          <input
            type="text"
            value={draft}
            placeholder="news.example.com"
            aria-invalid={problem !== ''}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
        </label>{' '}
        <button type="submit" class="button">
          {t('pausedAdd')}
        </button>
        {problem && (
          <p class="note-error" role="alert">
            {problem}
          </p>
        )}
      </form>
    </>
  );
}
