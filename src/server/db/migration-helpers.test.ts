import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './database.ts';
import { addChecks, dropChecks } from './migration-helpers.ts';

const CHECKS = { children: [{ name: 'children_amount_ck', expression: '"amount" >= 0' }] };

/** The SQLite rebuild behind addChecks/dropChecks keeps rows, keys, indexes, triggers and counters. */
describe('adding checks to a SQLite table with rows', () => {
  let handle: DatabaseHandle;
  let db: Kysely<any>;
  /** The table's definition after its name (a rebuild writes the name quoted). */
  const definition = async () =>
    (await sql<{ sql: string }>`select sql from sqlite_master where name = 'children'`.execute(db)).rows[0]!.sql.replace(
      /^create table "?children"?/i,
      '',
    );

  beforeEach(async () => {
    handle = openDatabase(':memory:');
    db = handle.db as unknown as Kysely<any>;
    await sql`create table parents (id integer primary key autoincrement, name text not null)`.execute(db);
    await sql`create table children (id integer primary key autoincrement, parent_id integer not null references parents (id), amount integer not null)`.execute(
      db,
    );
    await sql`create index children_parent_idx on children (parent_id)`.execute(db);
    await sql`create table counter (n integer not null)`.execute(db);
    await sql`insert into counter (n) values (0)`.execute(db);
    await sql`create trigger children_count after insert on children begin update counter set n = n + 1; end`.execute(db);
    await sql`insert into parents (name) values ('a'), ('b')`.execute(db);
    await sql`insert into children (parent_id, amount) values (1, 10), (2, 20), (2, 30)`.execute(db);
    await sql`delete from children where id = 3`.execute(db);
  });
  afterEach(async () => {
    await handle.destroy();
  });

  it('enforces the check and keeps everything else', async () => {
    const before = await definition();
    await addChecks(db, CHECKS);

    expect((await sql`select id, parent_id, amount from children order by id`.execute(db)).rows).toEqual([
      { id: 1, parent_id: 1, amount: 10 },
      { id: 2, parent_id: 2, amount: 20 },
    ]);
    await expect(sql`insert into children (parent_id, amount) values (1, -1)`.execute(db)).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_CHECK',
    });
    await expect(sql`insert into children (parent_id, amount) values (99, 1)`.execute(db)).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_FOREIGNKEY',
    });
    await expect(sql`delete from parents where id = 1`.execute(db)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    // The AUTOINCREMENT counter continues after the deleted row 3; the trigger and the index are back.
    const inserted = await sql<{ id: number }>`insert into children (parent_id, amount) values (1, 5) returning id`.execute(db);
    expect(inserted.rows[0]!.id).toBe(4);
    expect((await sql`select n from counter`.execute(db)).rows).toEqual([{ n: 4 }]);
    expect(
      (await sql`select name from sqlite_master where tbl_name = 'children' and type in ('index', 'trigger') order by name`.execute(db))
        .rows,
    ).toEqual([{ name: 'children_count' }, { name: 'children_parent_idx' }]);
    expect((await sql`pragma foreign_keys`.execute(db)).rows).toEqual([{ foreign_keys: 1 }]);

    await dropChecks(db, CHECKS);
    expect(await definition()).toBe(before);
    await sql`insert into children (parent_id, amount) values (1, -1)`.execute(db);
  });

  it('refuses inside a transaction, where foreign keys cannot be switched off', async () => {
    await expect(db.transaction().execute((trx) => addChecks(trx, CHECKS))).rejects.toThrow(/inside a transaction/);
    expect(await definition()).not.toContain('children_amount_ck');
  });

  it('rolls the rebuild back when existing rows break the check', async () => {
    await sql`update children set amount = -5 where id = 1`.execute(db);
    await expect(addChecks(db, CHECKS)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_CHECK' });
    expect(await definition()).not.toContain('children_amount_ck');
    expect((await sql`select count(*) as n from children`.execute(db)).rows).toEqual([{ n: 2 }]);
  });
});
