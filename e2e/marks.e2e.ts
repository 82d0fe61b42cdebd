// The marks on the page as the reader sets them in the Reading section: their style changes on an
// open article at once, a type switched off loses its marks and opens no card, the card waits for
// the delay the reader chose, and a dark page gets colours that stay readable on it, all without a
// change to the page's DOM. The README's pictures of the marks and of the settings come from here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Launched } from '../scripts/lib/launch';
import { ROOT } from '../scripts/lib/pack-sources';
import type { StaticServer } from '../scripts/lib/static-server';
import { parseColor, relativeLuminance, type Rgba } from '../utils/content/mark-look';
import {
  CardProbe,
  hoverText,
  openArticle,
  paintedMarks,
  saveScreenshot,
  selectText,
  startBrowser,
  startServer,
  waitForMarks,
} from './helpers/harness';

const DOCS_DIR = join(ROOT, 'docs');

let server: StaticServer;
let browser: Launched;
let options: Page;
let article: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await startBrowser();
  article = await openArticle(browser, server, 'trade-talks-en.html');
  options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html#reading`);
  await options.getByRole('radio', { name: 'Underline (quiet)' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The names the marks are registered under, without the hovered mark, notes and flashes. */
async function markNames(page: Page): Promise<string[]> {
  return Object.keys(await paintedMarks(page))
    .filter((name) => name !== 'dossier-note' && name !== 'dossier-flash')
    .sort();
}

/** How the browser paints each registered mark: read from the highlight's computed style. */
async function painting(page: Page) {
  return page.evaluate(() => {
    const out: Record<string, { line: string; decoration: string; background: string; ground: string }> = {};
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('dossier-') || name.startsWith('dossier-hover')) continue;
      if (name === 'dossier-note' || name === 'dossier-flash') continue;
      const range = [...(highlight as unknown as Set<Range>)][0];
      const element = range?.startContainer.parentElement;
      if (!element) continue;
      const style = getComputedStyle(element, `::highlight(${name})`);
      // The colour the mark sits on: the nearest opaque background above it.
      let ground = 'rgb(255, 255, 255)';
      for (let el: Element | null = element; el; el = el.parentElement) {
        const bg = getComputedStyle(el).backgroundColor;
        if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') {
          ground = bg;
          break;
        }
      }
      out[name] = {
        line: style.textDecorationLine,
        decoration: style.textDecorationColor,
        background: style.backgroundColor,
        ground,
      };
    }
    return out;
  });
}

/** WCAG contrast of a translucent colour laid over an opaque ground. */
function contrastOn(colour: string, ground: string): number {
  const c = parseColor(colour)!;
  const g = parseColor(ground)!;
  const over: Rgba = {
    r: c.r * c.a + g.r * (1 - c.a),
    g: c.g * c.a + g.g * (1 - c.a),
    b: c.b * c.a + g.b * (1 - c.a),
    a: 1,
  };
  const [hi, lo] = [relativeLuminance(over), relativeLuminance(g)].sort((a, b) => b - a) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The hovered mark's highlight names, as the page's registry holds them. */
async function hoverNames(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const names: string[] = [];
    for (const name of CSS.highlights.keys()) if (name.startsWith('dossier-hover')) names.push(name);
    return names;
  });
}

/** Two animation frames: the content script's hit-test for the last pointer move has then run. */
async function afterHitTest(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

/** A screenshot for the README, of the article's opening paragraphs. */
async function saveDocScreenshot(page: Page, name: string, paragraphs: string): Promise<void> {
  const clip = await page.evaluate((selector) => {
    const boxes = [...document.querySelectorAll(selector)].map((p) => p.getBoundingClientRect());
    const top = Math.min(...boxes.map((b) => b.top));
    const bottom = Math.max(...boxes.map((b) => b.bottom));
    const left = Math.min(...boxes.map((b) => b.left));
    const right = Math.max(...boxes.map((b) => b.right));
    // In the page's coordinates: the picture may reach below the window.
    return {
      x: Math.max(0, left + scrollX - 24),
      y: Math.max(0, top + scrollY - 16),
      width: right - left + 48,
      height: bottom - top + 32,
    };
  }, paragraphs);
  mkdirSync(DOCS_DIR, { recursive: true });
  await page.screenshot({ path: join(DOCS_DIR, name), clip, fullPage: true });
}

describe('the Reading section', () => {
  it('offers the style with a preview, every type, and the card delay, each with a label', async () => {
    for (const name of ['Underline (quiet)', 'Background tint', 'Underline and tint']) {
      await expect(options.getByRole('radio', { name }).count()).resolves.toBe(1);
    }
    expect(await options.getByRole('radio', { name: 'Underline (quiet)' }).isChecked()).toBe(true);
    for (const name of ['People', 'Organisations', 'Companies', 'Products', 'Places', 'Events', 'Works', 'Other']) {
      expect(await options.getByRole('checkbox', { name }).isChecked(), name).toBe(true);
    }
    const delay = options.getByRole('spinbutton', { name: /Open the card after the pointer rests/ });
    expect(await delay.inputValue()).toBe('300');
    expect(await options.getByRole('slider', { name: /Open the card after the pointer rests/ }).inputValue()).toBe(
      '300',
    );
    // The preview paints with the pages' own highlights: every type, on a light and a dark ground.
    const preview = await markNames(options);
    expect(preview).toEqual(expect.arrayContaining(['dossier-person', 'dossier-dark-person', 'dossier-dark-place']));
    expect((await hoverNames(options)).sort()).toEqual(['dossier-hover-dark-person', 'dossier-hover-person']);
    mkdirSync(DOCS_DIR, { recursive: true });
    await options.screenshot({ path: join(DOCS_DIR, 'reading-settings.png'), fullPage: true });
  });
});

describe('the style of the marks', () => {
  it('changes on an open article as soon as the reader picks another, and back', async () => {
    const before = await paintedMarks(article);
    expect(await markNames(article)).toEqual(
      expect.arrayContaining(['dossier-person', 'dossier-company', 'dossier-place', 'dossier-product']),
    );
    const quiet = await painting(article);
    expect(quiet['dossier-person']!.line).toBe('underline');
    expect(parseColor(quiet['dossier-person']!.background)!.a).toBe(0);

    await options.getByRole('radio', { name: 'Background tint' }).check();
    await expect
      .poll(() => markNames(article), { timeout: 10_000 })
      .toEqual(
        Object.keys(before)
          .map((name) => name.replace('dossier-', 'dossier-tint-'))
          .sort(),
      );
    // The same names are marked, now painted as a tint rather than an underline.
    const tinted = await paintedMarks(article);
    expect(tinted['dossier-tint-person']).toEqual(before['dossier-person']);
    const tint = await painting(article);
    for (const [name, paint] of Object.entries(tint)) {
      expect(paint.line, name).toBe('none');
      expect(parseColor(paint.background)!.a, name).toBeGreaterThan(0);
    }
    await saveScreenshot(article, 'marks-tint-light');

    await options.getByRole('radio', { name: 'Underline and tint' }).check();
    await expect.poll(() => markNames(article), { timeout: 10_000 }).toContain('dossier-underline-tint-person');
    const both = await painting(article);
    expect(both['dossier-underline-tint-person']!.line).toBe('underline');
    expect(parseColor(both['dossier-underline-tint-person']!.background)!.a).toBeGreaterThan(0);

    await options.getByRole('radio', { name: 'Underline (quiet)' }).check();
    await expect.poll(() => markNames(article), { timeout: 10_000 }).toEqual(Object.keys(before).sort());
  });

  it('stays readable on the light page, and a hovered name is marked more strongly in its own colour', async () => {
    for (const [name, paint] of Object.entries(await painting(article))) {
      // WCAG's contrast for graphical marks: at least 3:1 against what they sit on.
      expect(contrastOn(paint.decoration, paint.ground), name).toBeGreaterThanOrEqual(3);
    }
    await hoverText(article, 'Jensen Huang');
    await expect.poll(() => hoverNames(article), { timeout: 10_000 }).toEqual(['dossier-hover-person']);
    const hovered = await article.evaluate(() => {
      const range = [...(CSS.highlights.get('dossier-hover-person') as unknown as Set<Range>)][0]!;
      const style = getComputedStyle(range.startContainer.parentElement!, '::highlight(dossier-hover-person)');
      return { text: range.toString(), thickness: style.textDecorationThickness, background: style.backgroundColor };
    });
    const mark = (await painting(article))['dossier-person']!;
    expect(hovered.text).toBe('Jensen Huang');
    expect(parseFloat(hovered.thickness)).toBeGreaterThan(2);
    // The hover is a stronger version of the person's colour, not a colour of its own.
    const hover = parseColor(hovered.background)!;
    const person = parseColor(mark.decoration)!;
    expect([hover.r, hover.g, hover.b]).toEqual([person.r, person.g, person.b]);
    await new CardProbe(article).waitForText((t) => t !== null && t.includes('Jensen Huang'));
    await article.keyboard.press('Escape');
    await new CardProbe(article).waitForText((t) => t === null);
    await saveDocScreenshot(article, 'marks-light.png', 'article.story > p:nth-of-type(n+3):nth-of-type(-n+5)');
  });
});

describe('a dark page', () => {
  let dark: Page;
  let served = '';

  beforeAll(async () => {
    dark = await browser.context.newPage();
    await dark.route('**/dark-article.html', async (route) => {
      const response = await route.fetch();
      served = await response.text();
      await route.fulfill({ response });
    });
    await dark.goto(`${server.url}/dark-article.html`);
    await waitForMarks(dark);
  });

  it('gets the lighter palette, which stays readable on it', async () => {
    const names = await markNames(dark);
    expect(names).toEqual(
      expect.arrayContaining([
        'dossier-dark-person',
        'dossier-dark-company',
        'dossier-dark-place',
        'dossier-dark-product',
        'dossier-dark-organization',
      ]),
    );
    expect(names.filter((name) => !name.startsWith('dossier-dark-'))).toEqual([]);
    expect((await paintedMarks(dark))['dossier-dark-person']).toContain('Jensen Huang');
    const paints = await painting(dark);
    for (const [name, paint] of Object.entries(paints)) {
      expect(contrastOn(paint.decoration, paint.ground), name).toBeGreaterThanOrEqual(3);
    }
    // The light page's colour for a person would be too dark to read there.
    const light = (await painting(article))['dossier-person']!.decoration;
    expect(contrastOn(light, paints['dossier-dark-person']!.ground)).toBeLessThan(
      contrastOn(paints['dossier-dark-person']!.decoration, paints['dossier-dark-person']!.ground),
    );
  });

  it('marks a hovered name in the dark palette, and follows the chosen style', async () => {
    await hoverText(dark, 'Ursula von der Leyen');
    await expect.poll(() => hoverNames(dark), { timeout: 10_000 }).toEqual(['dossier-hover-dark-person']);
    await saveDocScreenshot(dark, 'marks-dark.png', 'article p:not(.kicker):not(.byline):not(.standfirst)');
    await dark.mouse.move(5, 5);
    await expect.poll(() => hoverNames(dark), { timeout: 10_000 }).toEqual([]);

    await options.getByRole('radio', { name: 'Background tint' }).check();
    await expect.poll(() => markNames(dark), { timeout: 10_000 }).toContain('dossier-dark-tint-person');
    await saveScreenshot(dark, 'marks-tint-dark');
    await options.getByRole('radio', { name: 'Underline (quiet)' }).check();
    await expect.poll(() => markNames(dark), { timeout: 10_000 }).toContain('dossier-dark-person');
  });

  it('leaves the page as it was served: no element, attribute or style sheet added', async () => {
    const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(served)![1]!;
    const servedElements = (body.replace(/<!--[\s\S]*?-->/g, '').match(/<[a-zA-Z][^>]*>/g) ?? []).length;
    const now = await dark.evaluate(() => ({
      elements: document.body.querySelectorAll('*').length,
      htmlAttributes: document.documentElement.getAttributeNames(),
      bodyAttributes: document.body.getAttributeNames(),
      styles: document.querySelectorAll('style, link[rel="stylesheet"]').length,
      adopted: document.adoptedStyleSheets.length,
      marked: document.querySelectorAll('[style*="dossier"], [class*="dossier"]').length,
    }));
    expect(now).toEqual({
      elements: servedElements,
      htmlAttributes: ['lang'],
      bodyAttributes: [],
      styles: 1,
      adopted: 0,
      marked: 0,
    });
  });
  it('keeps its palette when the page clears the highlight registry', async () => {
    await dark.evaluate(() => CSS.highlights.clear());
    await expect.poll(() => markNames(dark), { timeout: 10_000 }).toContain('dossier-dark-person');
    expect((await markNames(dark)).filter((name) => !name.startsWith('dossier-dark-'))).toEqual([]);
  });

  it('follows the page when it switches to a light theme and back', async () => {
    // The page's own script changes its theme, as a site's dark-mode switch does.
    await dark.evaluate(() => {
      const sheet = document.styleSheets[0]!;
      sheet.insertRule('body { background: #fbfbf8; color: #1b1d21; }', sheet.cssRules.length);
    });
    await expect.poll(() => markNames(dark), { timeout: 10_000 }).toContain('dossier-person');
    expect((await markNames(dark)).filter((name) => name.startsWith('dossier-dark-'))).toEqual([]);
    await dark.evaluate(() => {
      const sheet = document.styleSheets[0]!;
      sheet.deleteRule(sheet.cssRules.length - 1);
    });
    await expect.poll(() => markNames(dark), { timeout: 10_000 }).toContain('dossier-dark-person');
  });
  it('paints a passage the reader wrote a note on in a gold that light text stays readable on', async () => {
    const passage = 'which makes the most advanced of those chips';
    const card = new CardProbe(dark);
    await selectText(dark, passage);
    await card.waitForText((t) => t === 'Add note');
    await card.clickButton('Add note');
    await card.waitForText((t) => t?.includes('Save note') ?? false);
    await card.type('Who else can make them?');
    await card.clickButton('Save note');
    await card.waitForText((t) => t?.includes('Note saved') ?? false);
    await expect
      .poll(async () => (await paintedMarks(dark))['dossier-dark-note'] ?? [], { timeout: 10_000 })
      .toEqual([passage]);
    expect(await markNames(dark)).not.toContain('dossier-note');
    const { text, note, ground } = await dark.evaluate(() => {
      const range = [...(CSS.highlights.get('dossier-dark-note') as unknown as Set<Range>)][0]!;
      const element = range.startContainer.parentElement!;
      return {
        text: getComputedStyle(element).color,
        note: getComputedStyle(element, '::highlight(dossier-dark-note)').backgroundColor,
        ground: getComputedStyle(document.body).backgroundColor,
      };
    });
    const n = parseColor(note)!;
    const g = parseColor(ground)!;
    expect(n.a).toBeGreaterThan(0);
    const under = `rgb(${n.r * n.a + g.r * (1 - n.a)}, ${n.g * n.a + g.g * (1 - n.a)}, ${n.b * n.a + g.b * (1 - n.a)})`;
    // WCAG AA for body text: 4.5:1.
    expect(contrastOn(text, under)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('the types to mark', () => {
  it('removes the marks of a type switched off at once, closes its card, and opens none on its names', async () => {
    const fresh = await openArticle(browser, server, 'trade-talks-en.html');
    expect((await paintedMarks(fresh))['dossier-place']).toContain('Taiwan');
    const card = new CardProbe(fresh);
    await hoverText(fresh, 'Taiwan');
    await expect.poll(() => hoverNames(fresh), { timeout: 10_000 }).toEqual(['dossier-hover-place']);
    await card.waitForText((t) => t !== null && t.includes('Taiwan'));

    await options.getByRole('checkbox', { name: 'Places' }).uncheck();
    await expect
      .poll(async () => (await markNames(fresh)).filter((n) => n.endsWith('-place')), { timeout: 10_000 })
      .toEqual([]);
    expect(await markNames(fresh)).toEqual(expect.arrayContaining(['dossier-person', 'dossier-company']));
    await card.waitForText((t) => t === null);

    // The pointer leaves and comes back to rest on the name, now unmarked.
    await fresh.mouse.move(5, 5);
    await hoverText(fresh, 'Taiwan');
    await afterHitTest(fresh);
    expect(await hoverNames(fresh)).toEqual([]);
    // A card would open once the delay has passed since the pointer arrived, and stay while it
    // rests: wait twice as long in the page (its timers fire in order), then look.
    const delay = Number(await options.getByRole('spinbutton', { name: /Open the card/ }).inputValue());
    await fresh.evaluate((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms * 2)), delay);
    expect(await card.text()).toBeNull();

    // Switched on again, the places are marked on the open page without reading it again.
    await options.getByRole('checkbox', { name: 'Places' }).check();
    await expect
      .poll(async () => (await paintedMarks(fresh))['dossier-place'] ?? [], { timeout: 10_000 })
      .toContain('Taiwan');
    await fresh.close();
  });

  it('leaves a type switched off unmarked on a page opened afterwards', async () => {
    await options.getByRole('checkbox', { name: 'Companies' }).uncheck();
    const later = await openArticle(browser, server, 'trade-talks-en.html');
    const names = await markNames(later);
    expect(names).toContain('dossier-person');
    expect(names.filter((n) => n.endsWith('-company'))).toEqual([]);
    await options.getByRole('checkbox', { name: 'Companies' }).check();
    await expect.poll(() => markNames(later), { timeout: 10_000 }).toContain('dossier-company');
    await later.close();
  });
});

describe('the card delay', () => {
  it('keeps the card closed for the delay the reader set, on a page already open', async () => {
    const fresh = await openArticle(browser, server, 'trade-talks-en.html');
    const field = options.getByRole('spinbutton', { name: /Open the card after the pointer rests/ });
    await field.fill('1500');
    await field.press('Enter');
    // Settings reach the page in the order they were made: once a later change (the style) shows
    // on the page, the delay has arrived too.
    await options.getByRole('radio', { name: 'Background tint' }).check();
    await expect.poll(() => markNames(fresh), { timeout: 10_000 }).toContain('dossier-tint-person');
    // From the moment the name is marked as hovered (its delay has started), a timer in the page
    // for the old default delay fires before the card may open: the card must still be closed then.
    const probe = fresh.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const watch = () => {
            if (CSS.highlights.has('dossier-hover-person')) {
              setTimeout(() => resolve(document.querySelector('dossier-card') !== null), 300);
            } else requestAnimationFrame(watch);
          };
          requestAnimationFrame(watch);
        }),
    );
    await hoverText(fresh, 'Jensen Huang');
    expect(await probe).toBe(false);
    // Resting on, the card opens once the delay has passed.
    const text = await new CardProbe(fresh).waitForText((t) => t !== null && t.includes('Jensen Huang'), 10_000);
    expect(text).toContain('Nvidia');
    // The card's host is what the probes above looked for: it is on the page now.
    expect(await fresh.evaluate(() => document.querySelector('dossier-card') !== null)).toBe(true);
    await field.fill('300');
    await field.press('Enter');
    await options.getByRole('radio', { name: 'Underline (quiet)' }).check();
    await fresh.close();
  });
});
