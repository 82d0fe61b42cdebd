/**
 * How the marks look: which highlight names carry a type's marks for the reader's chosen style and
 * for the page's brightness, and how bright the page is behind the article. The page's DOM is not
 * ours to change (no classes, no attributes), so every look is a highlight name of its own, styled
 * in highlights.css, and switching looks means registering the same highlight under another name.
 * Pure functions, unit-tested without a browser.
 */
import { ENTITY_TYPES, type EntityType } from '../knowledge/types';

/**
 * How names are marked on the page: a thin underline in the type's colour (quiet, the default),
 * a soft background tint in that colour (easier to spot), or both.
 */
export const MARK_STYLES = ['underline', 'tint', 'underline-tint'] as const;
export type MarkStyle = (typeof MARK_STYLES)[number];

/** The colours for a light page (saturated, darker) or a dark page (lighter, so they stay readable). */
export type Palette = 'light' | 'dark';
export const PALETTES: readonly Palette[] = ['light', 'dark'];

export interface MarkLook {
  style: MarkStyle;
  palette: Palette;
}

export const DEFAULT_LOOK: MarkLook = { style: 'underline', palette: 'light' };

/**
 * The highlight name of a type's marks in a look: `dossier-person` for the default look (the
 * name pages and tests have always seen), `dossier-dark-tint-person` for a tint on a dark page.
 */
export function markHighlightName(type: EntityType, look: MarkLook): string {
  const palette = look.palette === 'dark' ? 'dark-' : '';
  const style = look.style === 'underline' ? '' : `${look.style}-`;
  return `dossier-${palette}${style}${type}`;
}

/** The highlight of the mention under the pointer: a stronger mark in its type's colour. */
export function hoverHighlightName(type: EntityType, palette: Palette): string {
  return `dossier-hover-${palette === 'dark' ? 'dark-' : ''}${type}`;
}

/**
 * Every name Dossier may register for marks and hovered marks: the registry is shared with the
 * page and cannot be iterated from a Firefox content script, so clearing deletes each by name.
 */
export function allMarkHighlightNames(): string[] {
  const names: string[] = [];
  for (const type of ENTITY_TYPES) {
    for (const palette of PALETTES) {
      for (const style of MARK_STYLES) names.push(markHighlightName(type, { style, palette }));
      names.push(hoverHighlightName(type, palette));
    }
  }
  return names;
}

export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0 (transparent) to 1 (opaque). */
  a: number;
}

/**
 * Parses a colour as `getComputedStyle` gives it for sRGB colours: `rgb(…)` or `rgba(…)`, with
 * commas or spaces, or `transparent`. Anything else (oklch, lab, color()) returns null, and the
 * caller converts it first.
 */
export function parseColor(css: string): Rgba | null {
  const text = css.trim().toLowerCase();
  if (text === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const match = /^rgba?\(\s*([^)]*)\)$/.exec(text);
  if (!match) return null;
  const parts = match[1]!.split(/[\s,/]+/).filter(Boolean);
  if (parts.length !== 3 && parts.length !== 4) return null;
  const channel = (part: string) => (part.endsWith('%') ? (parseFloat(part) * 255) / 100 : parseFloat(part));
  const [r, g, b] = parts.slice(0, 3).map(channel) as [number, number, number];
  const alphaText = parts[3];
  const a = alphaText === undefined ? 1 : alphaText.endsWith('%') ? parseFloat(alphaText) / 100 : parseFloat(alphaText);
  if (![r, g, b, a].every(Number.isFinite)) return null;
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  return { r: clamp(r, 255), g: clamp(g, 255), b: clamp(b, 255), a: clamp(a, 1) };
}

/** WCAG relative luminance of an opaque colour, 0 (black) to 1 (white). */
export function relativeLuminance({ r, g, b }: Rgba): number {
  const linear = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/**
 * Below this luminance black text has less contrast than white text: the background is dark and
 * the marks' colours must be light to be seen on it.
 */
const DARK_BELOW = 0.18;

/** One element's own background, as computed. */
export interface Surface {
  background: Rgba;
  /** A background image (or gradient), whose colours cannot be read. */
  hasImage: boolean;
}

export interface PageColors {
  /** The backgrounds from the element the marks sit in up to the root element. */
  surfaces: Surface[];
  /** The text colour there: where the background is an image, the author's text colour tells. */
  text: Rgba;
  /** Whether the canvas behind a transparent page is dark (a dark colour scheme). */
  darkCanvas: boolean;
}

/** Whether the marks sit on a light or a dark background. */
export function paletteFor({ surfaces, text, darkCanvas }: PageColors): Palette {
  // The backgrounds are painted from the canvas upwards; the first opaque one hides all below it.
  const layers: Rgba[] = [];
  let base: Rgba | null = null;
  for (const surface of surfaces) {
    if (surface.hasImage) {
      // The text was made readable on the image: light text means a dark image.
      return relativeLuminance(text) > 0.4 ? 'dark' : 'light';
    }
    if (surface.background.a >= 0.999) {
      base = surface.background;
      break;
    }
    if (surface.background.a > 0) layers.push(surface.background);
  }
  let colour: Rgba = base ?? (darkCanvas ? { r: 18, g: 18, b: 18, a: 1 } : { r: 255, g: 255, b: 255, a: 1 });
  for (const layer of layers.reverse()) {
    colour = {
      r: layer.r * layer.a + colour.r * (1 - layer.a),
      g: layer.g * layer.a + colour.g * (1 - layer.a),
      b: layer.b * layer.a + colour.b * (1 - layer.a),
      a: 1,
    };
  }
  return relativeLuminance(colour) < DARK_BELOW ? 'dark' : 'light';
}

/**
 * The colours behind an element of the page, read from computed styles only (nothing is added to
 * the page). Shadow roots are crossed to their hosts, as the backgrounds are painted.
 */
export function pageColorsAt(element: Element): PageColors {
  const view = element.ownerDocument.defaultView ?? window;
  const surfaces: Surface[] = [];
  for (let el: Element | null = element; el; el = el.parentElement ?? hostOf(el)) {
    const style = view.getComputedStyle(el);
    surfaces.push({
      background: toRgba(style.backgroundColor) ?? { r: 0, g: 0, b: 0, a: 0 },
      hasImage: style.backgroundImage !== '' && style.backgroundImage !== 'none',
    });
  }
  const root = element.ownerDocument.documentElement;
  const scheme = `${view.getComputedStyle(root).colorScheme} ${
    element.ownerDocument.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? ''
  }`;
  const prefersDark = typeof view.matchMedia === 'function' && view.matchMedia('(prefers-color-scheme: dark)').matches;
  return {
    surfaces,
    text: toRgba(view.getComputedStyle(element).color) ?? { r: 0, g: 0, b: 0, a: 1 },
    darkCanvas: /\bdark\b/.test(scheme) && (prefersDark || !/\blight\b/.test(scheme)),
  };
}

function hostOf(el: Element): Element | null {
  return (el.getRootNode() as Partial<ShadowRoot>).host ?? null;
}

let converter: OffscreenCanvasRenderingContext2D | null | undefined;

/**
 * A computed colour as sRGB. Modern pages write colours in oklch or lab, which computed styles
 * keep; a canvas that is never attached to the page converts them.
 */
function toRgba(css: string): Rgba | null {
  const parsed = parseColor(css);
  if (parsed) return parsed;
  if (converter === undefined) {
    converter = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
  }
  if (!converter) return null;
  converter.clearRect(0, 0, 1, 1);
  converter.fillStyle = '#000';
  converter.fillStyle = css;
  converter.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = converter.getImageData(0, 0, 1, 1).data;
  return { r: r!, g: g!, b: b!, a: a! / 255 };
}
