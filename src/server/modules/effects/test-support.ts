/* Helpers of the effects tests (not a test file itself): interventions, municipal figures and survey waves as the other modules store them. */
import { expect } from 'vitest';
import type { DbOrTrx } from '../../db/database.ts';
import type { Client } from '../../test/harness.ts';
import { loadDefinition, storeResponses } from '../surveys/index.ts';

const NOW = '2026-01-01T00:00:00.000Z';

/** A signed cooperation agreement of one municipality, as the alliance records it (an agreement and its active event). */
export async function buildAgreement(db: DbOrTrx, ags: string, date: string): Promise<number> {
  const agreement = await db
    .insertInto('alliance_agreements')
    .values({ title: `Kooperationsvereinbarung ${ags}`, council_party: '', notes: '', status: 'active', created_at: NOW, updated_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  const event = await db
    .insertInto('alliance_events')
    .values({
      ags,
      type: 'agreement_signed',
      date,
      agreement_id: agreement.id,
      notes: '',
      status: 'active',
      source: 'api',
      created_by_label: 'test',
      created_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return event.id;
}

/** A funded project in a field of action: the project and an approved application of a programme. */
export async function buildFundedProject(db: DbOrTrx, ags: string, fieldCode: string, startDate: string): Promise<number> {
  const year = Number(startDate.slice(0, 4));
  let programme = await db.selectFrom('funding_programmes').where('year', '=', year).select('id').executeTakeFirst();
  programme ??= await db
    .insertInto('funding_programmes')
    .values({
      year,
      name: `Programm ${year}`,
      budget_cents: 110_000_000,
      window_opens: `${year - 1}-08-31`,
      window_closes: `${year - 1}-10-15`,
      max_share_bp: 9000,
      min_own_share_bp: 1000,
      min_grant_cents: 1_000_000,
      reimbursement_threshold_cents: 2_000_000,
      staff_caps_json: '{}',
      quotas_json: '{}',
      public_list: 0,
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const field = await db.selectFrom('fields_of_action').where('code', '=', fieldCode).select('id').executeTakeFirstOrThrow();
  const project = await db
    .insertInto('funding_projects')
    .values({
      ags,
      title: `Projekt ${fieldCode} ${ags}`,
      status: 'running',
      start_date: startDate,
      steps_json: '{}',
      partners_json: '[]',
      locations_json: '[]',
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('funding_project_fields').values({ project_id: project.id, field_id: field.id }).execute();
  await db
    .insertInto('funding_applications')
    .values({
      programme_id: programme.id,
      project_id: project.id,
      ags,
      field_id: field.id,
      title: `Antrag ${fieldCode} ${ags}`,
      status: 'approved',
      total_cost_cents: 3_000_000,
      eligible_cost_cents: 3_000_000,
      own_cents: 300_000,
      own_in_kind_cents: 0,
      third_party_cents: 0,
      requested_cents: 2_700_000,
      approved_cents: 2_700_000,
      decided_at: `${startDate}T10:00:00.000Z`,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  return project.id;
}

/** Municipal crime figures (one import) of the given rows. */
export async function addMunicipalFigures(
  db: DbOrTrx,
  rows: { ags: string; offence_key: string; year: number; cases: number }[],
): Promise<void> {
  const imp = await db
    .insertInto('crime_imports')
    .values({
      level: 'municipality',
      year: Math.max(...rows.map((r) => r.year)),
      source: 'test',
      source_label: 'Testzahlen',
      sha256: 'test',
      rows: rows.length,
      demo: 0,
      imported_at: NOW,
      imported_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('crime_municipality_figures')
      .values(rows.slice(i, i + 200).map((r) => ({ ...r, cleared: null, suspects: null, population: null, import_id: imp.id })))
      .execute();
}

/**
 * A completed survey wave of one municipality: a survey created through the API for the field
 * period, `n` responses of which `unsafe` feel unsafe at night ("ziemlich unsicher"), the rest
 * "ziemlich sicher" (the index "unsafe at night" is then exactly unsafe / n), then closed.
 */
export async function addClosedWave(
  db: DbOrTrx,
  staff: Client,
  w: { ags: string; fieldStart: string; fieldEnd: string; n: number; unsafe: number },
): Promise<number> {
  const res = await staff.post('/api/surveys', {
    title: `Befragung ${w.ags} ${w.fieldStart}`,
    municipalities: [w.ags],
    fieldStart: w.fieldStart,
    fieldEnd: w.fieldEnd,
  });
  expect(res.statusCode, res.body).toBe(201);
  const { id } = res.json() as { id: number };
  const definition = await loadDefinition(db, id, 1);
  await storeResponses(
    db,
    id,
    Array.from({ length: w.n }, (_, i) => ({
      ags: w.ags,
      version: 1,
      definition,
      answers: { sicher_nachts: i < w.unsafe ? 'ziemlich_unsicher' : 'ziemlich_sicher' },
      channel: 'import' as const,
      on: w.fieldStart,
    })),
  );
  await db.updateTable('surveys').set({ status: 'closed', closed_on: w.fieldEnd }).where('id', '=', id).execute();
  return id;
}
