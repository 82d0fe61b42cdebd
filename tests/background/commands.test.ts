// The browser's shortcuts reach the content script of the tab they were pressed in.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { runCommand } from '../../utils/background/commands';
import { tabMessaging } from '../../utils/messages';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('runCommand', () => {
  it('tells the tab to move to the next or previous mention', async () => {
    const send = vi.spyOn(tabMessaging, 'sendMessage').mockResolvedValue(true);
    const tab = await fakeBrowser.tabs.create({ url: 'https://news.example/a' });
    expect(await runCommand('next-entity', tab)).toBe(true);
    expect(await runCommand('previous-entity', tab)).toBe(true);
    expect(send.mock.calls).toEqual([
      ['moveToMention', 'next', tab.id],
      ['moveToMention', 'previous', tab.id],
    ]);
  });

  it("uses the window's active tab when the browser does not name one", async () => {
    const send = vi.spyOn(tabMessaging, 'sendMessage').mockResolvedValue(true);
    await fakeBrowser.windows.create({ focused: true });
    await fakeBrowser.tabs.create({ url: 'https://news.example/a', active: false });
    const active = await fakeBrowser.tabs.create({ url: 'https://news.example/b', active: true });
    expect(await runCommand('next-entity')).toBe(true);
    expect(send).toHaveBeenCalledWith('moveToMention', 'next', active.id);
  });

  it('ignores unknown commands and answers false where no content script listens', async () => {
    const send = vi.spyOn(tabMessaging, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist'));
    const tab = await fakeBrowser.tabs.create({ url: 'chrome://settings' });
    expect(await runCommand('toString', tab)).toBe(false);
    expect(send).not.toHaveBeenCalled();
    expect(await runCommand('next-entity', tab)).toBe(false);
  });
});
