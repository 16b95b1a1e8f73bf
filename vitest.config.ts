import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['simulator/test/**/*.test.ts', 'harness/test/**/*.test.ts', 'contracts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
