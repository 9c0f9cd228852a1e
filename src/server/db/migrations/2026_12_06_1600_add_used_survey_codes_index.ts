import { type Kysely, sql } from 'kysely';

/*
 * The used codes of a survey and municipality, which every online submission on PostgreSQL
 * rewrites (decision 010, `blendSubmissions`): a partial index holds only them, so a submission
 * reads the codes already used rather than every code printed (60,000 in a large survey).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('survey_codes_used_idx')
    .on('survey_codes')
    .columns(['survey_id', 'ags'])
    .where(sql.ref('state'), '=', 'used')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('survey_codes_used_idx').ifExists().execute();
}
