/** Settings for Preact components: the current value, updated when it changes anywhere. */
import { useEffect, useState } from 'preact/hooks';
import { loadSettings, watchSettings, type Settings } from './settings';

export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    void loadSettings().then((s) => live && setSettings(s));
    const stop = watchSettings(setSettings);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return settings;
}
