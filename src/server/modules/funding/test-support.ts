/* Helpers shared by the projects and funding tests, the benchmark and the demo (not a test file itself). */
import type { BeccariaSteps } from '../../../shared/projects.schema.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { Client } from '../../test/harness.ts';
import { nowIso } from '../../../shared/time.ts';

/** A project description that meets steps 1–6 of the Beccaria standard (conclusions follow later). */
export function completeSteps(topic = 'Graffiti an Bushaltestellen'): BeccariaSteps {
  return {
    problem: {
      description: `${topic}: seit zwei Jahren deutlich mehr Schmierereien im Ortskern.`,
      evidence: 'PKS 2023, Beschwerden beim Ordnungsamt',
    },
    causes: {
      analysis: 'Fehlende Treffpunkte und Freiflächen für Jugendliche; wenig soziale Kontrolle am Abend.',
      riskFactors: 'Leerstand',
      protectiveFactors: 'Aktive Vereine',
    },
    goals: {
      goals: [
        {
          text: 'Weniger illegale Graffiti an Haltestellen',
          indicators: [{ text: 'Gemeldete Sachbeschädigungen', target: '-30 % in zwei Jahren' }],
        },
      ],
      targetGroups: [{ name: 'Jugendliche von 14 bis 21 Jahren', description: 'aus dem Ortskern' }],
    },
    measures: {
      measures: [{ title: 'Graffiti-Wettbewerb', description: 'Jugendliche gestalten die Bushaltestellen neu' }],
      approach: 'Mit Jugendclub und Verkehrsbetrieb',
    },
    implementation: {
      plan: 'Ausschreibung im Frühjahr, Gestaltung im Sommer, Einweihung im Herbst.',
      milestones: [{ title: 'Ausschreibung', due: '2027-03-01', done: false }],
    },
    evaluation: { plan: 'Vorher-nachher-Vergleich der Meldungen; Befragung der Anwohner.', implementationResults: '', effectResults: '' },
    conclusions: { conclusions: '', documentation: '' },
  };
}

/** A cost and financing plan that meets every default rule: 37,000 EUR, 34,000 eligible, 30,600 requested (90 %). */
export function validPlan() {
  return {
    costItems: [
      { category: 'staff', description: 'Projektkoordination (Teilzeit)', amountCents: 2_400_000, payGrade: 'E11', months: 6 },
      { category: 'material', description: 'Farben und Material', amountCents: 600_000 },
      { category: 'public_relations', description: 'Plakate und Einweihungsfest', amountCents: 400_000 },
      { category: 'investment', description: 'Beleuchtung der Haltestelle', amountCents: 300_000 },
    ],
    financing: { ownCents: 640_000, ownInKindCents: 100_000, thirdPartyCents: 0, requestedCents: 3_060_000 },
  };
}

/** Records a consultation (Beratung) of the municipality through the alliance API. */
export async function recordConsultation(staff: Client, ags: string, date = '2024-03-01'): Promise<void> {
  const res = await staff.post(`/api/alliance/municipalities/${ags}/events`, {
    type: 'consultation',
    date,
    topic: 'Förderung nach der RL KommPräv',
  });
  if (res.statusCode !== 201) throw new Error(`consultation: ${res.statusCode} ${res.body}`);
}

/** Row counts of the funding tables and the audit trail, to prove that a refused request stored nothing. */
export async function fundingSnapshot(db: DbOrTrx): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [
    'funding_projects',
    'funding_applications',
    'funding_cost_items',
    'funding_reviews',
    'funding_payments',
    'funding_proofs',
    'documents',
    'audit_log',
  ] as const) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  const apps = await db.selectFrom('funding_applications').select(['id', 'status', 'version']).orderBy('id').execute();
  out.applicationsState = apps.reduce((h, a) => (h * 31 + a.id * 7 + a.version + a.status.length) % 1_000_000_007, 0);
  return out;
}

/**
 * Inserts applications straight into review (as a factory, without the API), each for its own
 * project of the municipality: the starting point of the concurrency tests and the benchmark.
 */
export async function buildApplicationsInReview(
  db: DbOrTrx,
  o: {
    programmeId: number;
    ags: string;
    fieldId: number;
    count: number;
    requestedCents: number;
    createdBy: number | null;
    costItemsEach?: number;
  },
): Promise<number[]> {
  const at = nowIso();
  const ids: number[] = [];
  const itemsEach = o.costItemsEach ?? 1;
  const total = Math.ceil((o.requestedCents * 10) / 9);
  const steps = JSON.stringify(completeSteps());
  for (let i = 0; i < o.count; i++) {
    const { id: projectId } = await db
      .insertInto('funding_projects')
      .values({
        ags: o.ags,
        title: `Projekt ${i + 1}`,
        status: 'planned',
        start_date: null,
        end_date: null,
        steps_json: steps,
        partners_json: '[]',
        locations_json: '[]',
        created_by: o.createdBy,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('funding_project_fields').values({ project_id: projectId, field_id: o.fieldId }).execute();
    const { id } = await db
      .insertInto('funding_applications')
      .values({
        programme_id: o.programmeId,
        project_id: projectId,
        ags: o.ags,
        field_id: o.fieldId,
        title: `Projekt ${i + 1}`,
        status: 'in_review',
        total_cost_cents: total,
        eligible_cost_cents: total,
        own_cents: total - o.requestedCents,
        own_in_kind_cents: 0,
        third_party_cents: 0,
        requested_cents: o.requestedCents,
        submitted_at: at,
        submitted_by: o.createdBy,
        created_by: o.createdBy,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const per = Math.floor(total / itemsEach);
    const items = Array.from({ length: itemsEach }, (_, k) => ({
      application_id: id,
      position: k + 1,
      category: k % 2 ? 'material' : 'fees',
      description: `Position ${k + 1}`,
      amount_cents: k === itemsEach - 1 ? total - per * (itemsEach - 1) : per,
      pay_grade: null,
      months: null,
      eligible: 1,
    }));
    for (let c = 0; c < items.length; c += 400)
      await db
        .insertInto('funding_cost_items')
        .values(items.slice(c, c + 400))
        .execute();
    ids.push(id);
  }
  return ids;
}
