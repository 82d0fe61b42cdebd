/**
 * The reading settings as a form: the marks' style with a preview of their colours on a light and a
 * dark page, the entity types to mark, and the card's delay. It only renders what it is given and
 * reports changes; ReadingPanel connects it to the stored settings.
 */
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { markHighlightName, hoverHighlightName, PALETTES, type Palette } from '@/utils/content/mark-look';
import { t, type MessageKey } from '@/utils/i18n';
import { ENTITY_TYPES, type EntityType } from '@/utils/knowledge/types';
import { HOVER_DELAY, MARK_STYLES, type MarkStyle, type Settings } from '@/utils/settings';

export type ReadingSettings = Pick<Settings, 'markStyle' | 'unmarkedTypes' | 'hoverDelayMs'>;

export interface ReadingSettingsFormProps {
  settings: ReadingSettings;
  onChange: (change: Partial<ReadingSettings>) => void;
}

export function ReadingSettingsForm({ settings, onChange }: ReadingSettingsFormProps) {
  const toggleType = (type: EntityType, marked: boolean) => {
    const others = settings.unmarkedTypes.filter((t) => t !== type);
    onChange({ unmarkedTypes: marked ? others : [...others, type] });
  };
  return (
    <>
      <fieldset class="reading-group">
        <legend class="section-heading">{t('markStyleHeading')}</legend>
        {MARK_STYLES.map((style) => (
          <label key={style} class="setting">
            <input
              type="radio"
              name="markStyle"
              value={style}
              checked={settings.markStyle === style}
              onChange={() => onChange({ markStyle: style })}
            />
            <span>{t(`markStyle_${style.replace('-', '_')}` as MessageKey)}</span>
          </label>
        ))}
        <MarksPreview markStyle={settings.markStyle} unmarked={settings.unmarkedTypes} />
      </fieldset>
      <fieldset class="reading-group">
        <legend class="section-heading">{t('markedTypesHeading')}</legend>
        <div class="reading-types">
          {ENTITY_TYPES.map((type) => (
            <label key={type} class="setting">
              <input
                type="checkbox"
                name="markedType"
                value={type}
                checked={!settings.unmarkedTypes.includes(type)}
                onChange={(e) => toggleType(type, e.currentTarget.checked)}
              />
              <span>{t(`typePlural_${type}` as MessageKey)}</span>
            </label>
          ))}
        </div>
        <p class="muted setting-help">{t('markedTypesHelp')}</p>
      </fieldset>
      <HoverDelay value={settings.hoverDelayMs} onChange={(hoverDelayMs) => onChange({ hoverDelayMs })} />
    </>
  );
}

/**
 * The slider moves freely while it is dragged and the delay is stored once it is let go: synced
 * storage allows only so many writes a minute.
 */
function HoverDelay({ value, onChange }: { value: number; onChange: (ms: number) => void }) {
  const [shown, setShown] = useState(value);
  useEffect(() => setShown(value), [value]);
  const commit = (raw: string) => {
    const ms = Number(raw);
    if (!Number.isFinite(ms) || raw.trim() === '') {
      setShown(value);
      return;
    }
    const clamped = Math.min(HOVER_DELAY.max, Math.max(HOVER_DELAY.min, Math.round(ms)));
    setShown(clamped);
    if (clamped !== value) onChange(clamped);
  };
  return (
    <fieldset class="reading-group">
      <legend class="section-heading">{t('hoverDelayHeading')}</legend>
      <p id="hover-delay-label" class="reading-delay-label">
        {t('hoverDelayLabel')}
      </p>
      <div class="reading-delay">
        <input
          type="range"
          name="hoverDelayRange"
          aria-labelledby="hover-delay-label"
          aria-valuetext={`${shown} ${t('hoverDelayUnit')}`}
          min={HOVER_DELAY.min}
          max={HOVER_DELAY.max}
          step={HOVER_DELAY.step}
          value={shown}
          onInput={(e) => setShown(Number(e.currentTarget.value))}
          onChange={(e) => commit(e.currentTarget.value)}
        />
        <input
          type="number"
          name="hoverDelayMs"
          aria-labelledby="hover-delay-label hover-delay-unit"
          min={HOVER_DELAY.min}
          max={HOVER_DELAY.max}
          step={HOVER_DELAY.step}
          value={shown}
          onChange={(e) => commit(e.currentTarget.value)}
        />
        <span id="hover-delay-unit">{t('hoverDelayUnit')}</span>
      </div>
      <p class="muted setting-help">{t('hoverDelayHelp')}</p>
    </fieldset>
  );
}

/**
 * Each type's name marked as it would be on a page, on a light and on a dark ground, and one
 * marked as under the pointer. The preview paints with the same highlights and stylesheet as the
 * pages do, so it cannot drift from them.
 */
function MarksPreview({ markStyle, unmarked }: { markStyle: MarkStyle; unmarked: readonly EntityType[] }) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = root.current;
    if (!container || typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    const highlights = new Map<string, Highlight>();
    const add = (name: string, element: Element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      let highlight = highlights.get(name);
      if (!highlight) {
        highlight = new Highlight();
        highlights.set(name, highlight);
      }
      highlight.add(range);
    };
    for (const element of Array.from(container.querySelectorAll<HTMLElement>('[data-type]'))) {
      const type = element.dataset.type as EntityType;
      const palette = element.dataset.palette as Palette;
      if (element.dataset.hover !== undefined) add(hoverHighlightName(type, palette), element);
      else if (!unmarked.includes(type)) add(markHighlightName(type, { style: markStyle, palette }), element);
    }
    for (const [name, highlight] of highlights) CSS.highlights.set(name, highlight);
    return () => {
      for (const name of highlights.keys()) CSS.highlights.delete(name);
    };
  }, [markStyle, unmarked]);
  return (
    <div class="marks-preview" ref={root} role="group" aria-label={t('markPreviewLabel')}>
      {PALETTES.map((palette) => (
        <div key={palette} class={`marks-preview-page marks-preview-${palette}`} data-palette-box={palette}>
          <p class="marks-preview-caption">{t(palette === 'light' ? 'markPreviewLight' : 'markPreviewDark')}</p>
          <p class="marks-preview-names">
            {ENTITY_TYPES.map((type, i) => (
              <Fragment key={type}>
                {i > 0 && ' · '}
                <span
                  data-type={type}
                  data-palette={palette}
                  class={unmarked.includes(type) ? 'marks-preview-off' : undefined}
                >
                  {t(`type_${type}` as MessageKey)}
                </span>
              </Fragment>
            ))}
          </p>
          <p class="marks-preview-caption">
            {t('markPreviewHover')}:{' '}
            <span data-type="person" data-palette={palette} data-hover="">
              {t('type_person')}
            </span>
          </p>
        </div>
      ))}
    </div>
  );
}
