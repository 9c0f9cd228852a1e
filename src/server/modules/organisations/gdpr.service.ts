import {
  LEGAL_BASIS_LABELS,
  ORGANISATION_TYPE_LABELS,
  type ErasePersonInput,
  type Person,
  type PersonExport,
} from '../../../shared/organisations.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict } from '../../http/problem.ts';
import { createPdf, numberPages, pdfBuffer } from '../../lib/pdf.ts';
import { recordAudit } from '../audit/index.ts';
import { eraseDocumentsOfPerson } from '../documents/index.ts';
import * as gdpr from './gdpr.repository.ts';
import { requireAccess } from '../../auth/access.ts';
import * as repo from './organisations.repository.ts';
import { personName, presentOrganisation, presentPerson, requirePerson } from './organisations.service.ts';
import { nowIso } from '../../../shared/time.ts';

/*
 * GDPR rights of a person: access and portability (Art. 15/20) as JSON and PDF, and erasure
 * (Art. 17). Erasure keeps the person's row as an anonymous reference so that the councils'
 * counts (members, attendance, enrolments) stay as they were; every personal column is emptied,
 * the name, e-mail address and phone number are replaced wherever users wrote them into free
 * text, and earlier audit entries are redacted in the same transaction. See decision 013.
 */

export const ERASED = '[gelöscht]';

/** Everything the system holds about one person. */
export async function exportPerson(db: DbOrTrx, principal: Principal, id: number): Promise<PersonExport> {
  const row = await requirePerson(db, principal, id);
  await requireAccess(db, principal, 'organisations.write', row.ags);
  const [memberships, invitations, tasks, enrolments, coaching] = await Promise.all([
    gdpr.listMembershipsOfPerson(db, id),
    gdpr.listInvitationsOfPerson(db, id),
    gdpr.listTasksOfPerson(db, id),
    gdpr.listEnrolmentsOfPerson(db, id),
    gdpr.listCoachingOfPerson(db, id),
  ]);
  const org = row.organisation_id ? await repo.findOrganisation(db, row.organisation_id) : undefined;
  return {
    exportedAt: nowIso(),
    person: presentPerson(row),
    organisation: org ? presentOrganisation(org) : null,
    memberships: memberships.map((m) => ({
      councilId: m.council_id,
      councilName: m.council_name,
      role: m.role,
      startDate: m.start_date,
      endDate: m.end_date,
      organisationName: m.organisation_name ?? null,
    })),
    meetings: invitations.map((m) => ({
      meetingId: m.id,
      councilName: m.council_name,
      title: m.title,
      date: m.date,
      attendance: m.attendance,
    })),
    tasks: tasks.map((t) => ({ taskId: t.id, councilName: t.council_name, title: t.title, dueDate: t.due_date, status: t.status })),
    enrolments: enrolments.map((e) => ({
      enrolmentId: e.id,
      courseTitle: e.title,
      programmeName: e.programme_name,
      status: e.status,
      completedOn: e.completed_on,
    })),
    coaching: coaching.map((c) => ({ processId: c.id, ags: c.ags, startedOn: c.started_on, endedOn: c.ended_on })),
  };
}

/** Notes in the audit trail that a person's data was handed out (no values). */
export async function recordExport(db: DbOrTrx, actor: Actor, id: number, format: 'json' | 'pdf'): Promise<void> {
  await recordAudit(db, actor, { action: 'export', entityType: 'person', entityId: id, after: { format } });
}

/** The same export as a tagged PDF in German. */
export async function exportPersonPdf(data: PersonExport): Promise<Buffer> {
  const p = data.person;
  const doc = createPdf({
    title: `Auskunft nach Art. 15 DSGVO – ${p.displayName}`,
    subject: 'Auskunft über gespeicherte personenbezogene Daten',
  });
  doc.font('Helvetica-Bold').fontSize(16).text('Auskunft über gespeicherte personenbezogene Daten');
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(`Art. 15 und 20 DSGVO · erstellt am ${data.exportedAt.slice(0, 10)}`)
    .moveDown();
  const section = (title: string) => doc.moveDown(0.5).font('Helvetica-Bold').fontSize(12).text(title).font('Helvetica').fontSize(10);
  const line = (label: string, value: string | null | undefined) => doc.text(`${label}: ${value ?? '–'}`);
  section('Person');
  line('Name', p.displayName);
  line('Funktion', p.function || null);
  line('E-Mail', p.email);
  line('Telefon', p.phone);
  line('Organisation', data.organisation ? `${data.organisation.name} (${ORGANISATION_TYPE_LABELS[data.organisation.type].de})` : null);
  line('Rechtsgrundlage', LEGAL_BASIS_LABELS[p.legalBasis].de);
  line('Zweck', p.purpose);
  line('Einwilligung am', p.consentGivenOn);
  line('Angelegt am', p.createdAt.slice(0, 10));
  line('Zuletzt geändert am', p.updatedAt.slice(0, 10));
  if (p.notes) line('Notizen', p.notes);
  section(`Mitgliedschaften in Präventionsräten (${data.memberships.length})`);
  for (const m of data.memberships)
    doc.text(
      `• ${m.councilName}: ${m.role}, ${m.startDate} – ${m.endDate ?? 'heute'}${m.organisationName ? `, für ${m.organisationName}` : ''}`,
    );
  section(`Einladungen zu Sitzungen (${data.meetings.length})`);
  for (const m of data.meetings) doc.text(`• ${m.date} ${m.councilName}: ${m.title} (${m.attendance})`);
  section(`Aufgaben (${data.tasks.length})`);
  for (const t of data.tasks) doc.text(`• ${t.title} – fällig ${t.dueDate}, ${t.status} (${t.councilName})`);
  section(`Fortbildungen (${data.enrolments.length})`);
  for (const e of data.enrolments)
    doc.text(`• ${e.programmeName}: ${e.courseTitle}, ${e.status}${e.completedOn ? ` am ${e.completedOn}` : ''}`);
  section(`Coaching-Prozesse als Coach (${data.coaching.length})`);
  for (const c of data.coaching) doc.text(`• Kommune ${c.ags}: ${c.startedOn} – ${c.endedOn ?? 'laufend'}`);
  numberPages(doc);
  return pdfBuffer(doc);
}

/** The escaped form in which a string appears inside JSON text. */
const jsonInner = (s: string) => JSON.stringify(s).slice(1, -1);

/** Replaces the person's values inside a parsed JSON value: exact matches, and the long values inside longer strings. */
function redactValue(value: unknown, exact: Set<string>, inside: string[]): { value: unknown; changed: boolean } {
  if (typeof value === 'string') {
    if (exact.has(value)) return { value: ERASED, changed: true };
    let s = value;
    for (const v of inside) s = s.split(v).join(ERASED);
    return { value: s, changed: s !== value };
  }
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const r = redactValue(v, exact, inside);
      changed ||= r.changed;
      return r.value;
    });
    return { value: out, changed };
  }
  if (value && typeof value === 'object') {
    let changed = false;
    const out = Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const r = redactValue(v, exact, inside);
        changed ||= r.changed;
        return [k, r.value];
      }),
    );
    return { value: out, changed };
  }
  return { value, changed: false };
}

/** The person's values that erasure must remove: exact field values, and the ones also searched inside texts. */
function personalValues(p: Person) {
  const fullName = `${p.firstName} ${p.lastName}`.trim();
  const reversed = `${p.lastName}, ${p.firstName}`;
  const exact = [p.firstName, p.lastName, fullName, p.function, p.email, p.phone, p.notes, p.purpose].filter(
    (v): v is string => !!v && v.trim().length > 0,
  );
  // Inside longer texts only values that identify the person by themselves (a first name alone or a function does not).
  const inside = [
    fullName,
    reversed,
    p.email,
    p.phone && p.phone.replace(/\D/g, '').length >= 6 ? p.phone : null,
    p.notes && p.notes.length >= 12 ? p.notes : null,
  ].filter((v): v is string => !!v && v.length >= 3);
  return { exact: new Set(exact), inside: [...new Set(inside)].sort((a, b) => b.length - a.length) };
}

/** Erases a person (Art. 17): personal data removed, anonymous references kept, audit trail redacted. */
export async function erasePerson(db: DbOrTrx, principal: Principal, actor: Actor, id: number, input: ErasePersonInput) {
  const row = await requirePerson(db, principal, id);
  await requireAccess(db, principal, 'organisations.write', row.ags);
  const person = presentPerson(row);
  if (row.version !== input.version) throw conflict(person);
  if (row.erased_at) {
    throw new AppError('rule-violation', { de: 'Die Person wurde bereits gelöscht.', en: 'The person was already erased.' }, [
      { field: 'id', code: 'already_erased', message: { de: 'Die Person wurde bereits gelöscht.', en: 'The person was already erased.' } },
    ]);
  }
  const { exact, inside } = personalValues(person);
  const at = nowIso();

  // 1. Earlier audit entries: about the person itself (emptied), or naming the person (redacted there).
  const searched = inside.map(jsonInner);
  const entries = await gdpr.findAuditEntriesMentioning(db, id, searched);
  let redactedAuditEntries = 0;
  for (const e of entries) {
    if (e.entity_type === 'person' && e.entity_id === String(id)) {
      const marker = JSON.stringify({ redacted: 'Art. 17 DSGVO', at });
      await gdpr.updateAuditEntry(db, e.id, e.before_json === null ? null : marker, e.after_json === null ? null : marker);
      redactedAuditEntries += 1;
      continue;
    }
    const before = e.before_json === null ? { value: null, changed: false } : redactValue(JSON.parse(e.before_json), exact, inside);
    const after = e.after_json === null ? { value: null, changed: false } : redactValue(JSON.parse(e.after_json), exact, inside);
    if (before.changed || after.changed) {
      await gdpr.updateAuditEntry(
        db,
        e.id,
        e.before_json === null ? null : JSON.stringify(before.value),
        e.after_json === null ? null : JSON.stringify(after.value),
      );
      redactedAuditEntries += 1;
    }
  }

  // 2. Free texts that name the person, the person's documents and document names naming the person; 3. the person's own row.
  const documents = await eraseDocumentsOfPerson(db, actor, id, inside, ERASED);
  const redactedTexts = (await gdpr.redactFreeTexts(db, inside, ERASED)) + documents.renamedDocuments;
  await gdpr.anonymisePerson(db, id, at);
  const keptRecords = await gdpr.countKeptRecords(db, id);

  // 4. The erasure itself: that it happened, by whom and why, never the erased values.
  const reason = String(redactValue(input.reason, exact, inside).value);
  await recordAudit(db, actor, {
    action: 'erase',
    entityType: 'person',
    entityId: id,
    after: {
      erasedAt: at,
      reason,
      legalBasis: person.legalBasis,
      ags: person.ags,
      redactedAuditEntries,
      redactedTexts,
      erasedDocuments: documents.erasedDocuments,
      keptRecords,
    },
  });
  const after = presentPerson((await repo.findPerson(db, id))!);
  return { person: after, redactedAuditEntries, redactedTexts, keptRecords };
}

export { personName };
