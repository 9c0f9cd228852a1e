/*
 * `praevis demo`: fictional prevention projects and one programme year of funding on top of the
 * demo alliance history. Every title starts with "[Demo]". Projects and applications go through
 * the services, so the demo obeys every rule: only advised municipalities apply, plans meet the
 * shares and caps, decisions stay within the budget, proofs of use settle the grants.
 */
import type { CostItemInput } from '../../../shared/funding.schema.ts';
import { shareFloor } from '../../../shared/funding.rules.ts';
import type { BeccariaSteps } from '../../../shared/projects.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import { listActiveEvents, seededRandom } from '../alliance/index.ts';
import * as repo from './funding.repository.ts';
import { createApplication, submitApplication } from './applications.service.ts';
import { markPaymentPaid, requestPayment } from './payments.service.ts';
import { createProgramme } from './programmes.service.ts';
import { checkProof, submitProof } from './proof-of-use.service.ts';
import { assignReviewer, decideApplication, submitReview } from './review.service.ts';
import { changeProjectStatus, createProject } from './projects.service.ts';

export const DEMO_FUNDING_YEAR = 2025;
const PREFIX = '[Demo]';

const TOPICS: Record<
  string,
  { title: string; problem: string; causes: string; goal: string; indicator: string; group: string; measure: string }
> = {
  'kpr-coordination': {
    title: 'Koordinierungsstelle des Präventionsrates',
    problem: 'Prävention ist auf viele Ämter verteilt, Absprachen fehlen.',
    causes: 'Keine Stelle, die Akteure zusammenführt.',
    goal: 'Ein arbeitsfähiger Präventionsrat',
    indicator: 'Sitzungen pro Jahr',
    group: 'Mitglieder des Präventionsrates',
    measure: 'Koordinierungsstelle in Teilzeit',
  },
  graffiti: {
    title: 'Graffiti-Wettbewerb an Bushaltestellen',
    problem: 'Illegale Graffiti an Haltestellen und Trafohäuschen nehmen zu.',
    causes: 'Fehlende legale Flächen für junge Sprayer.',
    goal: 'Weniger illegale Graffiti',
    indicator: 'Gemeldete Sachbeschädigungen',
    group: 'Jugendliche von 14 bis 21 Jahren',
    measure: 'Wettbewerb zur Gestaltung der Haltestellen',
  },
  littering: {
    title: 'Sauberer Stadtpark',
    problem: 'Vermüllung des Stadtparks an Wochenenden.',
    causes: 'Zu wenige Abfallbehälter, fehlende Ansprache.',
    goal: 'Sauberer Park',
    indicator: 'Müllmenge je Wochenende',
    group: 'Parkbesucher',
    measure: 'Parkpaten und zusätzliche Behälter',
  },
  'public-violence': {
    title: 'Sicherer Bahnhofsvorplatz',
    problem: 'Körperverletzungen am Bahnhofsvorplatz in den Abendstunden.',
    causes: 'Dunkle Ecken, Alkoholkonsum, wenig Präsenz.',
    goal: 'Weniger Gewalt am Bahnhof',
    indicator: 'Gewaltdelikte am Ort',
    group: 'Jugendliche und junge Erwachsene',
    measure: 'Aufsuchende Sozialarbeit und Lichtkonzept',
  },
  extremism: {
    title: 'Demokratiewerkstatt an Schulen',
    problem: 'Extremistische Parolen und Aufkleber im Schulumfeld.',
    causes: 'Wenig politische Bildung außerhalb des Unterrichts.',
    goal: 'Gestärkte demokratische Haltung',
    indicator: 'Teilnehmende Klassen',
    group: 'Schülerinnen und Schüler ab Klasse 8',
    measure: 'Workshops mit externen Trainern',
  },
  drugs: {
    title: 'Suchtprävention im Jugendclub',
    problem: 'Zunehmender Konsum von Cannabis und Alkohol bei Jugendlichen.',
    causes: 'Fehlende Freizeitangebote, Gruppendruck.',
    goal: 'Später Einstieg in den Konsum',
    indicator: 'Teilnehmende am Kurs',
    group: 'Jugendliche von 12 bis 17 Jahren',
    measure: 'Peer-Kurs zur Suchtprävention',
  },
};

function stepsFor(t: (typeof TOPICS)[string], year: number): BeccariaSteps {
  return {
    problem: { description: `${PREFIX} ${t.problem}`, evidence: 'Polizeiliche Kriminalstatistik, Bürgerbefragung (fiktiv)' },
    causes: { analysis: t.causes, riskFactors: '', protectiveFactors: '' },
    goals: {
      goals: [{ text: t.goal, indicators: [{ text: t.indicator, target: 'deutliche Verbesserung in zwei Jahren' }] }],
      targetGroups: [{ name: t.group, description: '' }],
    },
    measures: { measures: [{ title: t.measure, description: '' }], approach: 'Gemeinsam mit Polizeirevier, Jugendarbeit und Vereinen.' },
    implementation: {
      plan: 'Vorbereitung im ersten Quartal, Umsetzung bis Herbst, Auswertung zum Jahresende.',
      milestones: [
        { title: 'Auftakt', due: `${year}-03-01`, done: true },
        { title: 'Auswertung', due: `${year}-11-30`, done: false },
      ],
    },
    evaluation: {
      plan: 'Vorher-nachher-Vergleich des Indikators; Befragung der Beteiligten.',
      implementationResults: '',
      effectResults: '',
    },
    conclusions: { conclusions: '', documentation: '' },
  };
}

export interface FundingDemoSummary {
  skipped: boolean;
  year: number;
  projects: number;
  applications: number;
  approved: number;
  rejected: number;
  committedCents: number;
  paidCents: number;
}

/** Council staff acting for the demo (the CLI has no signed-in user). */
const DEMO_STAFF: Principal = {
  id: 0,
  email: 'demo',
  displayName: 'Demo',
  role: 'admin',
  communes: [],
  directorateId: null,
  mustChangePassword: false,
};

/** Adds demo projects and one programme year with applications, decisions, payments and proofs; skipped when that year's programme exists. */
export async function addDemoFunding(db: DbOrTrx, actor: Actor, o: { seed?: number } = {}): Promise<FundingDemoSummary> {
  const year = DEMO_FUNDING_YEAR;
  const empty = { skipped: true, year, projects: 0, applications: 0, approved: 0, rejected: 0, committedCents: 0, paidCents: 0 };
  if (await repo.findProgrammeByYear(db, year)) return empty;
  const rnd = seededRandom(o.seed ?? 2025);
  const fields = await repo.listFieldsOfAction(db);
  const advised = [...new Set((await listActiveEvents(db)).filter((e) => e.type === 'consultation').map((e) => e.ags))].sort();
  if (!advised.length || !fields.length) return empty;
  const chosen = advised.filter(() => rnd() < 0.5).slice(0, 40);
  const programme = await createProgramme(db, actor, {
    year,
    name: `${PREFIX} Förderprogramm Kommunale Kriminalprävention ${year}`,
    budgetCents: 110_000_000,
    quotas: [{ fieldId: fields[0]!.id, quotaCents: 30_000_000 }],
  });
  const reviewer = (await repo.listReviewers(db))[0] ?? null;
  const summary: FundingDemoSummary = { ...empty, skipped: false };
  for (const [i, ags] of chosen.entries()) {
    const field = fields[i % fields.length]!;
    const topic = TOPICS[field.code] ?? TOPICS.graffiti!;
    const project = await createProject(db, actor, DEMO_STAFF, {
      ags,
      title: `${PREFIX} ${topic.title}`,
      fieldIds: [field.id],
      startDate: `${year}-01-01`,
      endDate: `${year}-12-31`,
      steps: stepsFor(topic, year),
      partners: [
        { name: 'Polizeirevier (Demo)', role: 'Partner' },
        { name: 'Jugendclub (Demo)', role: 'Durchführung' },
      ],
      locations: [],
    });
    summary.projects += 1;
    const months = 6 + Math.floor(rnd() * 7);
    const staff = Math.floor(months * 400_000 * (0.6 + rnd() * 0.4));
    const material = 100_000 + Math.floor(rnd() * 600_000);
    const pr = 50_000 + Math.floor(rnd() * 250_000);
    const costItems: CostItemInput[] = [
      { category: 'staff', description: 'Projektkoordination', amountCents: staff, payGrade: 'E11', months },
      { category: 'material', description: 'Sachmittel', amountCents: material, payGrade: null, months: null },
      { category: 'public_relations', description: 'Öffentlichkeitsarbeit', amountCents: pr, payGrade: null, months: null },
    ];
    if (rnd() < 0.3)
      costItems.push({
        category: 'investment',
        description: 'Ausstattung (nicht förderfähig)',
        amountCents: 200_000,
        payGrade: null,
        months: null,
      });
    const eligible = staff + material + pr;
    const total = costItems.reduce((a, c) => a + c.amountCents, 0);
    const requested = shareFloor(eligible, 8500 + Math.floor(rnd() * 500));
    let app = await createApplication(db, actor, DEMO_STAFF, {
      programmeId: programme.id,
      projectId: project.id,
      fieldId: field.id,
      costItems,
      financing: {
        ownCents: total - requested,
        ownInKindCents: Math.floor((total - requested) / 4),
        thirdPartyCents: 0,
        requestedCents: requested,
      },
      smallGrantJustification: null,
    });
    summary.applications += 1;
    app = await submitApplication(db, actor, DEMO_STAFF, app.id, {
      version: app.version,
      windowOverrideReason: 'Demo: nachträglich erfasst',
    });
    // No decision without a completed review (decision 026): without a reviewer the application stays submitted.
    if (!reviewer) continue;
    app = await assignReviewer(db, actor, app.id, { version: app.version, userId: reviewer.id });
    const review = app.reviews.at(-1)!;
    app = await submitReview(db, actor, DEMO_STAFF, app.id, review.id, {
      version: review.version,
      scores: { need: 4, beccaria: 4, feasibility: 3, cost_efficiency: 3, sustainability: 3 },
      comment: `${PREFIX} Gutachten (fiktiv).`,
    });
    const roll = rnd();
    const outcome = roll < 0.2 ? 'rejected' : roll < 0.4 ? 'partly_approved' : 'approved';
    try {
      app = await decideApplication(db, actor, app.id, {
        version: app.version,
        outcome,
        amountCents: outcome === 'partly_approved' ? Math.max(1_000_000, Math.floor(requested * 0.8)) : null,
        reason: outcome === 'rejected' ? `${PREFIX} Kein ausreichender Bezug zur Problemlage.` : '',
        smallGrantException: null,
      });
    } catch (err) {
      // The budget or the quota is exhausted (409) or the partial amount is not below the request: the application stays in review.
      if (err instanceof AppError) continue;
      throw err;
    }
    if (!app.decision || app.decision.outcome === 'rejected') {
      summary.rejected += 1;
      continue;
    }
    summary.approved += 1;
    summary.committedCents += app.decision.approvedCents;
    // A granted project is planned; it runs once money flows, and is completed when its proof of use is checked.
    let stage = await changeProjectStatus(db, actor, DEMO_STAFF, project.id, { version: project.version, status: 'planned' });
    if (rnd() < 0.7) {
      const amount = Math.floor(app.decision.approvedCents / 2);
      const kind = app.decision.approvedCents < programme.reimbursementThresholdCents ? 'reimbursement' : 'advance';
      app = await requestPayment(db, actor, DEMO_STAFF, app.id, {
        kind,
        requestedCents: amount,
        provenCostsCents: kind === 'reimbursement' ? amount : null,
        note: PREFIX,
      });
      const pay = app.payments.at(-1)!;
      // Paid on the day of the request: never before it, never after the run date.
      app = await markPaymentPaid(db, actor, pay.id, { version: pay.version, paidCents: amount, paidOn: pay.requestedOn });
      summary.paidCents += amount;
      stage = await changeProjectStatus(db, actor, DEMO_STAFF, project.id, { version: stage.version, status: 'running' });
      if (rnd() < 0.5) {
        const spent = Math.floor(eligible * (0.85 + rnd() * 0.15));
        app = await submitProof(db, actor, DEMO_STAFF, app.id, {
          version: 0,
          actualCosts: {
            staff: Math.floor(spent * 0.7),
            material: spent - Math.floor(spent * 0.7) - Math.floor(spent * 0.1),
            fees: 0,
            travel: 0,
            public_relations: Math.floor(spent * 0.1),
            other: 0,
            investment: 0,
          },
          report: `${PREFIX} Sachbericht: Maßnahmen umgesetzt, Indikator ausgewertet.`,
        });
        await checkProof(db, actor, app.id, {
          version: app.proof!.version,
          checkedEligibleCents: app.proof!.actualEligibleCents,
          note: PREFIX,
        });
        await changeProjectStatus(db, actor, DEMO_STAFF, project.id, { version: stage.version, status: 'completed' });
      }
    }
  }
  return summary;
}
