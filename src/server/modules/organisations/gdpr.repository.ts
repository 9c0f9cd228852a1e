import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { PersonalColumn } from './gdpr.registry.ts';

/*
 * The queries behind the GDPR export and erasure of a person: every table that refers to a person,
 * and the registered columns (gdpr.registry.ts) in which a name may have been written, read in
 * pages and matched in the service so that both databases find the same.
 */

export async function listMembershipsOfPerson(db: DbOrTrx, personId: number) {
  return db
    .selectFrom('council_members')
    .innerJoin('councils', 'councils.id', 'council_members.council_id')
    .leftJoin('organisations', 'organisations.id', 'council_members.organisation_id')
    .select([
      'council_members.council_id',
      'councils.name as council_name',
      'council_members.role',
      'council_members.start_date',
      'council_members.end_date',
      'organisations.name as organisation_name',
    ])
    .where('council_members.person_id', '=', personId)
    .orderBy('council_members.start_date')
    .execute();
}

export async function listInvitationsOfPerson(db: DbOrTrx, personId: number) {
  return db
    .selectFrom('council_invitees')
    .innerJoin('council_meetings', 'council_meetings.id', 'council_invitees.meeting_id')
    .innerJoin('councils', 'councils.id', 'council_meetings.council_id')
    .select([
      'council_meetings.id',
      'councils.name as council_name',
      'council_meetings.title',
      'council_meetings.date',
      'council_invitees.attendance',
    ])
    .where('council_invitees.person_id', '=', personId)
    .orderBy('council_meetings.date')
    .execute();
}

export async function listTasksOfPerson(db: DbOrTrx, personId: number) {
  return db
    .selectFrom('council_tasks')
    .innerJoin('councils', 'councils.id', 'council_tasks.council_id')
    .select(['council_tasks.id', 'councils.name as council_name', 'council_tasks.title', 'council_tasks.due_date', 'council_tasks.status'])
    .where('council_tasks.owner_person_id', '=', personId)
    .orderBy('council_tasks.due_date')
    .execute();
}

export async function listEnrolmentsOfPerson(db: DbOrTrx, personId: number) {
  return db
    .selectFrom('training_enrolments')
    .innerJoin('training_courses', 'training_courses.id', 'training_enrolments.course_id')
    .innerJoin('training_programmes', 'training_programmes.id', 'training_courses.programme_id')
    .select([
      'training_enrolments.id',
      'training_courses.title',
      'training_programmes.name as programme_name',
      'training_enrolments.status',
      'training_enrolments.completed_on',
    ])
    .where('training_enrolments.person_id', '=', personId)
    .orderBy('training_enrolments.id')
    .execute();
}

export async function listCoachingOfPerson(db: DbOrTrx, personId: number) {
  return db
    .selectFrom('coaching_processes')
    .innerJoin('coaches', 'coaches.id', 'coaching_processes.coach_id')
    .select(['coaching_processes.id', 'coaching_processes.ags', 'coaching_processes.started_on', 'coaching_processes.ended_on'])
    .where('coaches.person_id', '=', personId)
    .orderBy('coaching_processes.started_on')
    .execute();
}

/** How many records keep referring to the (then anonymous) person after an erasure. */
export async function countKeptRecords(db: DbOrTrx, personId: number): Promise<Record<string, number>> {
  const count = async (table: 'council_members' | 'council_invitees' | 'training_enrolments', column: 'person_id') => {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(column, '=', personId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const tasks = await db
    .selectFrom('council_tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_person_id', '=', personId)
    .executeTakeFirstOrThrow();
  const coaches = await db
    .selectFrom('coaches')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .executeTakeFirstOrThrow();
  return {
    memberships: await count('council_members', 'person_id'),
    invitations: await count('council_invitees', 'person_id'),
    enrolments: await count('training_enrolments', 'person_id'),
    tasks: Number(tasks.n),
    coaches: Number(coaches.n),
  };
}

/** Empties every personal column of the person; the row stays as an anonymous reference for the counts. */
export async function anonymisePerson(db: DbOrTrx, personId: number, at: string): Promise<void> {
  await db
    .updateTable('people')
    .set({
      first_name: '',
      last_name: '',
      function: '',
      email: null,
      phone: null,
      organisation_id: null,
      purpose: '',
      consent_given_on: null,
      notes: '',
      erased_at: at,
      updated_at: at,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', personId)
    .execute();
  // A certificate number identifies the certificate issued to the person; nothing needs it any more.
  await db.updateTable('training_enrolments').set({ certificate_number: null, updated_at: at }).where('person_id', '=', personId).execute();
  await db
    .updateTable('coaches')
    .set({ notes: '', active: 0, updated_at: at, version: sql<number>`version + 1` })
    .where('person_id', '=', personId)
    .execute();
}

/** One page of a registered column's non-empty values, in the order of the row key. */
export async function readColumnPage(db: DbOrTrx, c: PersonalColumn, offset: number, limit: number) {
  const keys = c.key.map((k) => sql.ref(k));
  const rows = await sql<Record<string, unknown>>`select ${sql.join(keys)}, ${sql.ref(c.column)} as value from ${sql.table(c.table)}
    where ${sql.ref(c.column)} is not null and ${sql.ref(c.column)} <> '' order by ${sql.join(keys)} limit ${limit} offset ${offset}`.execute(
    db,
  );
  return rows.rows.map((r) => ({ key: c.key.map((k) => r[k]), value: String(r.value) }));
}

/** Writes a redacted value, only if the cell still holds the value that was read. */
export async function writeCell(db: DbOrTrx, c: PersonalColumn, key: unknown[], old: string, value: string): Promise<void> {
  const where = c.key.map((k, i) => sql`${sql.ref(k)} = ${key[i]}`);
  await sql`update ${sql.table(c.table)} set ${sql.ref(c.column)} = ${value}
    where ${sql.join(where, sql` and `)} and ${sql.ref(c.column)} = ${old}`.execute(db);
}

/** The audit entries about the person itself. */
export async function findAuditEntriesOfPerson(db: DbOrTrx, personId: number) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'before_json', 'after_json'])
    .where('entity_type', '=', 'person')
    .where('entity_id', '=', String(personId))
    .orderBy('id')
    .execute();
}

export async function updateAuditEntry(db: DbOrTrx, id: number, before: string | null, after: string | null): Promise<void> {
  await db.updateTable('audit_log').set({ before_json: before, after_json: after }).where('id', '=', id).execute();
}
