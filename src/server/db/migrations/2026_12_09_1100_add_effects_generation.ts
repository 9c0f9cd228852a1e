import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

/**
 * Change counters of the inputs of the effects estimates (decision 030), bumped by triggers on
 * every insert, update or delete of the tables the estimates are computed from besides the
 * directory (which has `directory.generation`): `effects.figures.generation` for the crime figures,
 * the offence → field mapping and the fields of action; `effects.interventions.generation` for the
 * alliance agreements and their events, coaching processes, funded projects and their applications,
 * and the LPR's comparison groups. Two counters, so that a long crime import (one transaction)
 * holds no lock that an application or an event written meanwhile would wait for. The annual report
 * keeps the statewide effects per value of the counters; being triggers, no write path (imports,
 * edits, a manual SQL fix) can forget to invalidate them.
 */
const COUNTERS = {
  figures: {
    key: 'effects.figures.generation',
    tables: ['crime_municipality_figures', 'crime_district_figures', 'crime_offences', 'crime_offence_fields', 'fields_of_action'],
  },
  interventions: {
    key: 'effects.interventions.generation',
    tables: [
      'alliance_agreements',
      'alliance_events',
      'coaching_processes',
      'funding_projects',
      'funding_applications',
      'effect_comparisons',
    ],
  },
} as const;
const OPS = ['insert', 'update', 'delete'] as const;
const fn = (name: string) => `bump_effects_${name}_generation`;
const trigger = (table: string, name: string, op?: string) => `${table}_${op ? `${op}_` : ''}effects_${name}_generation`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, c] of Object.entries(COUNTERS)) {
    await db.insertInto('settings').values({ key: c.key, value_json: '{}', version: 1, updated_at: new Date().toISOString() }).execute();
    if (isPostgres(db)) {
      await sql`CREATE FUNCTION ${sql.raw(fn(name))}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE settings SET version = version + 1 WHERE key = ${sql.lit(c.key)};
          RETURN NULL;
        END $$`.execute(db);
      for (const table of c.tables) {
        // One bump per statement, however many rows it touches.
        await sql`CREATE TRIGGER ${sql.raw(trigger(table, name))} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
          FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(fn(name))}()`.execute(db);
      }
    } else {
      for (const table of c.tables)
        for (const op of OPS)
          await sql`CREATE TRIGGER ${sql.raw(trigger(table, name, op))} AFTER ${sql.raw(op.toUpperCase())} ON ${sql.table(table)}
            BEGIN UPDATE settings SET version = version + 1 WHERE key = ${sql.lit(c.key)}; END`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, c] of Object.entries(COUNTERS)) {
    if (isPostgres(db)) {
      for (const table of c.tables) await sql`DROP TRIGGER IF EXISTS ${sql.raw(trigger(table, name))} ON ${sql.table(table)}`.execute(db);
      await sql`DROP FUNCTION IF EXISTS ${sql.raw(fn(name))}()`.execute(db);
    } else {
      for (const table of c.tables)
        for (const op of OPS) await sql`DROP TRIGGER IF EXISTS ${sql.raw(trigger(table, name, op))}`.execute(db);
    }
    await db.deleteFrom('settings').where('key', '=', c.key).execute();
  }
}
