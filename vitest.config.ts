import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    setupFiles: ['tests/setup.ts'],
    // The DOM tests parse whole pages, and the service tests import both packs (8,400 entities)
    // into fake-indexeddb: the default 5 s is tight on a busy 2-core machine.
    testTimeout: 60_000,
  },
});
