import crypto from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

/*
 * Access codes are stored as keyed hashes only (decision 010). The installation's survey key (32
 * random bytes, one row) derives the codes of the letters and hashes every code; the code list and
 * the drafts keep the hash under the new column name `code_hash`. Codes stored before are hashed
 * in place: they keep working, but their letters can no longer be rendered (they were not derived).
 */
function hash(key: Buffer, code: string): string {
  return crypto.createHmac('sha256', key).update(['code', code].join('\u0000')).digest('hex');
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('survey_keys')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('key', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .execute();
  const key = crypto.randomBytes(32);
  await db.insertInto('survey_keys').values({ id: 1, key }).execute();

  await db.schema.alterTable('survey_codes').renameColumn('code', 'code_hash').execute();
  await db.schema.alterTable('survey_drafts').renameColumn('code', 'code_hash').execute();
  for (const table of ['survey_codes', 'survey_drafts']) {
    const rows = (await db.selectFrom(table).select('code_hash').execute()) as Array<{ code_hash: string }>;
    for (const r of rows)
      await db
        .updateTable(table)
        .set({ code_hash: hash(key, r.code_hash) })
        .where('code_hash', '=', r.code_hash)
        .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  // The codes cannot be recovered from their hashes: the drafts go, the hashes stay as they are.
  await db.deleteFrom('survey_drafts').execute();
  await db.schema.alterTable('survey_drafts').renameColumn('code_hash', 'code').execute();
  await db.schema.alterTable('survey_codes').renameColumn('code_hash', 'code').execute();
  await db.schema.dropTable('survey_keys').execute();
}
