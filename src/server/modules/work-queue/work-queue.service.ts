import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../../../shared/funding.schema.ts';
import { PHASE_LABELS } from '../../../shared/security-analysis.schema.ts';
import { addDays, todayBerlin } from '../../../shared/time.ts';
import { WORK_QUEUE_RULES, type WorkQueue, type WorkQueueEntry, type WorkQueueItem } from '../../../shared/work-queue.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { Lang } from '../../http/problem.ts';
import { listAgreementFigureRows, listStatuses } from '../alliance/index.ts';
import { listProcesses } from '../coaching/index.ts';
import { listCouncils, listMeetings } from '../councils/index.ts';
import { listImportRuns } from '../crime-stats/index.ts';
import { listApplications } from '../funding/index.ts';
import { listAnalyses } from '../security-analysis/index.ts';
import { listSurveys } from '../surveys/index.ts';

/*
 * The work queue of the home page (decision 038). Every entry asks the very list service its
 * link's page asks, with the same filter, and counts the rows that page shows (records and, where
 * the list has them, the history's rows), so a count and its list never disagree. Nothing here
 * builds SQL; the scope is the one of each list.
 */

const SHOWN = WORK_QUEUE_RULES.itemsShown;
/** Large enough for every list the queue counts by its rows (the lists' own page sizes). */
const ALL = 500;

/** A web address with its query (empty values left out). */
function href(path: string, query: Record<string, string | undefined> = {}, hash = ''): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const qs = params.toString();
  return `${path}${qs ? `?${qs}` : ''}${hash}`;
}

function entry(
  key: WorkQueueEntry['key'],
  count: number,
  link: string,
  items: WorkQueueItem[],
  subject: string | null = null,
): WorkQueueEntry {
  return { key, subject, count, href: link, items: items.slice(0, SHOWN) };
}

async function applicationsWithStatus(db: DbOrTrx, principal: Principal, lang: Lang, status?: ApplicationStatus) {
  const page = await listApplications(db, principal, { status, page: 1, pageSize: SHOWN });
  const items = page.items.map((a) => ({
    label: status
      ? `${a.municipalityName}: ${a.title}`
      : `${a.municipalityName}: ${a.title} (${APPLICATION_STATUS_LABELS[a.status][lang]})`,
    href: `/funding/applications/${a.id}`,
    due: a.submittedAt ? a.submittedAt.slice(0, 10) : null,
  }));
  return { total: page.total, items, link: href('/funding', { status, allYears: 'true' }, '#applications') };
}

/** LPR staff and admins: applications to review, late analysis phases, coaching due to end, agreements without their document, stale crime imports. */
async function staffQueue(db: DbOrTrx, principal: Principal, lang: Lang, today: string): Promise<WorkQueueEntry[]> {
  const entries: WorkQueueEntry[] = [];
  for (const [key, status] of [
    ['applicationsSubmitted', 'submitted'],
    ['applicationsInReview', 'in_review'],
  ] as const) {
    const a = await applicationsWithStatus(db, principal, lang, status);
    entries.push(entry(key, a.total, a.link, a.items));
  }

  const late = await listAnalyses(db, principal, { late: 'true', page: 1, pageSize: ALL });
  entries.push(
    entry(
      'analysesLate',
      late.total + late.historic.length,
      href('/security-analyses', { late: 'true' }),
      late.items.map((a) => ({
        label: `${a.municipalityName}: ${a.title} (${a.latePhases.map((p) => PHASE_LABELS[p.phase][lang]).join(', ')})`,
        href: `/security-analyses/${a.id}`,
        due: a.latePhases.map((p) => p.plannedEnd ?? p.plannedStart).find((d) => d !== null) ?? null,
      })),
    ),
  );

  // Running processes whose customary term (from their start) ends within the next days or has ended.
  const startedBy = addDays(today, WORK_QUEUE_RULES.coachingDueWithinDays - WORK_QUEUE_RULES.coachingTermDays);
  const coaching = await listProcesses(db, principal, { status: 'running', startedBy, page: 1, pageSize: 200 });
  const coachingItems = [
    ...coaching.items.map((p) => ({ name: `${p.municipalityName} (${p.coachName})`, startedOn: p.startedOn })),
    ...coaching.historic.map((h) => ({ name: h.municipalityName, startedOn: h.startedOn })),
  ].sort((a, b) => (a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : 0));
  // A process is ended on the coaching page, in its row: each item opens that list.
  const coachingList = href('/coaching', { runningStartedBy: startedBy });
  entries.push(
    entry(
      'coachingDueToEnd',
      coaching.items.length + coaching.historic.length,
      coachingList,
      coachingItems.map((p) => ({
        label: p.name,
        href: coachingList,
        due: addDays(p.startedOn, WORK_QUEUE_RULES.coachingTermDays),
      })),
    ),
  );

  const agreements = await listAgreementFigureRows(db, { figure: 'agreementsInForce', withoutDocument: 'true' });
  entries.push(
    entry(
      'agreementsWithoutDocument',
      agreements.total,
      href('/agreements', { withoutDocument: 'true' }),
      agreements.items.map((a) => ({
        label: `${a.title || a.reference || `#${a.id}`}: ${a.parties.map((p) => p.name).join(', ')}`,
        href: `/municipalities/${a.parties[0]?.ags ?? ''}`,
        due: a.signedOn || null,
      })),
    ),
  );

  const importedBefore = addDays(today, -WORK_QUEUE_RULES.crimeImportStaleDays);
  const stale = await listImportRuns(db, { latest: 'true', importedBefore });
  const levelLabel = { district: { de: 'Kreise', en: 'districts' }, municipality: { de: 'Gemeinden', en: 'municipalities' } };
  entries.push(
    entry(
      'crimeImportsStale',
      stale.length,
      href('/crime-stats/import', { latest: 'true', importedBefore }, '#import-runs'),
      stale.map((r) => ({
        label: `${levelLabel[r.level][lang]} ${r.year}: ${r.sourceLabel || r.source}`,
        href: r.level === 'district' ? '/crime-stats/import' : '/crime-stats/import/municipalities',
        due: r.importedAt.slice(0, 10),
      })),
    ),
  );
  return entries;
}

/** The next meetings of each council in scope; with `all`, also councils with none planned. */
async function meetingEntries(db: DbOrTrx, principal: Principal, all: boolean): Promise<WorkQueueEntry[]> {
  const councils = await listCouncils(db, principal, { page: 1, pageSize: ALL });
  const entries: { entry: WorkQueueEntry; next: string }[] = [];
  for (const c of councils.items) {
    const upcoming = await listMeetings(db, principal, c.id, { when: 'upcoming', page: 1, pageSize: SHOWN });
    if (!all && upcoming.total === 0) continue;
    const items = upcoming.items.map((m) => ({ label: m.title, href: `/councils/meetings/${m.id}`, due: m.date }));
    entries.push({
      entry: entry('nextMeetings', upcoming.total, `/councils/${c.id}#meetings-heading`, items, c.name),
      next: items[0]?.due ?? '9999-12-31',
    });
  }
  return entries.sort((a, b) => (a.next < b.next ? -1 : a.next > b.next ? 1 : 0)).map((e) => e.entry);
}

/** A coordinator: the council's next meeting, the state of the applications, the running surveys. */
async function coordinatorQueue(db: DbOrTrx, principal: Principal, lang: Lang): Promise<WorkQueueEntry[]> {
  const entries = await meetingEntries(db, principal, true);
  const a = await applicationsWithStatus(db, principal, lang);
  entries.push(entry('myApplications', a.total, a.link, a.items));
  const surveys = await listSurveys(db, principal, { status: 'fieldwork', page: 1, pageSize: SHOWN });
  entries.push(
    entry(
      'runningSurveys',
      surveys.total,
      href('/surveys', { status: 'fieldwork' }),
      surveys.items.map((s) => ({ label: s.title, href: `/surveys/${s.id}`, due: s.fieldEnd })),
    ),
  );
  return entries;
}

/** Police: the directorate's municipalities and the next meetings of their councils. */
async function policeQueue(db: DbOrTrx, principal: Principal): Promise<WorkQueueEntry[]> {
  if (principal.directorateId === null) return [];
  const municipalities = await listStatuses(db, principal, {
    directorateId: principal.directorateId,
    sort: 'name',
    order: 'asc',
    page: 1,
    pageSize: SHOWN,
  });
  return [
    entry(
      'directorateMunicipalities',
      municipalities.total,
      '/municipalities',
      municipalities.items.map((m) => ({ label: m.name, href: `/municipalities/${m.ags}`, due: null })),
    ),
    ...(await meetingEntries(db, principal, false)),
  ];
}

/** The work queue of the principal's role, in its scope, for today. */
export async function getWorkQueue(db: DbOrTrx, principal: Principal, lang: Lang): Promise<WorkQueue> {
  const today = todayBerlin();
  let entries: WorkQueueEntry[] = [];
  if (principal.role === 'admin' || principal.role === 'lpr') entries = await staffQueue(db, principal, lang, today);
  else if (principal.role === 'coordinator') entries = await coordinatorQueue(db, principal, lang);
  else if (principal.role === 'police') entries = await policeQueue(db, principal);
  return { today, entries };
}
