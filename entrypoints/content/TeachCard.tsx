/**
 * "Add to Dossier" for a selection: the entity editor in a card beside the selected text. With
 * online lookups on, the reader can first look the name up on Wikipedia and pick the article
 * they mean; the editor is then filled from it, and the entity keeps its Wikipedia link. Once
 * saved, the background rebuilds its matcher and every open tab reads its page again, so the new
 * entity is marked at once.
 */
import { useEffect, useState } from 'preact/hooks';
import { EntityEditor } from '@/components/EntityEditor';
import type { OnlineMatch } from '@/utils/background/service';
import { t } from '@/utils/i18n';
import type { UserEntityInput } from '@/utils/knowledge/user';
import { backgroundMessaging } from '@/utils/messages';
import { loadSettings } from '@/utils/settings';
import { DossierDialog } from './DossierDialog';

export interface TeachCardProps {
  text: string;
  lang: string;
  onClose: () => void;
}

type Lookup = { state: 'idle' } | { state: 'searching' } | { state: 'found'; matches: OnlineMatch[] };

export function TeachCard({ text, lang, onClose }: TeachCardProps) {
  const [saved, setSaved] = useState<string | null>(null);
  const [online, setOnline] = useState(false);
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' });
  const [initial, setInitial] = useState<Partial<UserEntityInput>>({ name: text });
  const headingId = 'dossier-teach-heading';

  useEffect(() => {
    void loadSettings()
      .then((s) => setOnline(s.onlineLookups))
      .catch(() => setOnline(false));
  }, []);

  const search = async () => {
    setLookup({ state: 'searching' });
    try {
      const matches = await backgroundMessaging.sendMessage('searchOnline', { query: text, lang });
      setLookup({ state: 'found', matches });
    } catch {
      setLookup({ state: 'found', matches: [] });
    }
  };

  const choose = (match: OnlineMatch) => {
    setInitial({
      name: match.title,
      aliases: match.title === text ? [] : [text],
      description: match.description ?? '',
      wikipedia: { [match.lang]: match.title },
    });
    setLookup({ state: 'idle' });
  };

  return (
    <DossierDialog headingId={headingId} heading={t('teachHeading')} onClose={onClose}>
      {saved ? (
        <p class="card-status" role="status">
          {t('entitySaved', saved)}
        </p>
      ) : (
        <>
          {online && lookup.state === 'idle' && !initial.wikipedia && (
            <div class="card-more">
              <button type="button" class="link-button" onClick={() => void search()}>
                {t('lookUpOnline')}
              </button>
            </div>
          )}
          {lookup.state === 'searching' && <p class="card-status">{t('lookUpSearching')}</p>}
          {lookup.state === 'found' && (
            <section class="card-matches" aria-label={t('lookUpResults')}>
              {lookup.matches.length === 0 && <p class="card-status">{t('lookUpNone')}</p>}
              <ul>
                {lookup.matches.map((m) => (
                  <li key={`${m.lang}:${m.title}`}>
                    <button type="button" class="link-button" onClick={() => choose(m)}>
                      {m.title}
                    </button>
                    {m.description && <span class="muted"> — {m.description}</span>}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <EntityEditor
            key={JSON.stringify(initial)}
            headingId={headingId}
            initial={initial}
            onCancel={onClose}
            onSave={async (input) => {
              const entity = await backgroundMessaging.sendMessage('saveEntity', input);
              setSaved(entity.labels.en ?? input.name);
            }}
          />
        </>
      )}
    </DossierDialog>
  );
}
