/**
 * The popup's question to the tab it describes: which tab, and what its page holds. Asked before
 * the popup's first render, and again to follow a page still being read.
 */
import { browser, type Browser } from 'wxt/browser';
import { tabMessaging, type PageState } from '@/utils/messages';

export type PageAnswer =
  /** The page is still loading: Dossier reads it once it has. */
  { kind: 'page-loading' } | { kind: 'unavailable' } | { kind: 'state'; tabId: number; state: PageState };

interface TargetTab {
  id: number;
  url?: string;
  loading: boolean;
}

/** The tab to describe: the active one, or `?tab=ID` when the popup is opened as a page. */
async function targetTab(): Promise<TargetTab | null> {
  const requested = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(requested) && requested > 0) {
    return describeTab(await browser.tabs.get(requested));
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab ? describeTab(tab) : null;
}

function describeTab(tab: Browser.tabs.Tab): TargetTab | null {
  if (tab.id === undefined) return null;
  // While a page loads, the tab's address is still the previous one; the one it goes to is pending.
  return { id: tab.id, url: tab.pendingUrl ?? tab.url, loading: tab.status === 'loading' };
}

export async function askPage(): Promise<PageAnswer> {
  const tab = await targetTab();
  if (!tab || (tab.url && !/^https?:/.test(tab.url))) return { kind: 'unavailable' };
  try {
    return { kind: 'state', tabId: tab.id, state: await tabMessaging.sendMessage('getPageState', undefined, tab.id) };
  } catch {
    // No content script answers. While the page loads, it has not started yet (it starts once the
    // document is idle); otherwise this is a browser page, a store page, or a tab opened before
    // Dossier was installed.
    return tab.loading ? { kind: 'page-loading' } : { kind: 'unavailable' };
  }
}
