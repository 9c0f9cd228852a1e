import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase } from '../test/databases.ts';
import type { DatabaseHandle } from './database.ts';
import { lockRows } from './row-lock.ts';

describe.runIf(DIALECTS.includes('postgres'))('lockRows on PostgreSQL', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase('postgres'); // its migrations add the training programmes
  });
  afterAll(async () => {
    await handle?.destroy();
  });

  /** Whether another connection could lock the programme now (NOWAIT fails at once on a held lock). */
  const free = async (id: number) =>
    sql`select id from training_programmes where id = ${id} for update nowait`.execute(handle.db).then(
      () => true,
      (err: { code?: string }) => {
        if (err.code !== '55P03') throw err; // lock_not_available
        return false;
      },
    );

  it('holds the named rows, and only those, until the transaction ends', async () => {
    const ids = (await sql<{ id: number }>`select id from training_programmes order by id limit 3`.execute(handle.db)).rows.map(
      (r) => r.id,
    );
    const trx = await handle.db.startTransaction().execute();
    try {
      await lockRows(trx, 'training_programmes', 'id', [ids[2]!, ids[0]!, ids[2]!]);
      expect([await free(ids[0]!), await free(ids[1]!), await free(ids[2]!)]).toEqual([false, true, false]);
    } finally {
      await trx.rollback().execute();
    }
    expect(await free(ids[0]!)).toBe(true);
  });
});
