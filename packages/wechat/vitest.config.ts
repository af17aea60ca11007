import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'wechat',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
