import type { Kysely } from 'kysely';
import { withIdColumn } from '../migration-helpers.ts';

/*
 * Police crime statistics: imported runs, district figures (BKA table T01, keyed by 5-digit AGS for
 * all German districts, whether or not the directory lists them), municipality figures (state
 * police spreadsheets, or the fictional demo), the offence catalogue, fields of action and the
 * editable mapping offence key → field of action, and saved column mappings of municipal files.
 */
const DEFAULT_FIELDS: [string, string, string][] = [
  ['kpr-coordination', 'Koordinierungsstellen für KPR', 'Coordination offices for municipal prevention councils'],
  ['graffiti', 'Sachbeschädigung durch Graffiti', 'Property damage by graffiti'],
  ['littering', 'Vermüllung öffentlicher Plätze', 'Littering of public places'],
  ['public-violence', 'Gewalt im öffentlichen Raum', 'Violence in public space'],
  ['extremism', 'Extremismus', 'Extremism'],
  ['drugs', 'Drogenmissbrauch', 'Drug abuse'],
];
// Default links key → field of action (editable): damage to property → graffiti, drug offences → drug abuse, …
const DEFAULT_LINKS: [string, string][] = [
  ['674000', 'graffiti'],
  ['899500', 'graffiti'],
  ['730000', 'drugs'],
  ['892000', 'public-violence'],
  ['222000', 'public-violence'],
  ['224000', 'public-violence'],
  ['899000', 'public-violence'],
  ['217000', 'public-violence'],
];

export async function up(db: Kysely<any>): Promise<void> {
  // Shared with other modules later (projects, strategies): created here only if no one has yet.
  await db.schema
    .createTable('fields_of_action')
    .ifNotExists()
    .$call((t) => withIdColumn(db, t))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  const existing = await db.selectFrom('fields_of_action').select('code').execute();
  if (!existing.length) {
    await db
      .insertInto('fields_of_action')
      .values(DEFAULT_FIELDS.map(([code, name, name_en], i) => ({ code, name, name_en, position: i + 1, active: 1 })))
      .execute();
  }

  await db.schema
    .createTable('crime_offences')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('summary', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('crime_offence_fields')
    .addColumn('offence_key', 'text', (c) => c.notNull())
    .addColumn('field_id', 'integer', (c) => c.notNull().references('fields_of_action.id'))
    .addPrimaryKeyConstraint('crime_offence_fields_pk', ['offence_key', 'field_id'])
    .execute();
  const fields = await db.selectFrom('fields_of_action').select(['id', 'code']).execute();
  const idOf = new Map(fields.map((f: { id: number; code: string }) => [f.code, f.id]));
  const links = DEFAULT_LINKS.filter(([, code]) => idOf.has(code)).map(([offence_key, code]) => ({
    offence_key,
    field_id: idOf.get(code),
  }));
  if (links.length) await db.insertInto('crime_offence_fields').values(links).execute();

  await db.schema
    .createTable('crime_imports')
    .$call((t) => withIdColumn(db, t))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_label', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('crime_imports_year_idx').on('crime_imports').columns(['level', 'year']).execute();

  await db.schema
    .createTable('crime_district_figures')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('offence_key', 'text', (c) => c.notNull())
    .addColumn('district_ags', 'text', (c) => c.notNull())
    .addColumn('district_name', 'text', (c) => c.notNull())
    .addColumn('district_type', 'text')
    .addColumn('cases', 'integer', (c) => c.notNull())
    .addColumn('hz', 'real')
    .addColumn('attempts', 'integer')
    .addColumn('cleared', 'integer')
    .addColumn('clearance_rate', 'real')
    .addColumn('suspects', 'integer')
    .addColumn('suspects_male', 'integer')
    .addColumn('suspects_female', 'integer')
    .addColumn('suspects_non_german', 'integer')
    .addColumn('population', 'integer')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('crime_imports.id'))
    .addPrimaryKeyConstraint('crime_district_figures_pk', ['year', 'offence_key', 'district_ags'])
    .execute();
  await db.schema
    .createIndex('crime_district_figures_offence_idx')
    .on('crime_district_figures')
    .columns(['offence_key', 'district_ags', 'year'])
    .execute();

  await db.schema
    .createTable('crime_municipality_figures')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('offence_key', 'text', (c) => c.notNull())
    .addColumn('ags', 'text', (c) => c.notNull().references('municipalities.ags'))
    .addColumn('cases', 'integer', (c) => c.notNull())
    .addColumn('cleared', 'integer')
    .addColumn('suspects', 'integer')
    .addColumn('population', 'integer')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('crime_imports.id'))
    .addPrimaryKeyConstraint('crime_municipality_figures_pk', ['year', 'offence_key', 'ags'])
    .execute();
  await db.schema
    .createIndex('crime_municipality_figures_offence_idx')
    .on('crime_municipality_figures')
    .columns(['offence_key', 'ags', 'year'])
    .execute();

  await db.schema
    .createTable('crime_import_mappings')
    .$call((t) => withIdColumn(db, t))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('mapping_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'crime_import_mappings',
    'crime_municipality_figures',
    'crime_district_figures',
    'crime_imports',
    'crime_offence_fields',
    'crime_offences',
    'fields_of_action',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
