import { defineConfig } from 'vitest/config';

// Unit tests of the plain TypeScript modules; pages and components are covered by the browser
// tests in e2e/.
export default defineConfig({
  test: { name: 'h5', include: ['src/**/*.test.ts'] },
});
