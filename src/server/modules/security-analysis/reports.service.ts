import crypto from 'node:crypto';
import {
  ANALYSIS_LIMITS,
  type Comparison,
  type CreateReportInput,
  type Profile,
  type Report,
  type ReportEditInput,
  type ReportHead,
  type ReportSnapshot,
} from '../../../shared/security-analysis.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { fieldError, notFound } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { listNamedAreas } from '../territory/index.ts';
import { buildProfile } from './profile.ts';
import * as repo from './security-analysis.repository.ts';
import { nowIso } from '../../../shared/time.ts';
import { bump, presentAnalysis, presentHead, requireForChange, requireRow, requireVisible, rule } from './security-analysis.shared.ts';

/* The live area profile, the report versions (drafts and the frozen final one, each a stored snapshot) and the comparison with an earlier analysis. */

/** The live area profile from today's data (not stored). */
export async function getProfile(db: DbOrTrx, principal: Principal, id: number): Promise<Profile> {
  const row = await requireVisible(db, principal, id);
  return buildProfile(db, principal, { ags: row.ags, surveyId: row.survey_id, areas: await listNamedAreas(db, row.ags) });
}

function methodsOf(profile: Profile): ReportSnapshot['methods'] {
  const s = profile.survey;
  if (!s) {
    return {
      sampleSize: null,
      responses: null,
      responseRate: null,
      weighting: profile.surveyNote ?? 'Keine Befragungsergebnisse.',
      suppression: 'Für diesen Bericht liegen keine Befragungsergebnisse vor; die Kriminalitätszahlen sind veröffentlichte Aggregatzahlen.',
    };
  }
  return {
    sampleSize: s.sampleSize,
    responses: s.responses,
    responseRate: s.responseRate,
    weighting: s.weighting,
    suppression: `Ergebnisse für Gruppen mit weniger als ${s.kMin} Antworten werden nicht ausgewiesen (Mindestfallzahl k = ${s.kMin}); bei Anteilen gilt das auch, wenn weniger als ${s.kMin} Personen auf einer Seite stehen.`,
  };
}

/** Builds the snapshot of everything a report shows, from the data of this moment. */
export async function buildSnapshot(
  db: DbOrTrx,
  principal: Principal,
  row: repo.AnalysisRow,
  number: number,
  kind: 'draft' | 'final',
  at = nowIso(),
): Promise<ReportSnapshot> {
  const analysis = await presentAnalysis(db, row);
  const profile = await buildProfile(db, principal, { ags: row.ags, surveyId: row.survey_id, areas: analysis.areas });
  profile.generatedAt = at;
  return {
    analysis: {
      id: row.id,
      title: row.title,
      contractor: row.contractor,
      ags: row.ags,
      municipalityName: row.municipality_name,
      startedOn: row.started_on,
    },
    number,
    kind,
    createdAt: at,
    phases: analysis.phases.map((p) => ({ ...p, late: false })),
    profile,
    findings: analysis.findings,
    recommendations: analysis.recommendations.map((r) => ({
      id: r.id,
      position: r.position,
      text: r.text,
      priority: r.priority,
      findingIds: r.findingIds,
    })),
    methods: methodsOf(profile),
  };
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** Stores a new draft, or freezes the final version (once; confirmation required). */
export async function createReport(
  db: DbOrTrx,
  actor: Actor,
  principal: Principal,
  id: number,
  input: CreateReportInput,
): Promise<ReportHead> {
  const { row } = await requireForChange(db, id, input.version);
  if (input.kind === 'final') {
    if (!input.confirm) {
      throw fieldError(
        'confirm',
        {
          de: 'Das Einfrieren des Abschlussberichts kann nicht rückgängig gemacht werden; bitte bestätigen.',
          en: 'Freezing the final report cannot be undone; please confirm.',
        },
        'confirmation_required',
      );
    }
    if (await repo.findFinalReportHead(db, id))
      throw rule('kind', 'report_frozen', {
        de: 'Der Abschlussbericht ist bereits eingefroren.',
        en: 'The final report is already frozen.',
      });
    if (!(await repo.listFindings(db, id)).length)
      throw rule('kind', 'no_findings', {
        de: 'Ein Abschlussbericht braucht mindestens einen Befund.',
        en: 'A final report needs at least one finding.',
      });
  }
  const heads = await repo.listReportHeads(db, id);
  if (heads.length >= ANALYSIS_LIMITS.reportsMax)
    throw rule('kind', 'too_many', { de: 'Zu viele Berichtsversionen.', en: 'Too many report versions.' });
  const number = (heads.at(-1)?.number ?? 0) + 1;
  const snapshot = await buildSnapshot(db, principal, row, number, input.kind);
  const json = JSON.stringify(snapshot);
  const createdAt = snapshot.createdAt;
  await bump(db, id, input.version);
  await repo.insertReport(db, {
    analysis_id: id,
    number,
    kind: input.kind,
    snapshot_json: json,
    content_sha256: sha256(json),
    created_by: actor.label,
    created_at: createdAt,
  });
  const head = presentHead({
    number,
    kind: input.kind,
    created_at: createdAt,
    created_by: actor.label,
    content_sha256: sha256(json),
    note: '',
  });
  await recordAudit(db, actor, {
    action: input.kind === 'final' ? 'freeze_report' : 'create_report',
    entityType: 'security_analysis',
    entityId: id,
    after: head,
  });
  return head;
}

async function requireReport(db: DbOrTrx, id: number, number: number): Promise<repo.ReportRow> {
  const r = await repo.findReport(db, id, number);
  if (!r) throw notFound({ de: `Kein Bericht Nr. ${number} zu dieser Analyse.`, en: `No report no. ${number} of this analysis.` });
  return r;
}

/** One stored report version with its snapshot (exactly as stored). */
export async function getReport(db: DbOrTrx, principal: Principal, id: number, number: number): Promise<Report> {
  await requireVisible(db, principal, id);
  const r = await requireReport(db, id, number);
  return { ...presentHead(r), snapshot: JSON.parse(r.snapshot_json) as ReportSnapshot };
}

/** Changes the note of a draft; the frozen final version refuses every edit. */
export async function editReport(db: DbOrTrx, actor: Actor, id: number, number: number, input: ReportEditInput): Promise<ReportHead> {
  await requireRow(db, id);
  const r = await requireReport(db, id, number);
  if (r.kind === 'final') {
    throw rule('number', 'report_frozen', {
      de: 'Der Abschlussbericht ist eingefroren und kann nicht bearbeitet werden.',
      en: 'The final report is frozen and cannot be edited.',
    });
  }
  await repo.updateReportNote(db, id, number, input.note);
  const after = presentHead({ ...r, note: input.note });
  await recordAudit(db, actor, { action: 'update_report', entityType: 'security_analysis', entityId: id, before: presentHead(r), after });
  return after;
}

function keyFigures(s: ReportSnapshot | Profile): Map<string, number | null> {
  const p = 'profile' in s ? s.profile : s;
  const m = new Map<string, number | null>([
    ['Einwohner', p.population.total],
    ['Häufigkeitszahl (Straftaten insgesamt)', p.crime.hz],
    ['Aufklärungsquote in %', p.crime.clearanceRate],
    ['Rücklaufquote der Befragung in %', p.survey?.responseRate ?? null],
  ]);
  for (const i of p.survey?.indices ?? []) m.set(`${i.label}${i.unit === 'share' ? ' in %' : ''}`, i.suppressed ? null : i.value);
  return m;
}

/** Compares the analysis (its final report, else its live profile) with the other analysis of the municipality that has a final report. */
export async function compareAnalyses(db: DbOrTrx, principal: Principal, id: number): Promise<Comparison> {
  const row = await requireVisible(db, principal, id);
  const ownFinal = await repo.findFinalReport(db, id);
  const current = ownFinal ? (JSON.parse(ownFinal.snapshot_json) as ReportSnapshot) : await getProfile(db, principal, id);
  let other: { row: { id: number; title: string }; report: repo.ReportRow } | null = null;
  for (const o of await repo.listOtherAnalyses(db, row.ags, id)) {
    const report = await repo.findFinalReport(db, o.id);
    if (report) {
      other = { row: o, report };
      break;
    }
  }
  const a = keyFigures(current);
  const b = other ? keyFigures(JSON.parse(other.report.snapshot_json) as ReportSnapshot) : new Map<string, number | null>();
  const labels = [...new Set([...a.keys(), ...b.keys()])];
  return {
    current: { analysisId: id, reportNumber: ownFinal?.number ?? null, title: row.title },
    other: other ? { analysisId: other.row.id, reportNumber: other.report.number, title: other.row.title } : null,
    rows: labels.map((label) => {
      const x = a.get(label) ?? null;
      const y = b.get(label) ?? null;
      return { label, current: x, other: y, difference: x !== null && y !== null ? Math.round((x - y) * 10) / 10 : null };
    }),
  };
}
