/**
 * The reader's own entities: add, edit and delete (with undo). Changes go through the background,
 * which rebuilds the matcher and has every open tab read its page again.
 */
import { useState } from 'preact/hooks';
import { EntityEditor } from '@/components/EntityEditor';
import { getDb } from '@/utils/db';
import { t, type MessageKey } from '@/utils/i18n';
import type { Entity } from '@/utils/knowledge/types';
import { listUserEntities, type UserEntityInput } from '@/utils/knowledge/user';
import { backgroundMessaging } from '@/utils/messages';
import { useLiveQuery } from '@/utils/use-live-query';

function inputOf(entity: Entity): UserEntityInput {
  return {
    id: entity.id,
    name: entity.labels.en ?? Object.values(entity.labels)[0] ?? '',
    aliases: Object.values(entity.aliases ?? {}).flat(),
    type: entity.type,
    description: entity.description.en ?? Object.values(entity.description)[0] ?? '',
  };
}

export function EntitiesPanel() {
  const { value, error } = useLiveQuery(() => listUserEntities(getDb()), []);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<UserEntityInput | null>(null);
  const save = async (input: UserEntityInput) => {
    await backgroundMessaging.sendMessage('saveEntity', input);
  };
  return (
    <section class="notes-page" aria-labelledby="entities-heading">
      <header>
        <h1 id="entities-heading">{t('section_entities')}</h1>
        {!adding && (
          <button type="button" class="button primary" onClick={() => setAdding(true)}>
            {t('entityAdd')}
          </button>
        )}
      </header>
      <p class="muted">{t('entitiesIntro')}</p>
      {error && <p role="alert">{error.message}</p>}
      {adding && (
        <div class="note-item">
          <EntityEditor
            onCancel={() => setAdding(false)}
            onSave={async (input) => {
              await save(input);
              setAdding(false);
            }}
          />
        </div>
      )}
      {value && value.length === 0 && !adding && <p class="notes-empty">{t('entitiesEmpty')}</p>}
      {value && value.length > 0 && (
        <ul class="note-list">
          {value.map((entity) => (
            <li key={entity.id} class="note-item" data-entity-id={entity.id}>
              {editing === entity.id ? (
                <EntityEditor
                  initial={inputOf(entity)}
                  onCancel={() => setEditing(null)}
                  onSave={async (input) => {
                    await save(input);
                    setEditing(null);
                  }}
                />
              ) : (
                <>
                  <div class="note-meta">
                    <span class="note-entity">{entity.labels.en}</span>
                    <span>{t(`type_${entity.type}` as MessageKey)}</span>
                    {entity.aliases && <span>{Object.values(entity.aliases).flat().join(', ')}</span>}
                  </div>
                  {entity.description.en && <p class="note-body">{entity.description.en}</p>}
                  <div class="note-item-actions">
                    <button type="button" class="button" onClick={() => setEditing(entity.id)}>
                      {t('edit')}
                    </button>
                    <button
                      type="button"
                      class="button"
                      onClick={() => {
                        const before = inputOf(entity);
                        void backgroundMessaging.sendMessage('deleteEntity', entity.id).then(() => setDeleted(before));
                      }}
                    >
                      {t('delete')}
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {deleted && (
        <div class="notes-status" role="status">
          <span>{t('entityDeleted', deleted.name)}</span>
          <button type="button" class="link-button" onClick={() => void save(deleted).then(() => setDeleted(null))}>
            {t('undo')}
          </button>
        </div>
      )}
    </section>
  );
}
