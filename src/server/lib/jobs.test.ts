import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase } from '../test/databases.ts';
import { claimJob, removeOldJobs, startJobWorker } from './jobs.ts';

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

describe('the job worker during a database outage', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await handle.destroy();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('waits twice as long after each failed poll, up to 30 s, and polls every second again once the database answers', async () => {
    vi.useFakeTimers();
    const failures: number[] = [];
    const down = vi.spyOn(handle.db, 'selectFrom').mockImplementation(() => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    });
    const worker = startJobWorker(handle.db, { error: () => failures.push(Date.now()) }, 1000);
    try {
      await vi.advanceTimersByTimeAsync(120_000);
      const pauses = failures.slice(1).map((t, i) => t - failures[i]!);
      expect(pauses).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);

      down.mockRestore();
      await vi.advanceTimersByTimeAsync(30_000); // the next poll succeeds
      const polls = vi.spyOn(handle.db, 'selectFrom');
      await vi.advanceTimersByTimeAsync(10_000);
      // Each poll with nothing to do reads twice (old jobs, queued jobs): ten polls in ten seconds.
      expect(polls.mock.calls.length).toBeGreaterThanOrEqual(18);
      expect(failures).toHaveLength(7);
    } finally {
      await worker.stop();
    }
  });
});
