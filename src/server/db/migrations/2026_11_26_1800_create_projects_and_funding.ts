import type { Kysely } from 'kysely';
import { isPostgres, withIdColumn } from '../migration-helpers.ts';

/*
 * Prevention projects after the Beccaria standard and the annual funding programme: programmes
 * with their rules as data (and every earlier version of them), applications with cost items,
 * reviews, payments and proofs of use. Money is integer cents everywhere; shares are basis points
 * (9000 = 90 %). An application carries its plan's totals and its paid and reclaimed sums, written
 * in the same transaction as the rows they summarise, so the budget overview reads one table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const blob = isPostgres(db) ? 'bytea' : 'blob';

  await db.schema
    .createTable('funding_projects')
    .$call((t) => withIdColumn(db, t))
    .addColumn('ags', 'text', (c) => c.notNull().references('municipalities.ags'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('idea'))
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('steps_json', 'text', (c) => c.notNull())
    .addColumn('partners_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('locations_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('funding_projects_ags_idx').on('funding_projects').columns(['ags', 'status']).execute();

  await db.schema
    .createTable('funding_project_fields')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('funding_projects.id'))
    .addColumn('field_id', 'integer', (c) => c.notNull().references('fields_of_action.id'))
    .addPrimaryKeyConstraint('funding_project_fields_pk', ['project_id', 'field_id'])
    .execute();

  await db.schema
    .createTable('funding_programmes')
    .$call((t) => withIdColumn(db, t))
    .addColumn('year', 'integer', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('budget_cents', 'bigint', (c) => c.notNull())
    .addColumn('window_opens', 'text', (c) => c.notNull())
    .addColumn('window_closes', 'text', (c) => c.notNull())
    .addColumn('max_share_bp', 'integer', (c) => c.notNull())
    .addColumn('min_own_share_bp', 'integer', (c) => c.notNull())
    .addColumn('min_grant_cents', 'bigint', (c) => c.notNull())
    .addColumn('reimbursement_threshold_cents', 'bigint', (c) => c.notNull())
    .addColumn('staff_caps_json', 'text', (c) => c.notNull())
    .addColumn('quotas_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('public_list', 'integer', (c) => c.notNull().defaultTo(0))
    // Bumped as the first statement of every transaction that changes commitments: the budget lock.
    .addColumn('commitment_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('funding_programme_versions')
    .$call((t) => withIdColumn(db, t))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('funding_programmes.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rules_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('changed_by_label', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('funding_programme_versions_uq', ['programme_id', 'version'])
    .execute();

  await db.schema
    .createTable('funding_applications')
    .$call((t) => withIdColumn(db, t))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('funding_programmes.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('funding_projects.id'))
    .addColumn('ags', 'text', (c) => c.notNull().references('municipalities.ags'))
    .addColumn('field_id', 'integer', (c) => c.notNull().references('fields_of_action.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('total_cost_cents', 'bigint', (c) => c.notNull())
    .addColumn('eligible_cost_cents', 'bigint', (c) => c.notNull())
    .addColumn('own_cents', 'bigint', (c) => c.notNull())
    .addColumn('own_in_kind_cents', 'bigint', (c) => c.notNull())
    .addColumn('third_party_cents', 'bigint', (c) => c.notNull())
    .addColumn('requested_cents', 'bigint', (c) => c.notNull())
    .addColumn('small_grant_justification', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('window_override_reason', 'text')
    .addColumn('recommendation', 'text')
    .addColumn('recommended_cents', 'bigint')
    .addColumn('recommendation_summary', 'text')
    .addColumn('approved_cents', 'bigint')
    .addColumn('decision_reason', 'text')
    .addColumn('small_grant_exception', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('notice_number', 'text', (c) => c.unique())
    .addColumn('paid_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('repayment_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Covers the budget overview (sums per status and field of action of one programme).
  await db.schema
    .createIndex('funding_applications_overview_idx')
    .on('funding_applications')
    .columns(['programme_id', 'status', 'field_id', 'ags', 'requested_cents', 'approved_cents', 'paid_cents', 'repayment_cents'])
    .execute();
  await db.schema.createIndex('funding_applications_project_idx').on('funding_applications').column('project_id').execute();
  await db.schema.createIndex('funding_applications_ags_idx').on('funding_applications').column('ags').execute();

  await db.schema
    .createTable('funding_cost_items')
    .$call((t) => withIdColumn(db, t))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('funding_applications.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('pay_grade', 'text')
    .addColumn('months', 'integer')
    .addColumn('eligible', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('funding_cost_items_application_idx')
    .on('funding_cost_items')
    .columns(['application_id', 'position'])
    .execute();

  await db.schema
    .createTable('funding_reviews')
    .$call((t) => withIdColumn(db, t))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('funding_applications.id'))
    .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('assigned'))
    .addColumn('scores_json', 'text')
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('assigned_by', 'integer', (c) => c.references('users.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('funding_reviews_uq', ['application_id', 'reviewer_id'])
    .execute();

  await db.schema
    .createTable('funding_payments')
    .$call((t) => withIdColumn(db, t))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('funding_applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('requested'))
    .addColumn('requested_cents', 'bigint', (c) => c.notNull())
    .addColumn('proven_costs_cents', 'bigint')
    .addColumn('requested_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('paid_cents', 'bigint')
    .addColumn('paid_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('funding_payments_application_idx').on('funding_payments').column('application_id').execute();

  await db.schema
    .createTable('funding_proofs')
    .$call((t) => withIdColumn(db, t))
    .addColumn('application_id', 'integer', (c) => c.notNull().unique().references('funding_applications.id'))
    .addColumn('actual_json', 'text', (c) => c.notNull())
    .addColumn('actual_total_cents', 'bigint', (c) => c.notNull())
    .addColumn('actual_eligible_cents', 'bigint', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('submitted'))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('checked_eligible_cents', 'bigint')
    .addColumn('entitled_cents', 'bigint')
    .addColumn('repayment_cents', 'bigint')
    .addColumn('check_note', 'text')
    .addColumn('checked_at', 'text')
    .addColumn('checked_by', 'integer', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // Project documents; a proof of use's documents carry its application.
  await db.schema
    .createTable('funding_documents')
    .$call((t) => withIdColumn(db, t))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('funding_projects.id'))
    .addColumn('application_id', 'integer', (c) => c.references('funding_applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('project'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', blob, (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('funding_documents_project_idx').on('funding_documents').column('project_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'funding_documents',
    'funding_proofs',
    'funding_payments',
    'funding_reviews',
    'funding_cost_items',
    'funding_applications',
    'funding_programme_versions',
    'funding_programmes',
    'funding_project_fields',
    'funding_projects',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
