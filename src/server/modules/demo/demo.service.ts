import { sql } from 'kysely';
import type { Actor } from '../../auth/principal.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import { ALLIANCE_EVENTS_COUNTER } from '../../lib/answer-cache.ts';
import { nowIso } from '../../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './demo.repository.ts';
import { type DemoSummary, runDemo } from '../alliance/index.ts';
import { addDemoCouncils, type CouncilDemoSummary } from '../councils/index.ts';
import { addDemoCrimeFigures } from '../crime-stats/index.ts';
import { addDemoFunding, type FundingDemoSummary } from '../funding/index.ts';
import { addDemoSecurityAnalysis } from '../security-analysis/index.ts';
import { addDemoSurvey, addDemoSurveyMargins, type SurveyDemoSummary } from '../surveys/index.ts';

/*
 * The demo data of every module, in the order they build on each other: the alliance history
 * first (the events the others refer to), then crime figures, the funding programme, the councils
 * with coaching and training, the citizen survey, its margins and a security analysis of the
 * survey's municipality. All in one transaction: a run that is interrupted (killed, or failing
 * half-way) leaves nothing behind, so a rerun starts clean and never adds a second history.
 * Every row the run creates is recorded in demo_rows (decision 036): the product labels its
 * answers "Demo-Daten" while any exists, and `praevis demo --remove` deletes exactly those rows.
 */

export interface FullDemoSummary {
  alliance: DemoSummary;
  crime: { municipalities: number; rows: number };
  funding: FundingDemoSummary;
  councils: CouncilDemoSummary;
  survey: SurveyDemoSummary;
  securityAnalysisId: number | null;
}

/** Adds the labelled fictional data of every module (`praevis demo`). */
export async function addDemoData(db: Db, actor: Actor, opts: { force: boolean; seed?: number }): Promise<FullDemoSummary> {
  return db.transaction().execute(async (trx) => {
    // The first write takes SQLite's write lock, so the ids read next are the last ones before the run.
    await repo.bumpCounter(trx, ALLIANCE_EVENTS_COUNTER);
    const before = await repo.readMaxIds(trx, await repo.listIdTables(trx));
    const alliance = await runDemo(trx, actor, { force: opts.force, seed: opts.seed });
    const crime = await addDemoCrimeFigures(trx, actor, { seed: opts.seed });
    const funding = await addDemoFunding(trx, actor, { seed: opts.seed });
    const councils = await addDemoCouncils(trx, actor, { seed: opts.seed });
    const survey = await addDemoSurvey(trx, actor, { seed: opts.seed });
    if (survey.surveyId !== null) await addDemoSurveyMargins(trx, actor, survey.surveyId);
    const { analysisId } = await addDemoSecurityAnalysis(trx, actor, { surveyId: survey.surveyId });
    const rows = await repo.recordRowsCreatedSince(trx, before, nowIso());
    await recordAudit(trx, actor, { action: 'create', entityType: 'demo_data', entityId: 'demo', after: { rows } });
    return { alliance, crime, funding, councils, survey, securityAnalysisId: analysisId };
  });
}

/** Whether demo data exist: rows recorded by `praevis demo`, or an earlier demo history (source `demo`). */
export async function hasDemoData(db: DbOrTrx): Promise<boolean> {
  if (await repo.hasDemoRows(db)) return true;
  const legacy = await db
    .selectFrom('alliance_events')
    .select('id')
    .where('source', '=', 'demo')
    .where('status', '=', 'active')
    .limit(1)
    .executeTakeFirst();
  return !!legacy;
}

/** What `praevis demo --remove` would delete, per table (the recorded rows, before their dependants). */
export async function countDemoData(db: DbOrTrx): Promise<Record<string, number>> {
  return repo.countDemoRowsByTable(db);
}

export interface DemoRemoval {
  /** Deleted rows per table, including the rows that only belong to a demo row (links, parts). */
  deleted: Record<string, number>;
  total: number;
}

/**
 * Deletes every row `praevis demo` created and nothing else (decision 036). Rows without an id of
 * their own (links and parts such as a survey's municipalities) go with the demo row they
 * reference; a row with an id that was added later and refers to a demo row (a meeting a user
 * added to a demo council) stops the removal, naming the table, so that nothing real is lost.
 */
export async function removeDemoData(db: Db, actor: Actor): Promise<DemoRemoval> {
  return db.transaction().execute(async (trx) => {
    const recorded = await repo.countDemoRowsByTable(trx);
    if (!Object.keys(recorded).length) {
      if (await hasDemoData(trx))
        throw new AppError('rule-violation', {
          de: 'Die Demo-Daten wurden vor dieser Version angelegt und sind nicht einzeln verzeichnet; sie lassen sich nicht automatisch entfernen.',
          en: 'The demo data were added before this version and are not listed row by row; they cannot be removed automatically.',
        });
      return { deleted: {}, total: 0 };
    }
    const idTables = new Set(await repo.listIdTables(trx));
    const keys = (await repo.listForeignKeys(trx)).filter((k) => k.child !== k.parent);

    // Which rows go: the recorded rows, and the rows without an id that reference a row that goes.
    const goes = new Set(Object.keys(recorded));
    const via = new Map<string, typeof keys>();
    for (let grown = true; grown;) {
      grown = false;
      for (const child of new Set(keys.map((k) => k.child))) {
        if (idTables.has(child)) continue;
        const refs = keys.filter((o) => o.child === child && goes.has(o.parent));
        if (refs.length === (via.get(child)?.length ?? 0)) continue;
        via.set(child, refs);
        goes.add(child);
        grown = true;
      }
    }
    const doomed = new Map<string, repo.RowCondition>();
    const conditionOf = (table: string, depth = 0): repo.RowCondition => {
      const known = doomed.get(table);
      if (known) return known;
      if (depth > 20) throw new Error(`demo removal: references among tables without an id run in a circle at ${table}`);
      const refs = via.get(table);
      const parts = refs
        ? refs.map((o) => repo.referencing(o.column, o.parent, o.parentColumn, conditionOf(o.parent, depth + 1)))
        : [repo.recordedDemoRows(table)];
      const condition = parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` or `)})`;
      doomed.set(table, condition);
      return condition;
    };
    for (const t of goes) conditionOf(t);

    // Later rows with an id of their own that refer to a demo row: the removal would delete or orphan them.
    const attached: string[] = [];
    for (const k of keys) {
      if (!idTables.has(k.child) || !doomed.has(k.parent)) continue;
      const refers = repo.referencing(k.column, k.parent, k.parentColumn, doomed.get(k.parent)!);
      const own = doomed.get(k.child);
      const n = await repo.countRows(trx, k.child, own ? sql`${refers} and not ${own}` : refers);
      if (n > 0) attached.push(`${k.child} (${n})`);
    }
    if (attached.length)
      throw new AppError('rule-violation', {
        de: `Spätere Einträge beziehen sich auf Demo-Daten und blieben ohne Bezug: ${attached.join(', ')}. Entfernen Sie diese zuerst.`,
        en: `Later entries refer to demo data and would be left without it: ${attached.join(', ')}. Remove them first.`,
      });

    // Children before their parents.
    const deleted: Record<string, number> = {};
    const left = new Set(doomed.keys());
    while (left.size) {
      const ready = [...left].filter((t) => !keys.some((k) => k.parent === t && k.child !== t && left.has(k.child)));
      if (!ready.length) throw new Error(`demo removal: a cycle of references among ${[...left].join(', ')}`);
      for (const t of ready.sort()) {
        const n = await repo.deleteRows(trx, t, doomed.get(t)!);
        if (n) deleted[t] = n;
        left.delete(t);
      }
    }
    await repo.clearDemoRows(trx);
    await repo.bumpCounter(trx, ALLIANCE_EVENTS_COUNTER);
    const total = Object.values(deleted).reduce((a, b) => a + b, 0);
    await recordAudit(trx, actor, {
      action: 'delete',
      entityType: 'demo_data',
      entityId: 'demo',
      before: { recorded },
      after: { deleted, total },
    });
    return { deleted, total };
  });
}
