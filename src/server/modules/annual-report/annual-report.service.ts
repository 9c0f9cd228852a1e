import crypto from 'node:crypto';
import {
  ANNUAL_REPORT_LIMITS,
  type AnnualReport,
  type AnnualReportSection,
  type AnnualReportSnapshot,
  type AnnualReportVersionHead,
  EFFECTS_CAVEATS,
  type EffectsSection,
  type FreezeAnnualReportInput,
} from '../../../shared/annual-report.schema.ts';
import { FIGURE_LABELS, type FigureKey } from '../../../shared/alliance-labels.ts';
import type { FigureCounts } from '../../../shared/alliance.schema.ts';
import { nowIso, todayBerlin } from '../../../shared/time.ts';
import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { conflict, fieldError, notFound } from '../../http/problem.ts';
import { figuresFrom, getFactBox, getSettings, loadFigureInputs } from '../alliance/index.ts';
import { recordAudit } from '../audit/index.ts';
import { type StatewideEffects, statewideEffects } from '../effects/index.ts';
import { findProgrammeIdOfYear, getBudgetOverview, getFundedList } from '../funding/index.ts';
import { getTrainingFigures } from '../training/index.ts';
import * as repo from './annual-report.repository.ts';

/*
 * The annual report (decision 031), assembled from the other modules through their index.ts: the
 * network figures from the alliance's figures engine (the same function the dashboard answers
 * with, at the last day of the year and of the year before), the funding programme's budget
 * overview and funded list, the training figures of the year, the effects module's statewide
 * effects of the year, the fact box. Frozen versions store
 * the snapshot; the PDF and the exports are drawn from a snapshot only.
 */

/** The order in which the figures table lists the network figures. */
const FIGURE_ORDER: FigureKey[] = [
  'advised',
  'preAgreements',
  'agreementsSigned',
  'agreementsInForce',
  'communesCoveredByAgreements',
  'coachingRunning',
  'analysesUnderWay',
  'analysesCompleted',
  'inCollaboration',
  'withdrawn',
];

/**
 * The sections of the report, in order. A section whose data is missing (no funding programme
 * for the year) is still listed: its text says so. The effects ("Wirkung"), between coaching and
 * analyses and the fact box, are listed only when the year has estimates to show (no empty
 * section).
 */
function assembleSections(effects: EffectsSection | undefined): AnnualReportSection[] {
  const sections: AnnualReportSection[] = ['figures', 'joined', 'funding', 'training', 'coachingAnalyses'];
  if (effects) sections.push('effects');
  sections.push('factBox');
  return sections;
}

/**
 * The effects part of the snapshot from the effects module's statewide view of the year: per
 * field of action the pooled estimate with its interval, or the reason none is shown, with the
 * caveats. Undefined when no field has an estimate.
 */
function effectsSection(e: StatewideEffects): EffectsSection | undefined {
  if (!e.fields.some((f) => f.shown > 0 && f.pooled)) return undefined;
  return {
    methodVersion: e.methodVersion,
    fields: e.fields.map((f) => ({
      code: f.field.code,
      name: f.field.name,
      nameEn: f.field.nameEn,
      interventions: f.interventions,
      estimates: f.shown,
      rateRatio: f.pooled?.rateRatio ?? null,
      ciLow: f.pooled?.ciLow ?? null,
      ciHigh: f.pooled?.ciHigh ?? null,
      noReliableEffect: f.pooled?.noReliableEffect ?? null,
      reason: f.pooled ? null : f.reason,
    })),
    caveats: { de: [...EFFECTS_CAVEATS.de], en: [...EFFECTS_CAVEATS.en] },
  };
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** A year that has not begun in Berlin has no report. */
function requireYearBegun(year: number): void {
  const thisYear = Number(todayBerlin().slice(0, 4));
  if (year > thisYear)
    throw fieldError('year', { de: `Das Jahr ${year} hat noch nicht begonnen.`, en: `The year ${year} has not begun yet.` }, 'future_year');
}

/** Builds the snapshot of the report of a year from the data of this moment. */
export async function buildSnapshot(db: DbOrTrx, year: number, at = nowIso()): Promise<AnnualReportSnapshot> {
  requireYearBegun(year);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const previousTo = `${year - 1}-12-31`;
  const [settings, inputs, previousInputs, factBox, programmeId, training, statewide] = await Promise.all([
    getSettings(db),
    loadFigureInputs(db, to),
    loadFigureInputs(db, previousTo),
    getFactBox(db, to),
    findProgrammeIdOfYear(db, year),
    getTrainingFigures(db, { level: 'district', year }),
    statewideEffects(db, { year }),
  ]);
  const effects = effectsSection(statewide);
  const current = figuresFrom(inputs, settings.programmeStart);
  const previous = figuresFrom(previousInputs, settings.programmeStart);
  const c: FigureCounts = current.statewide;
  const p: FigureCounts = previous.statewide;

  const previousDistricts = new Map(previous.districts.map((d) => [d.ags, d]));
  const districts = current.districts
    .map((d) => {
      const before = previousDistricts.get(d.ags);
      return {
        ags: d.ags,
        name: d.name,
        inCollaboration: d.inCollaboration,
        inCollaborationPrevious: before?.inCollaboration ?? 0,
        communesCoveredByAgreements: d.communesCoveredByAgreements,
        communesCoveredByAgreementsPrevious: before?.communesCoveredByAgreements ?? 0,
      };
    })
    .filter(
      (d) => d.inCollaboration + d.inCollaborationPrevious + d.communesCoveredByAgreements + d.communesCoveredByAgreementsPrevious > 0,
    );

  const districtName = new Map(inputs.districts.map((d) => [d.ags, d.name]));
  const joined = inputs.placeRows
    .flatMap((r) => {
      const signedOn = inputs.states.get(r.ags)?.firstAgreementSignedOn ?? null;
      if (!signedOn || signedOn < from || signedOn > to) return [];
      return [
        {
          ags: r.ags,
          name: r.name,
          districtName: districtName.get(r.district_ags) ?? r.district_name,
          signedOn,
          rank: inputs.ranks.get(r.ags) ?? null,
        },
      ];
    })
    .sort((a, b) => (a.signedOn === b.signedOn ? a.name.localeCompare(b.name, 'de') : a.signedOn < b.signedOn ? -1 : 1));

  let funding: AnnualReportSnapshot['funding'] = null;
  if (programmeId !== null) {
    const [overview, funded] = await Promise.all([getBudgetOverview(db, programmeId), getFundedList(db, programmeId)]);
    funding = {
      programmeName: overview.programme.name,
      budgetCents: overview.totals.budgetCents,
      requestedCents: overview.totals.requestedCents,
      committedCents: overview.totals.committedCents,
      paidCents: overview.totals.paidCents,
      freeCents: overview.totals.freeCents,
      applications: overview.totals.applications,
      approved: overview.totals.approved,
      byField: overview.byField.map((f) => ({
        code: f.field.code,
        name: f.field.name,
        nameEn: f.field.nameEn,
        quotaCents: f.quotaCents,
        requestedCents: f.requestedCents,
        committedCents: f.committedCents,
        paidCents: f.paidCents,
        applications: f.applications,
      })),
      projects: funded.items
        .map((i) => ({
          title: i.title,
          municipalityName: i.municipalityName,
          districtName: i.districtName,
          fieldName: i.field.name,
          fieldNameEn: i.field.nameEn,
          approvedCents: i.approvedCents,
        }))
        .sort((a, b) => a.municipalityName.localeCompare(b.municipalityName, 'de') || a.title.localeCompare(b.title, 'de')),
      totalApprovedCents: funded.totalApprovedCents,
    };
  }

  return {
    year,
    from,
    to,
    previousTo,
    programmeName: settings.programmeName,
    programmeStart: settings.programmeStart,
    createdAt: at,
    sections: assembleSections(effects),
    figures: FIGURE_ORDER.map((key) => ({
      key,
      label: FIGURE_LABELS[key].de,
      labelEn: FIGURE_LABELS[key].en,
      current: c[key],
      previous: p[key],
      change: c[key] - p[key],
    })),
    districts,
    joined,
    funding,
    training: {
      totals: training.totals,
      byDistrict: training.rows.map((r) => ({
        key: r.key,
        name: r.name,
        enrolments: r.enrolments,
        completions: r.completions,
        withdrawn: r.withdrawn,
      })),
    },
    coachingAnalyses: {
      coachingRunning: c.coachingRunning,
      coachingRunningPrevious: p.coachingRunning,
      analysesUnderWay: c.analysesUnderWay,
      analysesUnderWayPrevious: p.analysesUnderWay,
      analysesCompletedInYear: c.analysesCompleted - p.analysesCompleted,
      analysesCompletedTotal: c.analysesCompleted,
    },
    ...(effects ? { effects } : {}),
    factBox: { at: factBox.at, de: factBox.de, en: factBox.en },
  };
}

const presentHead = (r: repo.VersionHeadRow): AnnualReportVersionHead => ({
  year: r.year,
  number: r.number,
  createdAt: r.created_at,
  createdBy: r.created_by,
  contentSha256: r.content_sha256,
});

/** The frozen versions of a year, oldest first. */
export async function listVersions(db: DbOrTrx, year: number): Promise<AnnualReportVersionHead[]> {
  return (await repo.listVersionHeads(db, year)).map(presentHead);
}

/** The report of a year as the data stand now (not stored), with the list of its frozen versions. */
export async function getLiveReport(db: DbOrTrx, year: number): Promise<AnnualReport> {
  const [snapshot, versions] = await Promise.all([buildSnapshot(db, year), listVersions(db, year)]);
  return { number: null, snapshot, versions };
}

/** A frozen version, exactly as stored. */
export async function getVersion(db: DbOrTrx, year: number, number: number): Promise<AnnualReport> {
  const row = await repo.findVersion(db, year, number);
  if (!row)
    throw notFound({
      de: `Keine eingefrorene Fassung Nr. ${number} des Jahresberichts ${year}.`,
      en: `No frozen version no. ${number} of the annual report ${year}.`,
    });
  return { number, snapshot: JSON.parse(row.snapshot_json) as AnnualReportSnapshot, versions: await listVersions(db, year) };
}

/** The live report, or the frozen version `number` when given. */
export async function getReport(db: DbOrTrx, year: number, number?: number): Promise<AnnualReport> {
  return number === undefined ? getLiveReport(db, year) : getVersion(db, year, number);
}

/** The latest frozen version of a year, for the public page (404 when none is frozen). */
export async function getLatestVersion(db: DbOrTrx, year: number): Promise<AnnualReport> {
  const heads = await repo.listVersionHeads(db, year);
  const last = heads.at(-1);
  if (!last) throw notFound({ de: `Für ${year} ist kein Jahresbericht veröffentlicht.`, en: `No annual report is published for ${year}.` });
  return getVersion(db, year, last.number);
}

/** The latest frozen version of every year (the public page's list), without who froze it. */
export async function listPublishedVersions(db: DbOrTrx): Promise<AnnualReportVersionHead[]> {
  return (await repo.listLatestVersionHeads(db)).map((r) => ({ ...presentHead(r), createdBy: '' }));
}

/**
 * Freezes the report of a year as a new numbered version: the snapshot of this moment, stored
 * with its SHA-256 and never changed again. 409 when another version was frozen since the caller
 * read the list (`input.versions`). Audited.
 */
export async function freezeReport(
  db: DbOrTrx,
  actor: Actor,
  year: number,
  input: FreezeAnnualReportInput,
): Promise<AnnualReportVersionHead> {
  const heads = await repo.listVersionHeads(db, year);
  if (heads.length !== input.versions) throw conflict(heads.map(presentHead));
  if (heads.length >= ANNUAL_REPORT_LIMITS.versionsPerYear)
    throw fieldError('versions', { de: 'Zu viele Fassungen für dieses Jahr.', en: 'Too many versions for this year.' }, 'too_many');
  const number = heads.length + 1;
  const snapshot = await buildSnapshot(db, year);
  const json = JSON.stringify(snapshot);
  const row = { year, number, snapshot_json: json, content_sha256: sha256(json), created_by: actor.label, created_at: snapshot.createdAt };
  await repo.insertVersion(db, row);
  const head = presentHead(row);
  await recordAudit(db, actor, { action: 'freeze_report', entityType: 'annual_report', entityId: `${year}-${number}`, after: head });
  return head;
}

/** The 409 answer when two freezes of the same year raced and the other one won (unique key). */
export async function freezeConflict(db: DbOrTrx, year: number): Promise<never> {
  throw conflict(await listVersions(db, year));
}
