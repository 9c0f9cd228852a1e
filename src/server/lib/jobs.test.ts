import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase } from '../test/databases.ts';
import { claimJob, removeOldJobs } from './jobs.ts';

describe('the job worker on a SQLite file another process writes to', () => {
  let dir: string;
  let file: string;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'praevis-jobs-'));
    file = path.join(dir, 'praevis.db');
    handle = await createTestDatabase('sqlite', { sqliteFile: file });
  });
  afterAll(async () => {
    await handle.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('polls without the write lock while nothing is to do, so it never waits for the other writer', async () => {
    // Another process (an import) holds the write lock; the server's busy timeout is 5 s.
    const other = new SQLite(file);
    other.exec('begin immediate');
    try {
      const started = performance.now();
      await expect(removeOldJobs(handle.db)).resolves.toBeUndefined();
      await expect(claimJob(handle.db)).resolves.toBeUndefined();
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      other.exec('rollback');
      other.close();
    }
  });
});
