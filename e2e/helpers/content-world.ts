/// <reference types="chrome" />
/**
 * Runs code in the content script's isolated world of a page, through the DevTools protocol. That
 * world shares the page's DOM but not its JavaScript, and there `chrome.dom.openOrClosedShadowRoot`
 * opens the card's closed shadow root: tests read the real card's computed styles and geometry
 * where the page itself cannot.
 */
import type { CDPSession, Page } from 'playwright-core';

/** The id of the execution context of the extension's content script in the page's main frame. */
export async function contentScriptWorld(session: CDPSession, extensionId: string): Promise<number> {
  const worlds: { id: number; origin: string; auxData?: { isDefault?: boolean; type?: string } }[] = [];
  session.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  // Enabling reports every context that already exists.
  await session.send('Runtime.enable');
  const world = worlds.find((c) => c.auxData?.type === 'isolated' && c.origin.includes(extensionId));
  if (!world) throw new Error(`No isolated world of extension ${extensionId} in this page`);
  return world.id;
}

/** Evaluates `expression` (which may return a promise) in the content script's world; returns its value. */
export async function inContentScript<T>(
  page: Page,
  extensionId: string,
  expression: string,
  prelude: string[] = [],
): Promise<T> {
  const session = await page.context().newCDPSession(page);
  try {
    const contextId = await contentScriptWorld(session, extensionId);
    for (const source of prelude) await session.send('Runtime.evaluate', { expression: source, contextId });
    const { result, exceptionDetails } = (await session.send('Runtime.evaluate', {
      expression,
      contextId,
      awaitPromise: true,
      returnByValue: true,
    })) as { result: { value?: T }; exceptionDetails?: { exception?: { description?: string }; text: string } };
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  } finally {
    await session.detach();
  }
}

/** The open card as laid out on the screen, read from inside its closed shadow root. */
export interface CardLook {
  /** The card's rectangle in the viewport's CSS pixels. */
  rect: { left: number; top: number; right: number; bottom: number; width: number; height: number };
  background: string;
  color: string;
  hostDisplay: string;
  hostOpacity: string;
  hostVisibility: string;
}

/** The open card's (or the selection buttons') rectangle and look, or null when nothing is shown. */
export async function cardLook(page: Page, extensionId: string): Promise<CardLook | null> {
  return inContentScript<CardLook | null>(
    page,
    extensionId,
    `(() => {
      const host = document.querySelector('dossier-card');
      const root = host && chrome.dom.openOrClosedShadowRoot(host);
      const card = root?.querySelector('.dossier-layer:not([hidden]) :is(.dossier-card, .dossier-adder)');
      if (!card) return null;
      const r = card.getBoundingClientRect();
      const style = getComputedStyle(card);
      const hostStyle = getComputedStyle(host);
      return {
        rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
        background: style.backgroundColor,
        color: style.color,
        hostDisplay: hostStyle.display,
        hostOpacity: hostStyle.opacity,
        hostVisibility: hostStyle.visibility,
      };
    })()`,
  );
}
