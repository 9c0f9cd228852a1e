import { type Insertable, sql, type Updateable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { lockRows } from '../../db/row-lock.ts';
import type { TrainingCoursesTable, TrainingEnrolmentsTable } from './training.tables.ts';

export async function listProgrammes(db: DbOrTrx) {
  return db.selectFrom('training_programmes').selectAll().where('active', '=', 1).orderBy('position').orderBy('id').execute();
}

export async function listModules(db: DbOrTrx, programmeIds: number[]) {
  if (!programmeIds.length) return [];
  return db.selectFrom('training_modules').selectAll().where('programme_id', 'in', programmeIds).orderBy('position').execute();
}

export async function findProgramme(db: DbOrTrx, id: number) {
  return db.selectFrom('training_programmes').selectAll().where('id', '=', id).executeTakeFirst();
}

function coursesQuery(db: DbOrTrx) {
  return db
    .selectFrom('training_courses')
    .innerJoin('training_programmes', 'training_programmes.id', 'training_courses.programme_id')
    .selectAll('training_courses')
    .select((eb) => [
      'training_programmes.name as programme_name',
      'training_programmes.kind as programme_kind',
      eb
        .selectFrom('training_enrolments')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('training_enrolments.course_id', '=', 'training_courses.id')
        .where('training_enrolments.status', '<>', 'withdrawn')
        .as('enrolled'),
    ]);
}
export type CourseRow = Awaited<ReturnType<ReturnType<typeof coursesQuery>['execute']>>[number];

export async function findCourse(db: DbOrTrx, id: number): Promise<CourseRow | undefined> {
  return coursesQuery(db).where('training_courses.id', '=', id).executeTakeFirst();
}

/** Locks the course row (PostgreSQL) so that two enrolments cannot both take its last seat. */
export async function lockCourse(db: DbOrTrx, id: number): Promise<void> {
  await lockRows(db, 'training_courses', 'id', [id]);
}

export async function listCourses(db: DbOrTrx, f: { programmeId?: number; year?: number }, limit: number, offset: number) {
  let q = db.selectFrom('training_courses');
  if (f.programmeId) q = q.where('programme_id', '=', f.programmeId);
  if (f.year) q = q.where(sql<boolean>`substr(coalesce(starts_on, created_at), 1, 4) = ${String(f.year)}`);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const ids = (await q.select('id').orderBy('starts_on', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute()).map(
    (r) => r.id,
  );
  const rows = ids.length
    ? await coursesQuery(db)
        .where('training_courses.id', 'in', ids)
        .orderBy('training_courses.starts_on', 'desc')
        .orderBy('training_courses.id', 'desc')
        .execute()
    : [];
  return { rows, total: Number(total.n) };
}

export async function insertCourse(db: DbOrTrx, row: Insertable<TrainingCoursesTable>): Promise<number> {
  const { id } = await db.insertInto('training_courses').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateCourseVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: Updateable<TrainingCoursesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('training_courses')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listCourseDates(db: DbOrTrx, courseId: number) {
  return db.selectFrom('training_course_dates').selectAll().where('course_id', '=', courseId).orderBy('starts_on').orderBy('id').execute();
}

export async function replaceCourseDates(
  db: DbOrTrx,
  courseId: number,
  dates: { modulePosition: number | null; startsOn: string; endsOn: string; place: string }[],
): Promise<void> {
  await db.deleteFrom('training_course_dates').where('course_id', '=', courseId).execute();
  if (dates.length) {
    await db
      .insertInto('training_course_dates')
      .values(
        dates.map((d) => ({
          course_id: courseId,
          module_position: d.modulePosition,
          starts_on: d.startsOn,
          ends_on: d.endsOn,
          place: d.place,
        })),
      )
      .execute();
  }
}

function enrolmentsQuery(db: DbOrTrx) {
  return db
    .selectFrom('training_enrolments')
    .innerJoin('people', 'people.id', 'training_enrolments.person_id')
    .leftJoin('municipalities', 'municipalities.ags', 'training_enrolments.ags')
    .selectAll('training_enrolments')
    .select(['people.first_name', 'people.last_name', 'people.erased_at', 'municipalities.name as municipality_name']);
}
export type EnrolmentRow = Awaited<ReturnType<ReturnType<typeof enrolmentsQuery>['execute']>>[number];

export async function listEnrolments(db: DbOrTrx, courseId: number): Promise<EnrolmentRow[]> {
  return enrolmentsQuery(db)
    .where('training_enrolments.course_id', '=', courseId)
    .orderBy('people.last_name')
    .orderBy('people.first_name')
    .orderBy('training_enrolments.id')
    .execute();
}

export async function findEnrolment(db: DbOrTrx, id: number): Promise<EnrolmentRow | undefined> {
  return enrolmentsQuery(db).where('training_enrolments.id', '=', id).executeTakeFirst();
}

export async function findEnrolmentOfPerson(db: DbOrTrx, courseId: number, personId: number) {
  return db
    .selectFrom('training_enrolments')
    .select(['id', 'status'])
    .where('course_id', '=', courseId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function countSeatsTaken(db: DbOrTrx, courseId: number): Promise<number> {
  const r = await db
    .selectFrom('training_enrolments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('course_id', '=', courseId)
    .where('status', '<>', 'withdrawn')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertEnrolment(db: DbOrTrx, row: Insertable<TrainingEnrolmentsTable>): Promise<number> {
  const { id } = await db.insertInto('training_enrolments').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateEnrolmentVersioned(
  db: DbOrTrx,
  id: number,
  version: number,
  patch: Updateable<TrainingEnrolmentsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('training_enrolments')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listAttendance(db: DbOrTrx, enrolmentIds: number[]) {
  if (!enrolmentIds.length) return [];
  return db.selectFrom('training_attendance').selectAll().where('enrolment_id', 'in', enrolmentIds).orderBy('module_position').execute();
}

export async function replaceAttendance(db: DbOrTrx, enrolmentId: number, positions: number[]): Promise<void> {
  await db.deleteFrom('training_attendance').where('enrolment_id', '=', enrolmentId).execute();
  if (positions.length)
    await db
      .insertInto('training_attendance')
      .values(positions.map((p) => ({ enrolment_id: enrolmentId, module_position: p })))
      .execute();
}

/** Enrolments, completions and withdrawals per municipality or district and year (year of the course start). */
export async function trainingFigures(db: DbOrTrx, f: { level: 'municipality' | 'district'; year?: number; programmeId?: number }) {
  const year = sql<string>`substr(coalesce(training_courses.starts_on, training_enrolments.enrolled_on), 1, 4)`;
  const key =
    f.level === 'district' ? sql<string>`coalesce(municipalities.district_ags, '')` : sql<string>`coalesce(training_enrolments.ags, '')`;
  const name = f.level === 'district' ? sql<string>`coalesce(districts.name, '')` : sql<string>`coalesce(municipalities.name, '')`;
  let q = db
    .selectFrom('training_enrolments')
    .innerJoin('training_courses', 'training_courses.id', 'training_enrolments.course_id')
    .leftJoin('municipalities', 'municipalities.ags', 'training_enrolments.ags')
    .leftJoin('districts', 'districts.ags', 'municipalities.district_ags')
    .select((eb) => [
      key.as('key'),
      name.as('name'),
      year.as('year'),
      eb.fn.countAll<number>().as('enrolments'),
      eb.fn.sum<number>(sql`case when training_enrolments.status = 'completed' then 1 else 0 end`).as('completions'),
      eb.fn.sum<number>(sql`case when training_enrolments.status = 'withdrawn' then 1 else 0 end`).as('withdrawn'),
    ])
    .groupBy([key, name, year]);
  if (f.year) q = q.where(year, '=', String(f.year));
  if (f.programmeId) q = q.where('training_courses.programme_id', '=', f.programmeId);
  const rows = await q.orderBy(year).orderBy(key).execute();
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    year: Number(r.year),
    enrolments: Number(r.enrolments),
    completions: Number(r.completions ?? 0),
    withdrawn: Number(r.withdrawn ?? 0),
  }));
}
