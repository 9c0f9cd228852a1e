import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.mjs'],
    environment: 'node',
    // Every fast-check property prints its seed and path on failure and replays with FC_SEED/FC_PATH.
    setupFiles: ['src/server/test/property-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Generous: tests must not fail because a shared machine is slow (they are not timing tests).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
