/**
 * The browser's keyboard shortcuts for Dossier (declared as `commands` in the manifest, and
 * changeable at chrome://extensions/shortcuts or in Firefox's add-on settings). The background
 * receives them and tells the content script of the tab to act.
 */
import { browser, type Browser } from 'wxt/browser';
import type { Direction } from '../content/mention-order';
import { tabMessaging } from '../messages';

export const COMMANDS = {
  'next-entity': 'next',
  'previous-entity': 'previous',
} as const satisfies Record<string, Direction>;

export type CommandName = keyof typeof COMMANDS;

/**
 * Runs a command in `tab` (the tab the shortcut was pressed in), or in the active tab of the
 * current window when the browser does not say. Resolves whether the page moved to a mention;
 * false on pages without Dossier's content script (the browser's own pages, say).
 */
export async function runCommand(command: string, tab?: Browser.tabs.Tab): Promise<boolean> {
  if (!Object.hasOwn(COMMANDS, command)) return false;
  const direction = COMMANDS[command as CommandName];
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return false;
  return tabMessaging.sendMessage('moveToMention', direction, tabId).catch(() => false);
}
