import type { Sheet } from 'write-excel-file/node';
import { xlsxDownload } from '../../lib/table-export.ts';
import type {
  Course,
  CreateCourseInput,
  EnrolInput,
  Enrolment,
  Programme,
  TrainingFigures,
  UpdateCourseInput,
  UpdateEnrolmentInput,
} from '../../../shared/training.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/problem.ts';
import { type CsvDialect, csvDownload } from '../../lib/csv.ts';
import { createLayout } from '../../lib/pdf-layout.ts';
import { recordAudit } from '../audit/index.ts';
import { allows } from '../../../shared/policies.ts';
import { inScope, type MunicipalScope, requireAccess, scopeOf } from '../../auth/access.ts';
import { personName, requirePerson } from '../organisations/index.ts';
import * as repo from './training.repository.ts';
import { formatDate, nowIso, todayBerlin } from '../../../shared/time.ts';

type Text = { de: string; en: string };
const ruleError = (field: string, code: string, text: Text) => new AppError('rule-violation', text, [{ field, code, message: text }]);

// ---- presenters ----

export async function listProgrammes(db: DbOrTrx): Promise<Programme[]> {
  const programmes = await repo.listProgrammes(db);
  const modules = await repo.listModules(
    db,
    programmes.map((p) => p.id),
  );
  return programmes.map((p) => ({
    id: p.id,
    code: p.code,
    kind: p.kind as Programme['kind'],
    name: p.name,
    nameEn: p.name_en,
    modules: modules.filter((m) => m.programme_id === p.id).map((m) => ({ position: m.position, name: m.name, nameEn: m.name_en })),
  }));
}

/** What a principal reaches of the enrolments: its municipal scope, and whether it reads and enrols there. */
interface Reach {
  scope: MunicipalScope;
  read: boolean;
  enrol: boolean;
}

async function reachOf(db: DbOrTrx, principal: Principal): Promise<Reach> {
  return {
    scope: await scopeOf(db, principal),
    read: allows('training.read', principal.role),
    enrol: allows('training.enrol', principal.role),
  };
}

function presentEnrolment(r: repo.EnrolmentRow, attendance: { enrolment_id: number; module_position: number }[], reach: Reach): Enrolment {
  return {
    id: r.id,
    courseId: r.course_id,
    personId: r.person_id,
    personName: personName({ id: r.person_id, first_name: r.first_name, last_name: r.last_name, erased_at: r.erased_at }),
    ags: r.ags,
    municipalityName: r.municipality_name ?? null,
    status: r.status as Enrolment['status'],
    enrolledOn: r.enrolled_on,
    completedOn: r.completed_on,
    attendedModules: attendance.filter((a) => a.enrolment_id === r.id).map((a) => a.module_position),
    certificateNumber: r.certificate_number,
    canEdit: reach.enrol && inScope(reach.scope, r.ags),
    version: r.version,
  };
}

function summary(r: repo.CourseRow) {
  const enrolled = Number(r.enrolled ?? 0);
  return {
    id: r.id,
    programmeId: r.programme_id,
    programmeName: r.programme_name,
    programmeKind: r.programme_kind as Course['programmeKind'],
    title: r.title,
    place: r.place,
    capacity: r.capacity,
    enrolled,
    free: Math.max(0, r.capacity - enrolled),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    notes: r.notes,
    version: r.version,
  };
}

async function loadCourse(db: DbOrTrx, id: number, reach: Reach): Promise<Course> {
  const row = await repo.findCourse(db, id);
  if (!row) throw notFound({ de: `Kein Kurs Nr. ${id}.`, en: `No course no. ${id}.` });
  const [dates, modules, enrolments] = await Promise.all([
    repo.listCourseDates(db, id),
    repo.listModules(db, [row.programme_id]),
    repo.listEnrolments(db, id),
  ]);
  const visible = enrolments.filter((e) => reach.read && inScope(reach.scope, e.ags));
  const attendance = await repo.listAttendance(
    db,
    visible.map((e) => e.id),
  );
  return {
    ...summary(row),
    dates: dates.map((d) => ({ modulePosition: d.module_position, startsOn: d.starts_on, endsOn: d.ends_on, place: d.place })),
    modules: modules.map((m) => ({ position: m.position, name: m.name })),
    enrolments: visible.map((e) => presentEnrolment(e, attendance, reach)),
  };
}

// ---- courses ----

export async function listCourses(db: DbOrTrx, q: { programmeId?: number; year?: number; page: number; pageSize: number }) {
  const { rows, total } = await repo.listCourses(db, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(summary), total, page: q.page, pageSize: q.pageSize };
}

export async function getCourse(db: DbOrTrx, principal: Principal, id: number): Promise<Course> {
  return loadCourse(db, id, await reachOf(db, principal));
}

function checkDates(dates: CreateCourseInput['dates'], modules: number): { startsOn: string | null; endsOn: string | null } {
  dates.forEach((d, i) => {
    if (d.endsOn < d.startsOn)
      throw fieldError(
        `dates.${i}.endsOn`,
        { de: 'Das Ende liegt vor dem Beginn.', en: 'The end lies before the start.' },
        'end_before_start',
      );
    if (d.modulePosition !== null && d.modulePosition > modules) {
      throw fieldError(
        `dates.${i}.modulePosition`,
        { de: `Das Programm hat ${modules} Module.`, en: `The programme has ${modules} modules.` },
        'unknown_module',
      );
    }
  });
  const starts = dates.map((d) => d.startsOn).sort();
  const ends = dates.map((d) => d.endsOn).sort();
  return { startsOn: starts[0] ?? null, endsOn: ends.at(-1) ?? null };
}

export async function createCourse(db: DbOrTrx, principal: Principal, actor: Actor, input: CreateCourseInput): Promise<Course> {
  const programme = await repo.findProgramme(db, input.programmeId);
  if (!programme)
    throw fieldError(
      'programmeId',
      { de: `Kein Programm Nr. ${input.programmeId}.`, en: `No programme no. ${input.programmeId}.` },
      'unknown',
    );
  const modules = await repo.listModules(db, [programme.id]);
  const span = checkDates(input.dates, modules.length);
  const now = nowIso();
  const id = await repo.insertCourse(db, {
    programme_id: input.programmeId,
    title: input.title,
    place: input.place,
    capacity: input.capacity,
    starts_on: span.startsOn,
    ends_on: span.endsOn,
    notes: input.notes,
    created_at: now,
    updated_at: now,
  });
  await repo.replaceCourseDates(db, id, input.dates);
  const course = await loadCourse(db, id, await reachOf(db, principal));
  await recordAudit(db, actor, {
    action: 'create',
    entityType: 'training_course',
    entityId: id,
    after: { ...course, enrolments: undefined },
  });
  return course;
}

export async function updateCourse(db: DbOrTrx, principal: Principal, actor: Actor, id: number, input: UpdateCourseInput): Promise<Course> {
  const reach = await reachOf(db, principal);
  const before = await loadCourse(db, id, reach);
  if (before.version !== input.version) throw conflict(before);
  let span: { startsOn: string | null; endsOn: string | null } | undefined;
  if (input.dates) span = checkDates(input.dates, before.modules.length);
  if (input.capacity !== undefined && input.capacity < before.enrolled) {
    throw fieldError(
      'capacity',
      { de: `Es sind bereits ${before.enrolled} Personen angemeldet.`, en: `${before.enrolled} people are already enrolled.` },
      'below_enrolled',
    );
  }
  const patch = Object.fromEntries(
    Object.entries({
      title: input.title,
      place: input.place,
      capacity: input.capacity,
      notes: input.notes,
      starts_on: span?.startsOn,
      ends_on: span?.endsOn,
    }).filter(([, v]) => v !== undefined),
  );
  const ok = await repo.updateCourseVersioned(db, id, input.version, { ...patch, updated_at: nowIso() });
  if (!ok) throw conflict(await loadCourse(db, id, reach));
  if (input.dates) await repo.replaceCourseDates(db, id, input.dates);
  const after = await loadCourse(db, id, reach);
  await recordAudit(db, actor, {
    action: 'update',
    entityType: 'training_course',
    entityId: id,
    before: { ...before, enrolments: undefined },
    after: { ...after, enrolments: undefined },
  });
  return after;
}

// ---- enrolments ----

/** Enrols a person; a full course is refused with a message at the course. */
export async function enrol(db: DbOrTrx, principal: Principal, actor: Actor, courseId: number, input: EnrolInput): Promise<Enrolment> {
  const reach = await reachOf(db, principal);
  const course = await repo.findCourse(db, courseId);
  if (!course) throw notFound({ de: `Kein Kurs Nr. ${courseId}.`, en: `No course no. ${courseId}.` });
  const person = await requirePerson(db, principal, input.personId, 'personId');
  if (person.erased_at) throw fieldError('personId', { de: 'Die Person wurde gelöscht.', en: 'The person was erased.' }, 'erased');
  await requireAccess(db, principal, 'training.enrol');
  await repo.lockCourse(db, courseId);
  const existing = await repo.findEnrolmentOfPerson(db, courseId, input.personId);
  if (existing)
    throw ruleError('personId', 'already_enrolled', {
      de: 'Diese Person ist für diesen Kurs bereits angemeldet.',
      en: 'This person is already enrolled in this course.',
    });
  const taken = await repo.countSeatsTaken(db, courseId);
  if (taken >= course.capacity) {
    throw ruleError('courseId', 'course_full', {
      de: `Der Kurs „${course.title}“ ist ausgebucht (${course.capacity} von ${course.capacity} Plätzen belegt).`,
      en: `The course "${course.title}" is full (${course.capacity} of ${course.capacity} places taken).`,
    });
  }
  const now = nowIso();
  const id = await repo.insertEnrolment(db, {
    course_id: courseId,
    person_id: input.personId,
    ags: person.ags,
    status: 'enrolled',
    enrolled_on: input.enrolledOn ?? todayBerlin(),
    created_at: now,
    updated_at: now,
  });
  const row = (await repo.findEnrolment(db, id))!;
  const enrolment = presentEnrolment(row, [], reach);
  await recordAudit(db, actor, { action: 'create', entityType: 'training_enrolment', entityId: id, after: enrolment });
  return enrolment;
}

/** Attendance, completion (all modules attended) and withdrawal. Coordinators may only withdraw. */
export async function updateEnrolment(
  db: DbOrTrx,
  principal: Principal,
  actor: Actor,
  id: number,
  input: UpdateEnrolmentInput,
): Promise<Enrolment> {
  const reach = await reachOf(db, principal);
  const row = await repo.findEnrolment(db, id);
  if (!row) throw notFound({ de: `Keine Anmeldung Nr. ${id}.`, en: `No enrolment no. ${id}.` });
  await requireAccess(db, principal, 'training.enrol', row.ags);
  const before = presentEnrolment(row, await repo.listAttendance(db, [id]), reach);
  if (row.version !== input.version) throw conflict(before);
  const staff = allows('training.manage', principal.role);
  if (
    !staff &&
    (input.attendedModules !== undefined || (input.status !== undefined && input.status !== 'withdrawn') || input.completedOn !== undefined)
  ) {
    throw new AppError('forbidden-role', {
      de: 'Anwesenheit und Abschluss trägt die LPR-Geschäftsstelle ein.',
      en: 'Attendance and completion are recorded by the state council staff.',
    });
  }
  const course = (await repo.findCourse(db, row.course_id))!;
  const modules = await repo.listModules(db, [course.programme_id]);
  const attended = input.attendedModules ? [...new Set(input.attendedModules)].sort((a, b) => a - b) : before.attendedModules;
  attended.forEach((p, i) => {
    if (!modules.some((m) => m.position === p))
      throw fieldError(
        `attendedModules.${i}`,
        { de: `Das Programm hat kein Modul ${p}.`, en: `The programme has no module ${p}.` },
        'unknown_module',
      );
  });
  const status = input.status ?? before.status;
  let completedOn = input.completedOn !== undefined ? input.completedOn : before.completedOn;
  let certificate = row.certificate_number;
  if (status === 'completed') {
    const missing = modules.filter((m) => !attended.includes(m.position));
    if (missing.length) {
      throw ruleError('status', 'modules_missing', {
        de: `Für den Abschluss fehlt die Teilnahme an: ${missing.map((m) => m.name).join(', ')}.`,
        en: `Completion needs attendance of: ${missing.map((m) => m.name_en).join(', ')}.`,
      });
    }
    completedOn ??= todayBerlin();
    if (completedOn > todayBerlin())
      throw fieldError('completedOn', { de: 'Das Datum liegt in der Zukunft.', en: 'The date lies in the future.' }, 'date_in_future');
    certificate ??= `PRV-${completedOn.slice(0, 4)}-${String(id).padStart(6, '0')}`;
  } else {
    completedOn = null;
    certificate = null;
  }
  const ok = await repo.updateEnrolmentVersioned(db, id, input.version, {
    status,
    completed_on: completedOn,
    certificate_number: certificate,
    updated_at: nowIso(),
  });
  if (!ok) throw conflict(presentEnrolment((await repo.findEnrolment(db, id))!, await repo.listAttendance(db, [id]), reach));
  if (input.attendedModules) await repo.replaceAttendance(db, id, attended);
  const after = presentEnrolment((await repo.findEnrolment(db, id))!, await repo.listAttendance(db, [id]), reach);
  await recordAudit(db, actor, { action: 'update', entityType: 'training_enrolment', entityId: id, before, after });
  return after;
}

/** The certificate of a completed enrolment as a tagged PDF. */
export async function certificatePdf(db: DbOrTrx, principal: Principal, id: number): Promise<{ fileName: string; body: Buffer }> {
  const row = await repo.findEnrolment(db, id);
  if (!row) throw notFound({ de: `Keine Anmeldung Nr. ${id}.`, en: `No enrolment no. ${id}.` });
  await requireAccess(db, principal, 'training.read', row.ags);
  if (row.status !== 'completed' || !row.completed_on || !row.certificate_number || row.erased_at) {
    throw ruleError('id', 'not_completed', {
      de: 'Ein Zertifikat gibt es erst nach dem Abschluss.',
      en: 'A certificate exists only after completion.',
    });
  }
  const course = (await repo.findCourse(db, row.course_id))!;
  const modules = await repo.listModules(db, [course.programme_id]);
  const name = personName({ id: row.person_id, first_name: row.first_name, last_name: row.last_name, erased_at: row.erased_at });
  const pdf = createLayout({
    title: `Zertifikat – ${course.programme_name}`,
    subject: `Zertifikat ${row.certificate_number}`,
    pageNumbers: false,
  });
  const center = { align: 'center' } as const;
  pdf.moveTo(120);
  pdf.heading('Zertifikat', 1, { ...center, size: 28, color: '#000000', gapAfter: 24 });
  pdf.paragraph('Hiermit wird bescheinigt, dass', { ...center, size: 13, gapAfter: 12 });
  pdf.paragraph(name, { ...center, size: 20, bold: true, gapAfter: 12 });
  pdf.paragraph('erfolgreich teilgenommen hat an', { ...center, size: 13, gapAfter: 12 });
  pdf.paragraph(course.programme_name, { ...center, size: 15, bold: true, gapAfter: 2 });
  pdf.paragraph(course.title + (course.place ? `, ${course.place}` : ''), { ...center, size: 12, gapAfter: 16 });
  if (modules.length) {
    pdf.paragraph('Module:', { ...center, size: 12, gapAfter: 2 });
    pdf.paragraph(modules.map((m) => `${m.position}. ${m.name}`).join('\n'), { ...center, size: 12, gapAfter: 24 });
  }
  pdf.paragraph(`Abgeschlossen am ${formatDate(row.completed_on, 'de')}`, { ...center, size: 12, gapAfter: 6 });
  pdf.paragraph(`Zertifikat Nr. ${row.certificate_number}`, { ...center, size: 10, color: '#444444' });
  return { fileName: `zertifikat-${row.certificate_number}.pdf`, body: await pdf.finish() };
}

// ---- figures ----

export async function getFigures(
  db: DbOrTrx,
  q: { level: 'municipality' | 'district'; year?: number; programmeId?: number },
): Promise<TrainingFigures> {
  const rows = (await repo.trainingFigures(db, q)).map((r) => ({ ...r, name: r.name || (r.key ? r.key : 'ohne Kommune') }));
  const totals = rows.reduce(
    (t, r) => ({
      enrolments: t.enrolments + r.enrolments,
      completions: t.completions + r.completions,
      withdrawn: t.withdrawn + r.withdrawn,
    }),
    { enrolments: 0, completions: 0, withdrawn: 0 },
  );
  return { level: q.level, rows, totals };
}

/** The figures as CSV (German Excel dialect unless asked otherwise) or XLSX, German headers. */
export async function exportFigures(
  db: DbOrTrx,
  q: { level: 'municipality' | 'district'; year?: number; programmeId?: number; format: 'csv' | 'xlsx'; dialect: CsvDialect },
) {
  const f = await getFigures(db, q);
  const header = [
    'Jahr',
    q.level === 'district' ? 'Kreisschlüssel' : 'AGS',
    q.level === 'district' ? 'Kreis' : 'Kommune',
    'Anmeldungen',
    'Abschlüsse',
    'Abmeldungen',
  ];
  const rows = f.rows.map((r) => [r.year, r.key, r.name, r.enrolments, r.completions, r.withdrawn]);
  const base = `fortbildung-${q.level === 'district' ? 'kreise' : 'kommunen'}${q.year ? `-${q.year}` : ''}`;
  if (q.format === 'csv') return csvDownload([header, ...rows], q.dialect, `${base}.csv`);
  const sheet: Sheet<unknown> = {
    sheet: 'Fortbildung',
    stickyRowsCount: 1,
    data: [header.map((h) => ({ value: h, fontWeight: 'bold' as const })), ...rows.map((r) => r.map((v) => ({ value: v })))],
  } as never;
  return xlsxDownload([sheet], `${base}.xlsx`);
}
