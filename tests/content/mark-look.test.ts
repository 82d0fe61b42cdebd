// How the marks look: their highlight names per style and palette, and whether a page is dark.
import { describe, expect, it } from 'vitest';
import {
  allMarkHighlightNames,
  hoverHighlightName,
  markHighlightName,
  pageColorsAt,
  paletteFor,
  parseColor,
  relativeLuminance,
  type Rgba,
  type Surface,
} from '../../utils/content/mark-look';
import { parseHtml } from '../../scripts/lib/page-text';

const clear: Surface = { background: { r: 0, g: 0, b: 0, a: 0 }, hasImage: false };
const solid = (r: number, g: number, b: number, a = 1): Surface => ({ background: { r, g, b, a }, hasImage: false });
const black: Rgba = { r: 17, g: 17, b: 17, a: 1 };
const white: Rgba = { r: 240, g: 240, b: 240, a: 1 };

describe('highlight names', () => {
  it('keep the plain name for the default look and name every other look apart', () => {
    expect(markHighlightName('person', { style: 'underline', palette: 'light' })).toBe('dossier-person');
    expect(markHighlightName('person', { style: 'tint', palette: 'light' })).toBe('dossier-tint-person');
    expect(markHighlightName('place', { style: 'underline-tint', palette: 'dark' })).toBe(
      'dossier-dark-underline-tint-place',
    );
    expect(markHighlightName('company', { style: 'underline', palette: 'dark' })).toBe('dossier-dark-company');
    expect(hoverHighlightName('product', 'light')).toBe('dossier-hover-product');
    expect(hoverHighlightName('product', 'dark')).toBe('dossier-hover-dark-product');
  });

  it('are all known, and distinct, so clearing never needs to list the registry', () => {
    const names = allMarkHighlightNames();
    // 8 types × 2 palettes × (3 styles + hover)
    expect(names).toHaveLength(64);
    expect(new Set(names).size).toBe(64);
    expect(names).toContain('dossier-dark-tint-other');
    expect(names).not.toContain('dossier-hover');
  });
});

describe('parseColor', () => {
  it('reads computed sRGB colours in both syntaxes', () => {
    expect(parseColor('rgb(255, 255, 255)')).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    expect(parseColor('rgba(0, 0, 0, 0)')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseColor('rgb(10 20 30 / 50%)')).toEqual({ r: 10, g: 20, b: 30, a: 0.5 });
    expect(parseColor('transparent')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
  });

  it('leaves other colour spaces to the caller', () => {
    expect(parseColor('oklch(0.2 0.01 250)')).toBeNull();
    expect(parseColor('rgb(1, 2)')).toBeNull();
  });
});

describe('paletteFor', () => {
  it('is light on a transparent page over a light canvas, and dark over a dark one', () => {
    expect(paletteFor({ surfaces: [clear, clear], text: black, darkCanvas: false })).toBe('light');
    expect(paletteFor({ surfaces: [clear, clear], text: white, darkCanvas: true })).toBe('dark');
  });

  it('takes the nearest opaque background, whatever lies below it', () => {
    expect(
      paletteFor({ surfaces: [clear, solid(24, 26, 32), solid(255, 255, 255)], text: white, darkCanvas: false }),
    ).toBe('dark');
    expect(paletteFor({ surfaces: [solid(250, 248, 240), solid(0, 0, 0)], text: black, darkCanvas: true })).toBe(
      'light',
    );
  });

  it('blends translucent backgrounds over what is beneath them', () => {
    // A faint dark veil over white stays light; a strong one makes the page dark.
    expect(paletteFor({ surfaces: [solid(0, 0, 0, 0.1), solid(255, 255, 255)], text: black, darkCanvas: false })).toBe(
      'light',
    );
    expect(paletteFor({ surfaces: [solid(0, 0, 0, 0.85), solid(255, 255, 255)], text: white, darkCanvas: false })).toBe(
      'dark',
    );
  });

  it('trusts the text colour over a background image', () => {
    const image: Surface = { background: { r: 0, g: 0, b: 0, a: 0 }, hasImage: true };
    expect(paletteFor({ surfaces: [clear, image], text: white, darkCanvas: false })).toBe('dark');
    expect(paletteFor({ surfaces: [clear, image], text: black, darkCanvas: true })).toBe('light');
  });

  it('uses the luminance at which white text starts to read better than black', () => {
    expect(relativeLuminance({ r: 255, g: 255, b: 255, a: 1 })).toBeCloseTo(1);
    expect(relativeLuminance({ r: 0, g: 0, b: 0, a: 1 })).toBe(0);
    expect(paletteFor({ surfaces: [solid(100, 100, 100)], text: white, darkCanvas: false })).toBe('dark');
    expect(paletteFor({ surfaces: [solid(160, 160, 160)], text: black, darkCanvas: false })).toBe('light');
  });
});

describe('pageColorsAt', () => {
  it('reads the backgrounds from the element up to the root', () => {
    const doc =
      parseHtml(`<!doctype html><html><body style="background-color: rgb(20, 22, 28); color: rgb(230, 230, 230)">
      <article><p id="p">Text</p></article></body></html>`);
    const colors = pageColorsAt(doc.getElementById('p')!);
    // p, article, body, html
    expect(colors.surfaces).toHaveLength(4);
    expect(paletteFor(colors)).toBe('dark');
  });
});
