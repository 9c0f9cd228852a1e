import type { Sheet } from 'write-excel-file/node';
import { xlsxDownload } from '../../lib/table-export.ts';
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationStatus,
  type BudgetOverview,
  COMMITTED_STATUSES,
  type FundedList,
} from '../../../shared/funding.schema.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { notFound } from '../../http/problem.ts';
import { type CsvDialect, csvDownload } from '../../lib/csv.ts';
import * as repo from './funding.repository.ts';
import { rulesOf } from './programmes.service.ts';
import { presentField } from './projects.service.ts';

/*
 * Reports of a programme: the budget overview (budget, requested, committed, paid, reclaimed,
 * free; per field of action with its quota, and per district), the list of funded projects, and
 * both as CSV or XLSX. One grouped query over the applications, whose rows carry their paid and
 * reclaimed sums, answers the overview (bench/funding-overview.ts measures it).
 */

const COMMITTED = new Set<string>(COMMITTED_STATUSES);
const SUBMITTED = new Set(['submitted', 'in_review', 'approved', 'partly_approved', 'rejected', 'closed', 'repayment_demanded']);

async function requireProgramme(db: DbOrTrx, id: number) {
  const row = await repo.findProgrammeRow(db, id);
  if (!row) throw notFound({ de: `Kein Förderprogramm Nr. ${id}.`, en: `No funding programme no. ${id}.` });
  return row;
}

type Aggregates = { groups: Awaited<ReturnType<typeof repo.aggregateProgramme>>; districtOf: Map<string, { ags: string; name: string }> };
const aggregateCache = new WeakMap<object, Map<number, { seq: number; value: Aggregates }>>();

/**
 * The grouped sums of a programme's applications. Every write that changes what the overview
 * shows (a submission, a decision, a payment, a proof-of-use check, a rule change) bumps the
 * programme's commitment_seq in its transaction, so the sums are cached per seq and reloaded when
 * another request or another server process changed them (the same idea as decision 005).
 */
async function loadAggregates(db: DbOrTrx, row: repo.ProgrammeRow): Promise<Aggregates> {
  const load = async (): Promise<Aggregates> => {
    const groups = await repo.aggregateProgramme(db, row.id);
    return { groups, districtOf: await repo.listDistrictsOfMunicipalities(db, [...new Set(groups.map((g) => g.ags))]) };
  };
  // Inside a transaction the caller may see its own uncommitted writes: no cache there.
  if (db.isTransaction) return load();
  let perDb = aggregateCache.get(db);
  if (!perDb) aggregateCache.set(db, (perDb = new Map()));
  const hit = perDb.get(row.id);
  if (hit && hit.seq === row.commitment_seq) return hit.value;
  const value = await load();
  perDb.set(row.id, { seq: row.commitment_seq, value });
  return value;
}

type Money = { requestedCents: number; committedCents: number; paidCents: number; repaidCents: number; applications: number };
const zero = (): Money => ({ requestedCents: 0, committedCents: 0, paidCents: 0, repaidCents: 0, applications: 0 });

/** The budget overview of a programme. Drafts count nowhere; requested sums cover submitted applications. */
export async function getBudgetOverview(db: DbOrTrx, programmeId: number): Promise<BudgetOverview> {
  const [row, fields] = await Promise.all([repo.findProgrammeRow(db, programmeId), repo.listFieldsOfAction(db)]);
  if (!row) throw notFound({ de: `Kein Förderprogramm Nr. ${programmeId}.`, en: `No funding programme no. ${programmeId}.` });
  const programme = row;
  const rules = rulesOf(programme);
  const { groups, districtOf } = await loadAggregates(db, row);
  const districtNames = new Map<string, string>();
  const totals = { ...zero(), submitted: 0, approved: 0, rejected: 0 };
  const byField = new Map<number, Money>();
  const byDistrict = new Map<string, Money>();
  for (const g of groups) {
    if (!SUBMITTED.has(g.status)) continue;
    const add = (m: Money) => {
      m.applications += g.count;
      m.requestedCents += g.requested;
      if (COMMITTED.has(g.status)) m.committedCents += g.approved;
      m.paidCents += g.paid;
      m.repaidCents += g.repaid;
    };
    add(totals);
    if (!byField.has(g.fieldId)) byField.set(g.fieldId, zero());
    add(byField.get(g.fieldId)!);
    const district = districtOf.get(g.ags) ?? { ags: g.ags.slice(0, 5), name: g.ags.slice(0, 5) };
    if (!byDistrict.has(district.ags)) byDistrict.set(district.ags, zero());
    districtNames.set(district.ags, district.name);
    add(byDistrict.get(district.ags)!);
    if (g.status === 'submitted' || g.status === 'in_review') totals.submitted += g.count;
    if (COMMITTED.has(g.status)) totals.approved += g.count;
    if (g.status === 'rejected') totals.rejected += g.count;
  }
  const quotaOf = new Map(rules.quotas.map((q) => [q.fieldId, q.quotaCents]));
  const shownFields = fields.filter((f) => byField.has(f.id) || quotaOf.has(f.id));
  return {
    programme: { id: programme.id, year: programme.year, name: programme.name },
    totals: {
      budgetCents: rules.budgetCents,
      ...totals,
      freeCents: rules.budgetCents - totals.committedCents,
      applications: totals.applications,
    },
    byField: shownFields.map((f) => {
      const m = byField.get(f.id) ?? zero();
      const quota = quotaOf.get(f.id) ?? null;
      return { field: presentField(f), quotaCents: quota, ...m, freeInQuotaCents: quota === null ? null : quota - m.committedCents };
    }),
    byDistrict: [...byDistrict.entries()]
      .map(([ags, m]) => ({ districtAgs: ags, districtName: districtNames.get(ags) ?? ags, ...m }))
      .sort((a, b) => a.districtName.localeCompare(b.districtName, 'de')),
  };
}

/** The approved projects of a programme, by municipality. */
export async function getFundedList(db: DbOrTrx, programmeId: number): Promise<FundedList> {
  const programme = await requireProgramme(db, programmeId);
  const rows = await repo.listFundedRows(db, programmeId);
  const items = rows.map((r) => ({
    applicationId: r.id,
    projectId: r.project_id,
    title: r.title,
    ags: r.ags,
    municipalityName: r.municipality_name,
    districtName: r.district_name,
    field: { id: r.field_id, code: r.field_code, name: r.field_name, nameEn: r.field_name_en },
    approvedCents: r.approved_cents ?? 0,
    paidCents: r.paid_cents,
    status: r.status as ApplicationStatus,
    decidedOn: (r.decided_at ?? '').slice(0, 10),
  }));
  return {
    programme: { id: programme.id, year: programme.year, name: programme.name, publicList: programme.public_list === 1 },
    items,
    totalApprovedCents: items.reduce((a, i) => a + i.approvedCents, 0),
  };
}

/** The funded list of a year, for the public: 404 unless an admin published it. */
export async function getPublicFundedList(db: DbOrTrx, year: number): Promise<FundedList> {
  const programme = await repo.findProgrammeByYear(db, year);
  if (!programme || programme.public_list !== 1)
    throw notFound({
      de: `Für ${year} ist keine Liste geförderter Projekte veröffentlicht.`,
      en: `No list of funded projects is published for ${year}.`,
    });
  return getFundedList(db, programme.id);
}

/** The id of the programme of a year, or null when there is none (the annual report reads its overview and funded list). */
export async function findProgrammeIdOfYear(db: DbOrTrx, year: number): Promise<number | null> {
  return (await repo.findProgrammeByYear(db, year))?.id ?? null;
}

export async function listPublishedProgrammes(db: DbOrTrx) {
  return (await repo.listProgrammeRows(db)).filter((p) => p.public_list === 1).map((p) => ({ year: p.year, name: p.name }));
}

// ---- export ----

type Cell = string | number | null;
/** Euros with two decimals as a number for spreadsheets; computed from cents by integer division and remainder. */
const euros = (cents: number): number => {
  const abs = Math.abs(cents);
  return Number(`${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`);
};

/** The overview or the funded list as CSV (UTF-8 with BOM; amounts in euros with two decimals) or XLSX. */
export async function buildFundingExport(
  db: DbOrTrx,
  programmeId: number,
  q: { table: 'overview' | 'funded'; format: 'csv' | 'xlsx'; dialect: CsvDialect },
) {
  const sheets: { name: string; header: string[]; rows: Cell[][] }[] = [];
  let year: number;
  if (q.table === 'overview') {
    const o = await getBudgetOverview(db, programmeId);
    year = o.programme.year;
    const head = ['Beantragt (EUR)', 'Bewilligt (EUR)', 'Ausgezahlt (EUR)', 'Zurückgefordert (EUR)'];
    const money = (m: { requestedCents: number; committedCents: number; paidCents: number; repaidCents: number }) => [
      euros(m.requestedCents),
      euros(m.committedCents),
      euros(m.paidCents),
      euros(m.repaidCents),
    ];
    sheets.push({
      name: 'Gesamt',
      header: ['Programmjahr', 'Budget (EUR)', ...head, 'Frei (EUR)', 'Anträge'],
      rows: [[year, euros(o.totals.budgetCents), ...money(o.totals), euros(o.totals.freeCents), o.totals.applications]],
    });
    sheets.push({
      name: 'Handlungsfelder',
      header: ['Handlungsfeld', 'Kontingent (EUR)', ...head, 'Frei im Kontingent (EUR)', 'Anträge'],
      rows: o.byField.map((f) => [
        f.field.name,
        f.quotaCents === null ? null : euros(f.quotaCents),
        ...money(f),
        f.freeInQuotaCents === null ? null : euros(f.freeInQuotaCents),
        f.applications,
      ]),
    });
    sheets.push({
      name: 'Kreise',
      header: ['Kreisschlüssel', 'Kreis', ...head, 'Anträge'],
      rows: o.byDistrict.map((d) => [d.districtAgs, d.districtName, ...money(d), d.applications]),
    });
  } else {
    const f = await getFundedList(db, programmeId);
    year = f.programme.year;
    sheets.push({
      name: 'Geförderte Projekte',
      header: [
        'Programmjahr',
        'Projekt',
        'AGS',
        'Kommune',
        'Kreis',
        'Handlungsfeld',
        'Bewilligt (EUR)',
        'Ausgezahlt (EUR)',
        'Status',
        'Entschieden am',
      ],
      rows: f.items.map((i) => [
        year,
        i.title,
        i.ags,
        i.municipalityName,
        i.districtName,
        i.field.name,
        euros(i.approvedCents),
        euros(i.paidCents),
        APPLICATION_STATUS_LABELS[i.status].de,
        i.decidedOn,
      ]),
    });
  }
  const base = `foerderprogramm-${year}-${q.table === 'overview' ? 'budget' : 'gefoerderte-projekte'}`;
  if (q.format === 'csv') {
    const parts = sheets.map((s) => (sheets.length > 1 ? [[s.name], s.header, ...s.rows, []] : [s.header, ...s.rows]));
    return csvDownload(parts.flat(), q.dialect, `${base}.csv`);
  }
  const xlsx: Sheet<unknown>[] = sheets.map((s) => ({
    sheet: s.name,
    stickyRowsCount: 1,
    data: [
      s.header.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...s.rows.map((r) => r.map((v) => (v === null ? null : { value: v }))),
    ],
  }));
  return xlsxDownload(xlsx, `${base}.xlsx`);
}
