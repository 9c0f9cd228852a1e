import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** Every row of every table, as JSON text per table (for the GDPR "nothing remains" check). */
export async function dumpAllTables(db: Db, dialect: 'sqlite' | 'postgres'): Promise<Map<string, string>> {
  const tables =
    dialect === 'sqlite'
      ? (
          await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
        ).rows.map((r) => r.name)
      : (
          await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
            db,
          )
        ).rows.map((r) => r.name);
  const out = new Map<string, string>();
  for (const t of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db)).rows;
    out.set(
      t,
      JSON.stringify(rows, (_k, v) =>
        Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v as Uint8Array).toString('latin1') : v,
      ),
    );
  }
  return out;
}
