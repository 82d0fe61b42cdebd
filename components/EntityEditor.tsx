/**
 * Teaching Dossier an entity of the reader's own, or editing one: name, other names, type and
 * description. The same form in the page (from a selection or a card) and on the notes page.
 * What the reader typed stays in the form until the save succeeded.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';
import { ENTITY_TYPES, type EntityType } from '@/utils/knowledge/types';
import type { UserEntityInput } from '@/utils/knowledge/user';

export interface EntityEditorProps {
  initial?: Partial<UserEntityInput>;
  onSave: (input: UserEntityInput) => Promise<void>;
  onCancel: () => void;
  /** Told whether the editor is open, so a card does not hide while the reader writes. */
  headingId?: string;
}

/** "Lee, Lizzi Lee; L. Lee" → ["Lee", "Lizzi Lee", "L. Lee"]: commas and semicolons separate. */
export function parseAliases(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((a) => a.trim())
        .filter(Boolean),
    ),
  ];
}

export function EntityEditor({ initial = {}, onSave, onCancel, headingId }: EntityEditorProps) {
  const [name, setName] = useState(initial.name ?? '');
  const [aliases, setAliases] = useState((initial.aliases ?? []).join(', '));
  const [type, setType] = useState<EntityType>(initial.type ?? 'person');
  const [description, setDescription] = useState(initial.description ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => nameInput.current?.focus(), []);

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy || name.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await onSave({
        ...(initial.id ? { id: initial.id } : {}),
        name: name.trim(),
        aliases: parseAliases(aliases),
        type,
        description: description.trim(),
        ...(initial.wikipedia ? { wikipedia: initial.wikipedia } : {}),
      });
    } catch (e) {
      setError(t('entitySaveFailed', e instanceof Error ? e.message : String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="entity-editor" onSubmit={(e) => void save(e)} aria-labelledby={headingId}>
      <label class="field">
        <span>{t('entityName')}</span>
        <input
          ref={nameInput}
          name="name"
          value={name}
          maxLength={200}
          required
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{t('entityAliases')}</span>
        <input
          name="aliases"
          value={aliases}
          placeholder={t('entityAliasesHint')}
          onInput={(e) => setAliases(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{t('entityType')}</span>
        <select name="type" value={type} onChange={(e) => setType(e.currentTarget.value as EntityType)}>
          {ENTITY_TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`type_${value}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t('entityDescription')}</span>
        <textarea
          name="description"
          rows={2}
          maxLength={2000}
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p class="note-error" role="alert">
          {error}
        </p>
      )}
      <div class="note-actions">
        <button type="submit" class="button primary" disabled={busy || name.trim() === ''}>
          {t('entitySave')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
