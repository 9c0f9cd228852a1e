import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('states')
    .addColumn('ags', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('seat', 'text')
    .addColumn('status_date', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('districts')
    .addColumn('ags', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('seat', 'text')
    .addColumn('state_ags', 'text', (c) => c.notNull())
    .addColumn('area_ha', 'bigint')
    .addColumn('population', 'integer')
    .addColumn('population_male', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status_date', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('associations')
    .addColumn('ars', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('seat', 'text')
    .addColumn('district_ags', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status_date', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('municipalities')
    .addColumn('ags', 'text', (c) => c.primaryKey())
    .addColumn('ars', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('district_ags', 'text', (c) => c.notNull().references('districts.ags'))
    .addColumn('association_ars', 'text')
    .addColumn('area_ha', 'bigint')
    .addColumn('population', 'integer')
    .addColumn('population_male', 'integer')
    .addColumn('postcode', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status_date', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('municipalities_district_idx').on('municipalities').column('district_ags').execute();
  await db.schema.createIndex('municipalities_name_idx').on('municipalities').column('name').execute();

  await db.schema
    .createTable('directorate_districts')
    .addColumn('directorate_id', 'integer', (c) => c.notNull().references('police_directorates.id').onDelete('cascade'))
    .addColumn('district_ags', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('directorate_districts_pk', ['directorate_id', 'district_ags'])
    .execute();
  await db.schema.createIndex('directorate_districts_district_idx').on('directorate_districts').column('district_ags').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['directorate_districts', 'municipalities', 'associations', 'districts', 'states']) {
    await db.schema.dropTable(t).execute();
  }
}
