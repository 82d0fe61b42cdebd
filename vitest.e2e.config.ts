import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built extension in real Chromium, one browser at a time: two cores
// cannot run several browsers without making every timing meaningless.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    passWithNoTests: true,
  },
});
