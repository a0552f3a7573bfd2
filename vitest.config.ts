import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 30_000, hookTimeout: 300_000, pool: 'forks' as const };

export default defineConfig({
  test: {
    projects: [
      // Whole-corpus tests share one IR build (globalSetup), so it only runs when they are selected.
      { test: { ...shared, name: 'corpus', include: ['test/corpus/**/*.test.ts'], globalSetup: ['test/corpus/global-setup.ts'] } },
      { test: { ...shared, name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/corpus/**', '**/node_modules/**'] } },
    ],
  },
});
