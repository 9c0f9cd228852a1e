import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.mjs'],
    environment: 'node',
    // Every fast-check property prints its seed and path on failure and replays with FC_SEED/FC_PATH.
    setupFiles: ['src/server/test/property-setup.ts', 'src/server/test/file-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // The files of one worker share its modules: the server's modules (Fastify, Kysely, the PDF
    // and statistics libraries) load once per worker instead of once per file, which was a third
    // of the run. Every file builds its own app and database (test/harness.ts); module-level caches
    // are keyed by database, and file-setup.ts resets the clock and timers between files.
    isolate: false,
    // Generous: tests must not fail because a shared machine is slow (they are not timing tests).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
