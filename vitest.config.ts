import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.mjs'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    // Generous: tests must not fail because a shared machine is slow (they are not timing tests).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
