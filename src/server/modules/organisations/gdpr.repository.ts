import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { containsText } from '../../db/text-match.ts';

/*
 * The queries behind the GDPR export and erasure of a person: every table that refers to a person,
 * and the free-text columns in which a name may have been written.
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

/** Free-text columns in which users may have written a person's name, e-mail address or phone number. */
const FREE_TEXT = [
  ['council_meetings', 'minutes'],
  ['council_meetings', 'title'],
  ['council_meetings', 'place'],
  ['council_agenda_items', 'title'],
  ['council_agenda_items', 'notes'],
  ['council_decisions', 'text'],
  ['council_tasks', 'title'],
  ['council_tasks', 'notes'],
  ['councils', 'steering_group'],
  ['councils', 'coordination_office'],
  ['councils', 'notes'],
  ['organisations', 'notes'],
  ['people', 'notes'],
  ['municipal_priorities', 'description'],
  ['coaching_processes', 'goals'],
  ['coaching_processes', 'end_report'],
  ['coaching_sessions', 'notes'],
  ['coaches', 'notes'],
  ['training_courses', 'notes'],
] as const;

/** Replaces every occurrence of the values in the free-text columns; returns the number of rows changed. */
export async function redactFreeTexts(db: DbOrTrx, values: string[], replacement: string): Promise<number> {
  let changed = 0;
  for (const value of values) {
    for (const [table, column] of FREE_TEXT) {
      const r = await (db as any)
        .updateTable(table)
        .set({ [column]: sql`replace(${sql.ref(column)}, ${value}, ${replacement})` })
        .where(containsText(db, column, value))
        .executeTakeFirst();
      changed += Number(r.numUpdatedRows ?? 0);
    }
  }
  return changed;
}

/** Audit entries about the person, or whose before/after text contains one of the values. */
export async function findAuditEntriesMentioning(db: DbOrTrx, personId: number, values: string[]) {
  let q = db
    .selectFrom('audit_log')
    .select(['id', 'entity_type', 'entity_id', 'before_json', 'after_json'])
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'person'), eb('entity_id', '=', String(personId))]),
        ...values.flatMap((v) => [containsText(db, 'before_json', v), containsText(db, 'after_json', v)]),
      ]),
    );
  q = q.orderBy('id');
  return q.execute();
}

export async function updateAuditEntry(db: DbOrTrx, id: number, before: string | null, after: string | null): Promise<void> {
  await db.updateTable('audit_log').set({ before_json: before, after_json: after }).where('id', '=', id).execute();
}
