/// <reference types="chrome" />
/**
 * Accessibility checks with axe-core, on the extension's pages and on the in-page card itself.
 *
 * The card lives in a closed shadow root, so axe running in the page cannot see it: the page's
 * `element.shadowRoot` is null for it, by design. Copying its markup into another page would test
 * a replica (other fonts, other surroundings, no page beneath it for the contrast check). Instead
 * axe runs where the card's own code runs: in the content script's isolated world, reached
 * through the DevTools protocol. That world shares the page's DOM and styles but has its own
 * JavaScript prototypes, and extensions there have `chrome.dom.openOrClosedShadowRoot`. While
 * axe runs, that world's `Element.prototype.shadowRoot` answers with the closed root too, so axe
 * walks into the real, rendered card on the real page; the page's own world never sees the change,
 * and the getter is restored afterwards.
 *
 * One more adjustment, for the colour contrast check: axe lays out its map of what is painted
 * where from `document.body` down, and the card's host is a child of `<html>`, beside the body (so
 * that styles on the page's body cannot reach its position). For the run, that world's
 * `document.body` is the card's host, so axe's map holds the card itself, which paints its own
 * opaque background. A contrast check that could not be made counts as a failure, so the check
 * cannot pass by looking at nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';
import { inContentScript } from './content-world';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.2 A and AA, and axe's best practices: what a reader with assistive technology relies on. */
const RUN_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  resultTypes: ['violations', 'incomplete'],
};

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

function summarise(results: Pick<AxeResults, 'violations' | 'incomplete'>): Violation[] {
  const describe = (v: Result, id = v.id): Violation => ({
    id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => {
      const why = n.failureSummary ?? [...n.any, ...n.all, ...n.none].map((c) => c.message).join('; ');
      return `${JSON.stringify(n.target)}${why ? ` — ${why}` : ''}`;
    }),
  });
  // Text whose contrast axe could not measure is as bad as text that fails: no one checked it.
  const unchecked = results.incomplete
    .filter((v) => v.id === 'color-contrast')
    .map((v) => ({ ...describe(v, 'color-contrast-unchecked'), impact: 'serious' }));
  return [...results.violations.map((v) => describe(v)), ...unchecked];
}

/** The violations that stop someone from using the UI: axe's "serious" and "critical" ones. */
export function blocking(violations: Violation[]): Violation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable list for a failing assertion: each rule, its help and the elements it failed on. */
export function describeViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.impact} ${v.id} (${v.help}):\n    ${v.targets.join('\n    ')}`).join('\n');
}

/** Runs axe on an ordinary page (the popup, the notes page), optionally within `selector`. */
export async function axeOnPage(page: Page, selector?: string): Promise<Violation[]> {
  // Evaluated through the DevTools protocol, so the extension pages' script policy does not apply.
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    ([selector, options]) => {
      const w = window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResults> } };
      return w.axe.run(selector ? { include: [selector] } : document, options);
    },
    [selector ?? null, RUN_OPTIONS] as const,
  );
  return summarise(results);
}

/** Runs axe on the open in-page card, in the content script's world (see the comment above). */
export async function axeOnCard(page: Page, extensionId: string): Promise<Violation[]> {
  const expression = `(async () => {
    const host = document.querySelector('dossier-card');
    if (!host) throw new Error('no card host on the page');
    const own = Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot');
    Object.defineProperty(Element.prototype, 'shadowRoot', {
      configurable: true,
      get() {
        return this instanceof HTMLElement ? chrome.dom.openOrClosedShadowRoot(this) ?? null : own.get.call(this);
      },
    });
    try {
      const layer = host.shadowRoot.querySelector('.dossier-layer:not([hidden])');
      if (!layer) throw new Error('no card is open');
      Object.defineProperty(document, 'body', { configurable: true, get: () => host });
      const { violations, incomplete } = await axe.run(layer, ${JSON.stringify(RUN_OPTIONS)});
      return JSON.stringify({ violations, incomplete });
    } finally {
      Object.defineProperty(Element.prototype, 'shadowRoot', own);
      delete document.body;
    }
  })()`;
  const violations = await inContentScript<string>(page, extensionId, expression, [AXE_SOURCE]);
  return summarise(JSON.parse(violations) as Pick<AxeResults, 'violations' | 'incomplete'>);
}
