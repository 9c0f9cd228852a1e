import { LEGAL_BASIS_LABELS, ORGANISATION_TYPE_LABELS, type ErasePersonInput, type Person } from '../../../shared/organisations.schema.ts';
import type { PersonExportWithMentions as PersonExport, PersonMention } from '../../../shared/gdpr.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict } from '../../http/problem.ts';
import { createPdf, FONT, numberPages, pdfBuffer } from '../../lib/pdf.ts';
import { recordAudit } from '../audit/index.ts';
import { eraseDocumentsOfPerson, listDocumentsOfOwners } from '../documents/index.ts';
import { ERASED, excerpt, jsonStrings, personMatcher, redactJson, type Matcher } from './gdpr.match.ts';
import * as gdpr from './gdpr.repository.ts';
import { PERSONAL_COLUMNS, type PersonalColumn } from './gdpr.registry.ts';
import { requireAccess } from '../../auth/access.ts';
import * as repo from './organisations.repository.ts';
import { personName, presentOrganisation, presentPerson, requirePerson } from './organisations.service.ts';
import { formatDate, nowIso } from '../../../shared/time.ts';

/*
 * GDPR rights of a person: access and portability (Art. 15/20) as JSON and PDF, and erasure
 * (Art. 17). Erasure keeps the person's row as an anonymous reference so that the councils'
 * counts (members, attendance, enrolments) stay as they were; every personal column is emptied,
 * and the person's mentions (gdpr.match.ts: the name in its spellings, the e-mail address, the
 * phone number however written) are replaced in every registered column (gdpr.registry.ts),
 * live data and audit trail alike, in the same transaction. The export lists the same mentions.
 * See decision 013.
 */

export { ERASED };

const PAGE = 500;

/** The matcher for a person's values. */
function matcherOf(p: Person): Matcher {
  return personMatcher({ firstName: p.firstName, lastName: p.lastName, email: p.email, phone: p.phone, literals: [p.notes] });
}

/** Values that, standing alone as a value of an audit entry, are the person's (a first name, the function …). */
function exactValues(p: Person): Set<string> {
  const fullName = `${p.firstName} ${p.lastName}`.trim();
  return new Set(
    [p.firstName, p.lastName, fullName, p.function, p.email, p.phone, p.notes, p.purpose]
      .map((v) => v?.trim())
      .filter((v): v is string => !!v && v.length > 0),
  );
}

const isOwnRow = (c: PersonalColumn, key: unknown[], personId: number) => c.table === 'people' && Number(key[0]) === personId;

/** Every registered cell, a page at a time. */
async function forEachCell(db: DbOrTrx, c: PersonalColumn, visit: (key: unknown[], value: string) => Promise<void> | void): Promise<void> {
  for (let offset = 0; ; offset += PAGE) {
    const page = await gdpr.readColumnPage(db, c, offset, PAGE);
    for (const row of page) await visit(row.key, row.value);
    if (page.length < PAGE) return;
  }
}

const parseJson = (value: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false };
  }
};

/** Where the person is mentioned: every registered column of every module, the audit trail included. */
export async function findMentions(db: DbOrTrx, p: Person): Promise<PersonMention[]> {
  const matcher = matcherOf(p);
  const exact = exactValues(p);
  const mentions: PersonMention[] = [];
  for (const c of PERSONAL_COLUMNS) {
    await forEachCell(db, c, (key, value) => {
      if (isOwnRow(c, key, p.id)) return;
      const where = { table: c.table, recordId: key.map(String).join('/'), column: c.column };
      const parsed = c.format === 'json' ? parseJson(value) : ({ ok: false } as const);
      const texts = parsed.ok ? jsonStrings(parsed.value) : [value];
      for (const t of texts) {
        if (c.table === 'audit_log' && exact.has(t.trim())) {
          mentions.push({ ...where, excerpt: t });
          continue;
        }
        for (const span of matcher.find(t)) mentions.push({ ...where, excerpt: excerpt(t, span) });
      }
    });
  }
  return mentions;
}

/** Everything the system holds about one person. */
export async function exportPerson(db: DbOrTrx, principal: Principal, id: number): Promise<PersonExport> {
  const row = await requirePerson(db, principal, id);
  await requireAccess(db, principal, 'organisations.write', row.ags);
  const [memberships, invitations, tasks, enrolments, coaching, documents] = await Promise.all([
    gdpr.listMembershipsOfPerson(db, id),
    gdpr.listInvitationsOfPerson(db, id),
    gdpr.listTasksOfPerson(db, id),
    gdpr.listEnrolmentsOfPerson(db, id),
    gdpr.listCoachingOfPerson(db, id),
    listDocumentsOfOwners(db, 'person', [id]),
  ]);
  const org = row.organisation_id ? await repo.findOrganisation(db, row.organisation_id) : undefined;
  const mentions = await findMentions(db, presentPerson(row));
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
    documents: documents.map((d) => ({
      documentId: d.id,
      kind: d.kind,
      fileName: d.fileName,
      contentType: d.contentType,
      size: d.size,
      uploadedAt: d.uploadedAt,
    })),
    mentions,
  };
}

/** Notes in the audit trail that a person's data was handed out (no values). */
export async function recordExport(db: DbOrTrx, actor: Actor, id: number, format: 'json' | 'pdf'): Promise<void> {
  await recordAudit(db, actor, { action: 'export', entityType: 'person', entityId: id, after: { format } });
}

/** The kinds of a person's documents (organisations.documents.ts), as the PDF names them. */
const DOCUMENT_KINDS: Record<string, string> = { consent: 'Einwilligung', other: 'sonstiges Dokument' };

/** The same export as a tagged PDF in German. */
export async function exportPersonPdf(data: PersonExport): Promise<Buffer> {
  const p = data.person;
  const doc = await createPdf({
    title: `Auskunft nach Art. 15 DSGVO – ${p.displayName}`,
    subject: 'Auskunft über gespeicherte personenbezogene Daten',
  });
  doc.font(FONT.bold).fontSize(16).text('Auskunft über gespeicherte personenbezogene Daten');
  doc
    .font(FONT.regular)
    .fontSize(10)
    .text(`Art. 15 und 20 DSGVO · erstellt am ${data.exportedAt.slice(0, 10)}`)
    .moveDown();
  const section = (title: string) => doc.moveDown(0.5).font(FONT.bold).fontSize(12).text(title).font(FONT.regular).fontSize(10);
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
  section(`Gespeicherte Dokumente (${data.documents.length})`);
  for (const d of data.documents)
    doc.text(
      `• ${d.fileName} (${DOCUMENT_KINDS[d.kind] ?? d.kind}, ${Math.max(1, Math.ceil(d.size / 1024))} KB, hochgeladen am ${formatDate(d.uploadedAt, 'de')})`,
    );
  section(`Erwähnungen in Texten und im Änderungsprotokoll (${data.mentions.length})`);
  for (const m of data.mentions) doc.text(`• ${m.table} #${m.recordId}, ${m.column}: ${m.excerpt}`);
  numberPages(doc);
  return pdfBuffer(doc);
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
  const matcher = matcherOf(person);
  const exact = exactValues(person);
  const at = nowIso();

  // 1. The audit entries about the person itself are emptied to a marker.
  const redactedAudit = new Set<number>();
  const marker = JSON.stringify({ redacted: 'Art. 17 DSGVO', at });
  for (const e of await gdpr.findAuditEntriesOfPerson(db, id)) {
    await gdpr.updateAuditEntry(db, e.id, e.before_json === null ? null : marker, e.after_json === null ? null : marker);
    redactedAudit.add(e.id);
  }

  // 2. The person's documents, and document names that mention the person (the documents module).
  const documents = await eraseDocumentsOfPerson(db, actor, id, matcher.redact);

  // 3. Every mention in every registered column, live data and audit trail alike.
  let redactedTexts = documents.renamedDocuments;
  for (const c of PERSONAL_COLUMNS) {
    if (c.erasedBy) continue;
    await forEachCell(db, c, async (key, value) => {
      if (isOwnRow(c, key, id)) return;
      let next = value;
      if (c.format === 'json') {
        const parsed = parseJson(value);
        if (parsed.ok) {
          const redacted = redactJson(parsed.value, matcher.redact, c.table === 'audit_log' ? exact : new Set());
          if (JSON.stringify(redacted) !== JSON.stringify(parsed.value)) next = JSON.stringify(redacted);
        } else next = matcher.redact(value);
      } else next = matcher.redact(value);
      if (next === value) return;
      await gdpr.writeCell(db, c, key, value, next);
      if (c.table === 'audit_log') redactedAudit.add(Number(key[0]));
      else redactedTexts += 1;
    });
  }
  const redactedAuditEntries = redactedAudit.size;

  // 4. The person's own row.
  await gdpr.anonymisePerson(db, id, at);
  const keptRecords = await gdpr.countKeptRecords(db, id);

  // 5. The erasure itself: that it happened, by whom and why, never the erased values.
  const reason = exact.has(input.reason.trim()) ? ERASED : matcher.redact(input.reason);
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
