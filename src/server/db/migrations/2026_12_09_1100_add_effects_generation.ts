import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

/**
 * A change counter of the inputs of the effects estimates (settings key `effects.generation`,
 * decision 030), bumped by triggers on every insert, update or delete of the tables the estimates
 * are computed from besides the directory (which has `directory.generation`): crime figures and
 * the offence → field mapping, fields of action, alliance agreements and their events, coaching
 * processes, funded projects and their applications, and the LPR's comparison groups. The annual
 * report keeps the statewide effects per value of both counters; being triggers, no write path
 * (imports, edits, a manual SQL fix) can forget to invalidate them.
 */
const KEY = 'effects.generation';
const TABLES = [
  'crime_municipality_figures',
  'crime_district_figures',
  'crime_offences',
  'crime_offence_fields',
  'fields_of_action',
  'alliance_agreements',
  'alliance_events',
  'coaching_processes',
  'funding_projects',
  'funding_applications',
  'effect_comparisons',
] as const;
const OPS = ['insert', 'update', 'delete'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto('settings').values({ key: KEY, value_json: '{}', version: 1, updated_at: new Date().toISOString() }).execute();
  if (isPostgres(db)) {
    await sql`CREATE FUNCTION bump_effects_generation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE settings SET version = version + 1 WHERE key = 'effects.generation';
        RETURN NULL;
      END $$`.execute(db);
    for (const table of TABLES) {
      // One bump per statement, however many rows it touches.
      await sql`CREATE TRIGGER ${sql.raw(`${table}_effects_generation`)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
        FOR EACH STATEMENT EXECUTE FUNCTION bump_effects_generation()`.execute(db);
    }
    return;
  }
  for (const table of TABLES) {
    for (const op of OPS) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_${op}_effects_generation`)} AFTER ${sql.raw(op.toUpperCase())} ON ${sql.table(table)}
        BEGIN UPDATE settings SET version = version + 1 WHERE key = 'effects.generation'; END`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of TABLES)
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_effects_generation`)} ON ${sql.table(table)}`.execute(db);
    await sql`DROP FUNCTION IF EXISTS bump_effects_generation()`.execute(db);
  } else {
    for (const table of TABLES)
      for (const op of OPS) await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_${op}_effects_generation`)}`.execute(db);
  }
  await db.deleteFrom('settings').where('key', '=', KEY).execute();
}
