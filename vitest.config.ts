import { defineConfig } from 'vitest/config';

// Each workspace with tests is one project; `vitest run --project server` runs one of them.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
  },
});
