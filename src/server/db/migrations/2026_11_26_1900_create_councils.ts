import type { Kysely } from 'kysely';
import { isPostgres, withIdColumn } from '../migration-helpers.ts';

/*
 * Local prevention councils: organisations and people (personal data, with legal basis, purpose
 * and erasure), councils of one or several municipalities with members, meetings, tasks and the
 * calendar feed; problem fields and prevention areas; the coaching pool and coaching processes;
 * training programmes, courses and enrolments. Alliance milestones (council resolution, coaching
 * start and end, …) are alliance events; the rows here keep only the id of the event they caused.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .$call((t) => withIdColumn(db, t))
    .addColumn('ags', 'text', (c) => c.references('municipalities.ags'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('postcode', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('city', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organisations_ags_idx').on('organisations').columns(['ags', 'name']).execute();

  await db.schema
    .createTable('people')
    .$call((t) => withIdColumn(db, t))
    .addColumn('ags', 'text', (c) => c.references('municipalities.ags'))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('function', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('consent_given_on', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('erased_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_ags_idx').on('people').columns(['ags', 'last_name']).execute();
  await db.schema.createIndex('people_organisation_idx').on('people').column('organisation_id').execute();

  await db.schema
    .createTable('councils')
    .$call((t) => withIdColumn(db, t))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('founding_resolution_date', 'text', (c) => c.notNull())
    .addColumn('constituted_on', 'text')
    .addColumn('steering_group', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('coordination_office', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    // Only a SHA-256 of the feed token is stored: a leaked database does not leak the feed URLs.
    .addColumn('feed_token_hash', 'text', (c) => c.unique())
    .addColumn('feed_rotated_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // A municipality belongs to at most one council (its own, or a joint one).
  await db.schema
    .createTable('council_municipalities')
    .addColumn('council_id', 'integer', (c) => c.notNull().references('councils.id'))
    .addColumn('ags', 'text', (c) => c.notNull().unique().references('municipalities.ags'))
    .addColumn('resolution_event_id', 'integer', (c) => c.references('alliance_events.id'))
    .addColumn('constituted_event_id', 'integer', (c) => c.references('alliance_events.id'))
    .addPrimaryKeyConstraint('council_municipalities_pk', ['council_id', 'ags'])
    .execute();

  await db.schema
    .createTable('council_documents')
    .$call((t) => withIdColumn(db, t))
    .addColumn('council_id', 'integer', (c) => c.notNull().references('councils.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('council_documents_council_idx').on('council_documents').column('council_id').execute();

  await db.schema
    .createTable('council_members')
    .$call((t) => withIdColumn(db, t))
    .addColumn('council_id', 'integer', (c) => c.notNull().references('councils.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('steering_group', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('council_members_council_idx').on('council_members').columns(['council_id', 'start_date']).execute();
  await db.schema.createIndex('council_members_person_idx').on('council_members').columns(['person_id', 'council_id']).execute();

  await db.schema
    .createTable('council_meetings')
    .$call((t) => withIdColumn(db, t))
    .addColumn('council_id', 'integer', (c) => c.notNull().references('councils.id'))
    .addColumn('uid', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('council_meetings_council_idx').on('council_meetings').columns(['council_id', 'date']).execute();

  await db.schema
    .createTable('council_agenda_items')
    .$call((t) => withIdColumn(db, t))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('council_meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('council_agenda_items_meeting_idx').on('council_agenda_items').columns(['meeting_id', 'position']).execute();

  await db.schema
    .createTable('council_decisions')
    .$call((t) => withIdColumn(db, t))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('council_meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('council_decisions_meeting_idx').on('council_decisions').columns(['meeting_id', 'position']).execute();

  await db.schema
    .createTable('council_invitees')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('council_meetings.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('attendance', 'text', (c) => c.notNull().defaultTo('invited'))
    .addPrimaryKeyConstraint('council_invitees_pk', ['meeting_id', 'person_id'])
    .execute();
  await db.schema.createIndex('council_invitees_person_idx').on('council_invitees').column('person_id').execute();

  await db.schema
    .createTable('council_tasks')
    .$call((t) => withIdColumn(db, t))
    .addColumn('council_id', 'integer', (c) => c.notNull().references('councils.id'))
    .addColumn('meeting_id', 'integer', (c) => c.references('council_meetings.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('completed_on', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('council_tasks_council_idx').on('council_tasks').columns(['council_id', 'status', 'due_date']).execute();
  await db.schema.createIndex('council_tasks_meeting_idx').on('council_tasks').column('meeting_id').execute();
  await db.schema.createIndex('council_tasks_owner_idx').on('council_tasks').column('owner_person_id').execute();

  await db.schema
    .createTable('municipal_priorities')
    .$call((t) => withIdColumn(db, t))
    .addColumn('ags', 'text', (c) => c.notNull().references('municipalities.ags'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('field_id', 'integer', (c) => c.notNull().references('fields_of_action.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('identified_on', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('municipal_priorities_ags_idx').on('municipal_priorities').columns(['ags', 'kind']).execute();

  // ---- coaching ----

  await db.schema
    .createTable('coaches')
    .$call((t) => withIdColumn(db, t))
    .addColumn('person_id', 'integer', (c) => c.notNull().unique().references('people.id'))
    .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('coaching_processes')
    .$call((t) => withIdColumn(db, t))
    .addColumn('ags', 'text', (c) => c.notNull().references('municipalities.ags'))
    .addColumn('coach_id', 'integer', (c) => c.notNull().references('coaches.id'))
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('goals', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('end_report', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_event_id', 'integer', (c) => c.references('alliance_events.id'))
    .addColumn('end_event_id', 'integer', (c) => c.references('alliance_events.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('coaching_processes_ags_idx').on('coaching_processes').columns(['ags', 'started_on']).execute();
  await db.schema.createIndex('coaching_processes_coach_idx').on('coaching_processes').column('coach_id').execute();

  await db.schema
    .createTable('coaching_sessions')
    .$call((t) => withIdColumn(db, t))
    .addColumn('process_id', 'integer', (c) => c.notNull().references('coaching_processes.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('coaching_sessions_process_idx').on('coaching_sessions').columns(['process_id', 'date']).execute();

  // ---- training ----

  await db.schema
    .createTable('training_programmes')
    .$call((t) => withIdColumn(db, t))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('training_modules')
    .$call((t) => withIdColumn(db, t))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('training_programmes.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('training_courses')
    .$call((t) => withIdColumn(db, t))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('training_programmes.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('training_course_dates')
    .$call((t) => withIdColumn(db, t))
    .addColumn('course_id', 'integer', (c) => c.notNull().references('training_courses.id'))
    .addColumn('module_position', 'integer')
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('training_course_dates_course_idx').on('training_course_dates').column('course_id').execute();

  await db.schema
    .createTable('training_enrolments')
    .$call((t) => withIdColumn(db, t))
    .addColumn('course_id', 'integer', (c) => c.notNull().references('training_courses.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    // The participant's municipality at enrolment: the figures per municipality and district survive an erasure.
    .addColumn('ags', 'text', (c) => c.references('municipalities.ags'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('enrolled'))
    .addColumn('enrolled_on', 'text', (c) => c.notNull())
    .addColumn('completed_on', 'text')
    .addColumn('certificate_number', 'text', (c) => c.unique())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('training_enrolments_course_person_uq', ['course_id', 'person_id'])
    .execute();
  await db.schema.createIndex('training_enrolments_person_idx').on('training_enrolments').column('person_id').execute();

  await db.schema
    .createTable('training_attendance')
    .addColumn('enrolment_id', 'integer', (c) => c.notNull().references('training_enrolments.id'))
    .addColumn('module_position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_attendance_pk', ['enrolment_id', 'module_position'])
    .execute();

  const programmes: [string, string, string, string, [string, string][]][] = [
    [
      'beccaria',
      'qualification',
      'Beccaria-Qualifizierungsprogramm „Fachkraft für Kriminalprävention“',
      'Beccaria qualification "Specialist in crime prevention"',
      [
        ['Kriminologie', 'Criminology'],
        ['Kriminalprävention', 'Crime prevention'],
        ['Projektmanagement', 'Project management'],
        ['Projektbegleitung', 'Project support'],
      ],
    ],
    [
      'pm-ba',
      'study',
      'Berufsbegleitender Studiengang Präventionsmanagement (B.A.)',
      'Part-time study programme Prevention management (B.A.)',
      [],
    ],
    [
      'pm-ma',
      'study',
      'Berufsbegleitender Studiengang Präventionsmanagement (M.A.)',
      'Part-time study programme Prevention management (M.A.)',
      [],
    ],
    ['workshop', 'workshop', 'Workshop', 'Workshop', []],
  ];
  for (const [i, [code, kind, name, nameEn, modules]] of programmes.entries()) {
    const { id } = await db
      .insertInto('training_programmes')
      .values({ code, kind, name, name_en: nameEn, position: i + 1, active: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (modules.length) {
      await db
        .insertInto('training_modules')
        .values(modules.map(([n, e], k) => ({ programme_id: id, position: k + 1, name: n, name_en: e })))
        .execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'training_attendance',
    'training_enrolments',
    'training_course_dates',
    'training_courses',
    'training_modules',
    'training_programmes',
    'coaching_sessions',
    'coaching_processes',
    'coaches',
    'municipal_priorities',
    'council_tasks',
    'council_invitees',
    'council_decisions',
    'council_agenda_items',
    'council_meetings',
    'council_members',
    'council_documents',
    'council_municipalities',
    'councils',
    'people',
    'organisations',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
