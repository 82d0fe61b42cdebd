import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { compileAllPacks } from './scripts/lib/pack-sources';
import { shippedForm } from './utils/knowledge/import';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  // Never start a browser from `wxt dev`: our own scripts (demo, e2e) launch Chromium with the
  // flags this machine needs.
  webExt: { disabled: true },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'tabs', 'contextMenus'],
    action: { default_title: '__MSG_actionTitle__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'dossier@dossier.example',
              // The first Firefox with the CSS Custom Highlight API.
              strict_min_version: '140.0',
              // Dossier keeps everything in the browser; it collects and sends nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  hooks: {
    // Packs are compiled from data/packs/ on every build, so the extension never ships stale or
    // unvalidated knowledge; a pack with errors fails the build with every problem listed.
    'build:publicAssets': (_wxt, files) => {
      const packs = compileAllPacks();
      for (const pack of packs) {
        files.push({ relativeDest: `packs/${pack.id}.json`, contents: JSON.stringify(shippedForm(pack)) });
      }
      const index = packs.map((p) => ({
        id: p.id,
        version: p.version,
        entityCount: p.entities.length,
        file: `${p.id}.json`,
      }));
      files.push({ relativeDest: 'packs/index.json', contents: JSON.stringify(index) });
    },
  },
  zip: {
    excludeSources: ['e2e/**', 'tests/**', 'artifacts/**', '.output/**', 'screenshots/**'],
  },
});
