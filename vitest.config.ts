import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['simulator/test/**/*.test.ts', 'harness/test/**/*.test.ts', 'contracts/**/*.test.ts', 'bench/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
