/**
 * Interface strings come from public/_locales through the browser, which picks the reader's
 * language (English and German today). The key is returned when a string is missing, so a gap
 * shows up as a visible key rather than an empty button.
 */
import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  let text = '';
  try {
    // WXT types getMessage with the predefined @@ keys only; ours are checked by MessageKey.
    const i18n = browser.i18n as { getMessage(name: string, subs?: string | string[]): string };
    text = i18n.getMessage(key, substitutions);
  } catch {
    // Outside the extension (unit tests) there is no catalogue to read.
  }
  return text || key;
}

/** The interface language, for formatting dates and numbers the way the strings are written. */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}
