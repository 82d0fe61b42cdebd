/**
 * Asks the browser to keep Dossier's database when the disk runs low, instead of evicting it with
 * the other "best effort" site data. Chromium decides by itself (extensions with the
 * unlimitedStorage permission or an engaged origin get it) and Firefox may ask the reader; a
 * refusal changes nothing the reader can act on, so it is only reported to the caller.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  // Old browsers, and some private windows, have no StorageManager at all.
  const storage = (navigator as Partial<Navigator>).storage;
  if (!storage?.persist) return false;
  try {
    if (await storage.persisted()) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
