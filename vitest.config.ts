import { defineConfig } from 'vitest/config';

// `b24gen-source`: inside the repo, @b24gen/runtime and @b24gen/client resolve to their TypeScript
// sources (the export condition every tool here is given); published consumers get dist/.
const source = { conditions: ['b24gen-source', 'module', 'node', 'development|production'] };
const shared = { testTimeout: 30_000, hookTimeout: 300_000, pool: 'forks' as const };
const resolve = { resolve: source, ssr: { resolve: { conditions: source.conditions, externalConditions: ['b24gen-source'] } } };

export default defineConfig({
  test: {
    projects: [
      // Whole-corpus tests share one IR build (globalSetup), so it only runs when they are selected.
      { ...resolve, test: { ...shared, name: 'corpus', include: ['test/corpus/**/*.test.ts'], globalSetup: ['test/support/docs-setup.ts', 'test/corpus/global-setup.ts'] } },
      { ...resolve, test: { ...shared, name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/corpus/**', '**/node_modules/**'], globalSetup: ['test/support/docs-setup.ts'] } },
    ],
  },
});
