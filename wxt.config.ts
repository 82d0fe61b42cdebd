import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { compileAllPacks } from './scripts/lib/pack-sources';
import { shippedForm } from './utils/knowledge/import';
import type { ShippedPack } from './utils/background/service';
import { ONLINE_ORIGINS } from './utils/online/origins';
import { matcherCodeHash } from './scripts/lib/matcher-code';

/**
 * A build for the online-lookup tests only (npm test makes it): automation cannot answer the
 * browser's permission dialog, so this build is granted the Wikipedia hosts at install, as if the
 * reader had accepted it. It goes to its own folder and is never packaged.
 */
const onlineGrantedForTests = process.env.DOSSIER_TEST_ONLINE_GRANTED === '1';

// See https://wxt.dev/api/config.html
export default defineConfig({
  outDir: onlineGrantedForTests ? '.output-online-test' : '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    define: { __DOSSIER_MATCHER_CODE__: JSON.stringify(matcherCodeHash(import.meta.dirname)) },
  }),
  // Never start a browser from `wxt dev`: our own scripts (demo, e2e) launch Chromium with the
  // flags this machine needs.
  webExt: { disabled: true },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'tabs', 'contextMenus'],
    // Online lookups are off until the reader turns them on; only then are these hosts asked for.
    ...(browser === 'firefox'
      ? { optional_permissions: [...ONLINE_ORIGINS] }
      : onlineGrantedForTests
        ? { host_permissions: [...ONLINE_ORIGINS] }
        : { optional_host_permissions: [...ONLINE_ORIGINS] }),
    action: { default_title: '__MSG_actionTitle__' },
    // J and K, next and previous as in many readers' shortcuts. Checked in Chromium: it leaves
    // suggested keys that clash with its own unassigned (Alt+Shift+N, P and X among them), and
    // takes Alt+Shift+J and K. Readers change them at chrome://extensions/shortcuts.
    commands: {
      'next-entity': { suggested_key: { default: 'Alt+Shift+J' }, description: '__MSG_commandNextEntity__' },
      'previous-entity': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commandPreviousEntity__' },
    },
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
      : {
          // The first Chrome with the CSS Custom Highlight API, which paints every mark: no
          // browser that installs Dossier needs the page's text wrapped in elements instead.
          minimum_chrome_version: '105',
        }),
  }),
  hooks: {
    // Packs are compiled from data/packs/ on every build, so the extension never ships stale or
    // unvalidated knowledge; a pack with errors fails the build with every problem listed.
    'build:publicAssets': (_wxt, files) => {
      const index: ShippedPack[] = [];
      for (const pack of compileAllPacks()) {
        const shipped = shippedForm(pack);
        files.push({ relativeDest: `packs/${pack.id}.json`, contents: JSON.stringify(shipped) });
        index.push({
          id: pack.id,
          version: pack.version,
          entityCount: pack.entities.length,
          file: `${pack.id}.json`,
          contentHash: shipped.contentHash!,
        });
      }
      files.push({ relativeDest: 'packs/index.json', contents: JSON.stringify(index) });
    },
  },
  zip: {
    excludeSources: ['e2e/**', 'tests/**', 'artifacts/**', '.output/**', '.output-online-test/**', 'screenshots/**'],
  },
});
