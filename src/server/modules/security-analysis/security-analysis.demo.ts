/*
 * `praevis demo`: one clearly labelled fictional security analysis ("[Demo]") for the municipality
 * of the demo survey (or the first demo municipality), planned over 20 weeks from 140 days ago,
 * with the first phases done, two findings, three recommendations and a draft report. It records
 * no alliance events, so the demo's network figures stay those of the demo history.
 */
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import * as analyses from './analyses.service.ts';
import * as findings from './findings.service.ts';
import * as reports from './reports.service.ts';
import { addDays, todayBerlin } from '../../../shared/time.ts';

const DEMO_TITLE = '[Demo] Sicherheitsanalyse';
const SYSTEM: Principal = {
  id: 0,
  email: 'demo',
  displayName: 'demo',
  role: 'admin',
  communes: [],
  directorateId: null,
  mustChangePassword: false,
};

/** Adds the demo analysis once; returns its id, or null when it exists or no municipality fits. */
export async function addDemoSecurityAnalysis(
  db: DbOrTrx,
  actor: Actor,
  opts: { surveyId?: number | null } = {},
): Promise<{ analysisId: number | null }> {
  if (await db.selectFrom('security_analyses').select('id').where('title', 'like', `${DEMO_TITLE}%`).executeTakeFirst())
    return { analysisId: null };
  let ags: string | undefined;
  if (opts.surveyId)
    ags = (
      await db.selectFrom('survey_municipalities').select('ags').where('survey_id', '=', opts.surveyId).orderBy('ags').executeTakeFirst()
    )?.ags;
  ags ??= (await db.selectFrom('alliance_events').select('ags').where('source', '=', 'demo').orderBy('ags').executeTakeFirst())?.ags;
  if (!ags) return { analysisId: null };
  const start = addDays(todayBerlin(), -140);
  const name = (await db.selectFrom('municipalities').select('name').where('ags', '=', ags).executeTakeFirstOrThrow()).name;
  let a = await analyses.createAnalysis(db, actor, {
    ags,
    title: `${DEMO_TITLE} ${name}`,
    contractor: '[Demo] Forschungsgruppe Kommunale Sicherheit',
    surveyId: opts.surveyId ?? null,
    plannedStart: start,
    notes: 'Frei erfunden (praevis demo).',
  });
  for (const p of a.phases.slice(0, 6)) {
    a = await analyses.updatePhase(db, actor, a.id, p.phase, {
      version: a.version,
      actualStart: p.plannedStart,
      actualEnd: addDays(p.plannedEnd!, 2),
    });
  }
  const fields = (await db.selectFrom('fields_of_action').select('id').where('active', '=', 1).orderBy('position').execute()).map(
    (f) => f.id,
  );
  const f1 = await findings.createFinding(db, actor, a.id, {
    text: '[Demo] Dreck und Müll werden von vielen als großes Problem genannt.',
    evidence: 'table:survey_indices',
    fieldOfActionId: fields[2] ?? fields[0]!,
    priority: 'high',
  });
  const f2 = await findings.createFinding(db, actor, a.id, {
    text: '[Demo] Sachbeschädigungen liegen über dem Kreisdurchschnitt.',
    evidence: 'table:crime_offences',
    fieldOfActionId: fields[1] ?? fields[0]!,
    priority: 'medium',
  });
  for (const [text, ids] of [
    ['[Demo] Reinigung an Haltestellen verdichten.', [f1.id]],
    ['[Demo] Graffiti-Wettbewerb mit Jugendlichen.', [f2.id]],
    ['[Demo] Runder Tisch Sauberkeit im Präventionsrat.', [f1.id, f2.id]],
  ] as const) {
    await findings.createRecommendation(db, actor, a.id, { text, priority: 'medium', findingIds: [...ids] });
  }
  const current = await analyses.getAnalysis(db, SYSTEM, a.id);
  await reports.createReport(db, actor, SYSTEM, a.id, { kind: 'draft', version: current.version, confirm: false });
  return { analysisId: a.id };
}
