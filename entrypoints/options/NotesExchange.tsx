/**
 * Export and import on the notes page. Export writes the notes it is given (the selection, the
 * notes shown, or all) in the chosen format. Import reads a file, checks all of it before anything
 * happens, shows what it would change, and writes only when the reader confirms, in one
 * transaction: a bad file or a cancel leaves the notes exactly as they were.
 */
import { useRef, useState } from 'preact/hooks';
import { downloadFile } from '@/utils/download';
import { getDb } from '@/utils/db';
import { t, type MessageKey } from '@/utils/i18n';
import {
  applyImport,
  exportNotes,
  MAX_IMPORT_BYTES,
  parseNotesFile,
  planImport,
  type EntityNames,
  type ExportFormat,
  type ImportPlan,
} from '@/utils/notes/exchange';
import type { Note } from '@/utils/notes/model';

export interface NotesExchangeProps {
  /** What "Export" writes, and how the button says it. */
  notes: Note[];
  scope: 'selected' | 'shown' | 'all';
  names: EntityNames;
}

const FORMATS: ExportFormat[] = ['dossier', 'w3c', 'markdown', 'csv'];

type ImportState =
  | { step: 'idle' }
  | { step: 'error'; message: string }
  | { step: 'preview'; fileName: string; plan: ImportPlan }
  | { step: 'done'; message: string };

export function NotesExchange({ notes, scope, names }: NotesExchangeProps) {
  const [format, setFormat] = useState<ExportFormat>('dossier');
  const [exported, setExported] = useState<string | null>(null);
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const exportLabel = { selected: 'exportSelected', shown: 'exportShown', all: 'exportAll' } as const;

  const chooseFile = async (file: File) => {
    setState({ step: 'idle' });
    const refuse = (reason: string) => setState({ step: 'error', message: t('importFailed', [file.name, reason]) });
    if (file.size > MAX_IMPORT_BYTES) {
      refuse(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      refuse(e instanceof Error ? e.message : String(e));
      return;
    }
    const parsed = parseNotesFile(text);
    if (!parsed.ok) {
      refuse(parsed.error);
      return;
    }
    // Deleted notes waiting for their undo count too: the newer-wins rule compares with every row.
    const existing = await getDb().notes.toArray();
    setState({ step: 'preview', fileName: file.name, plan: planImport(existing, parsed.notes) });
  };

  const confirm = async (plan: ImportPlan) => {
    setBusy(true);
    try {
      const result = await applyImport(getDb(), plan);
      setState({ step: 'done', message: t('importDone', [String(result.added), String(result.updated)]) });
    } catch (e) {
      setState({ step: 'error', message: t('importApplyFailed', e instanceof Error ? e.message : String(e)) });
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <section class="notes-exchange" aria-labelledby="exchange-heading">
      <h2 id="exchange-heading" class="section-heading">
        {t('exchangeHeading')}
      </h2>
      <div class="exchange-row">
        <label class="filter">
          <span>{t('exportFormat')}</span>
          <select value={format} onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}>
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`format_${f}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="button primary"
          disabled={notes.length === 0}
          onClick={() => {
            const file = exportNotes(format, notes, { names });
            downloadFile(file);
            setExported(t('exportDone', file.filename));
          }}
        >
          {t(exportLabel[scope], String(notes.length))}
        </button>
        {exported && (
          <span class="muted" role="status">
            {exported}
          </span>
        )}
      </div>
      <div class="exchange-row">
        <label class="filter">
          <span>{t('importLabel')}</span>
          <input
            ref={fileInput}
            type="file"
            accept=".json,.jsonld,application/json,application/ld+json"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void chooseFile(file);
            }}
          />
        </label>
      </div>
      {state.step === 'error' && (
        <p class="import-error" role="alert">
          {state.message}
        </p>
      )}
      {state.step === 'preview' && (
        <div class="import-preview" role="status">
          <p>
            {t('importPreview', [
              state.fileName,
              String(state.plan.add.length),
              String(state.plan.update.length),
              String(state.plan.unchanged),
            ])}
          </p>
          <div class="note-actions">
            <button
              type="button"
              class="button primary"
              disabled={busy || state.plan.add.length + state.plan.update.length === 0}
              onClick={() => void confirm(state.plan)}
            >
              {t('importConfirm')}
            </button>
            <button
              type="button"
              class="button"
              onClick={() => {
                setState({ step: 'idle' });
                if (fileInput.current) fileInput.current.value = '';
              }}
            >
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {state.step === 'done' && (
        <p class="muted" role="status">
          {state.message}
        </p>
      )}
    </section>
  );
}
