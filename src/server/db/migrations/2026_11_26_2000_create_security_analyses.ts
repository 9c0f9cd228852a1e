import type { Kysely } from 'kysely';
import { withIdColumn } from '../migration-helpers.ts';

/*
 * Security analyses: the tracked project per municipality, its phases with planned and actual
 * dates, named areas (Ortsteile), findings, recommendations with their findings, and the reports
 * (versioned drafts and the frozen final version as a JSON snapshot of everything it shows).
 * The start and completion are alliance events; the analysis keeps only their ids. Links to the
 * survey, the problem field (councils) and the project (projects) are plain ids without foreign
 * keys: those records belong to other modules, which may remove them on their own terms.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('security_analyses')
    .$call((t) => withIdColumn(db, t))
    .addColumn('ags', 'text', (c) => c.notNull().references('municipalities.ags'))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contractor', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
    .addColumn('survey_id', 'integer')
    .addColumn('started_on', 'text')
    .addColumn('completed_on', 'text')
    .addColumn('started_event_id', 'integer', (c) => c.references('alliance_events.id'))
    .addColumn('completed_event_id', 'integer', (c) => c.references('alliance_events.id'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('security_analyses_ags_idx').on('security_analyses').column('ags').execute();

  await db.schema
    .createTable('security_analysis_phases')
    .addColumn('analysis_id', 'integer', (c) => c.notNull().references('security_analyses.id').onDelete('cascade'))
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('planned_start', 'text')
    .addColumn('planned_end', 'text')
    .addColumn('actual_start', 'text')
    .addColumn('actual_end', 'text')
    .addPrimaryKeyConstraint('security_analysis_phases_pk', ['analysis_id', 'phase'])
    .execute();

  await db.schema
    .createTable('security_analysis_areas')
    .$call((t) => withIdColumn(db, t))
    .addColumn('analysis_id', 'integer', (c) => c.notNull().references('security_analyses.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('population', 'integer')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('security_analysis_areas_idx').on('security_analysis_areas').columns(['analysis_id', 'position']).execute();

  await db.schema
    .createTable('security_analysis_findings')
    .$call((t) => withIdColumn(db, t))
    .addColumn('analysis_id', 'integer', (c) => c.notNull().references('security_analyses.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('field_id', 'integer', (c) => c.notNull().references('fields_of_action.id'))
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('security_analysis_findings_idx')
    .on('security_analysis_findings')
    .columns(['analysis_id', 'position'])
    .execute();

  await db.schema
    .createTable('security_analysis_recommendations')
    .$call((t) => withIdColumn(db, t))
    .addColumn('analysis_id', 'integer', (c) => c.notNull().references('security_analyses.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('decided_on', 'text')
    .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('problem_field_id', 'integer')
    .addColumn('project_id', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('security_analysis_recommendations_idx')
    .on('security_analysis_recommendations')
    .columns(['analysis_id', 'position'])
    .execute();

  await db.schema
    .createTable('security_analysis_recommendation_findings')
    .addColumn('recommendation_id', 'integer', (c) => c.notNull().references('security_analysis_recommendations.id').onDelete('cascade'))
    .addColumn('finding_id', 'integer', (c) => c.notNull().references('security_analysis_findings.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('security_analysis_recommendation_findings_pk', ['recommendation_id', 'finding_id'])
    .execute();
  await db.schema
    .createIndex('security_analysis_rec_findings_finding_idx')
    .on('security_analysis_recommendation_findings')
    .column('finding_id')
    .execute();

  await db.schema
    .createTable('security_analysis_reports')
    .addColumn('analysis_id', 'integer', (c) => c.notNull().references('security_analyses.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('security_analysis_reports_pk', ['analysis_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'security_analysis_reports',
    'security_analysis_recommendation_findings',
    'security_analysis_recommendations',
    'security_analysis_findings',
    'security_analysis_areas',
    'security_analysis_phases',
    'security_analyses',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
