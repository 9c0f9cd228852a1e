/*
 * Setup of the funding tests through the API: a coordinator of Aue-Bad Schlema (advised by the
 * council in 2023, see the seeded history, so the prior-consultation rule holds), a programme year
 * of its own, and a project with an application in the state a test starts from. Programme years
 * are unique, so each test opens a year no programme has yet; figures of a programme therefore
 * belong to that test alone.
 */
import { addDays, todayBerlin } from '../../src/shared/time.ts';
import { type Account, apiAs, createReadyAccount, uniqueTag } from './api.ts';
import { ADMIN, LPR_STAFF, MUNICIPALITIES } from './accounts.ts';

export const AUE = MUNICIPALITIES.aue;
export const BUDGET_EUR = 100_000;
export const FIELD_GRAFFITI = 'Sachbeschädigung durch Graffiti';

/** Programme years the tests open: far from any real year, inside the range the API accepts. */
const FIRST_YEAR = 2041;
const LAST_YEAR = 2100;

const isoDay = (offset: number) => addDays(todayBerlin(), offset);
const euros = (eur: number) => Math.round(eur * 100);

export interface Programme {
  id: number;
  year: number;
  name: string;
}

/** The label of a programme in the programme pickers. */
export const programmeLabel = (p: Programme) => `${p.year}: ${p.name}`;

/** A project title no other test (or retry) uses. */
export const projectTitle = () => `Graffiti-Wettbewerb an den Bushaltestellen ${uniqueTag()}`;

/** A coordinator of Aue-Bad Schlema, ready to sign in (on the shared server, or the test's own at `baseURL`). */
export async function createAueCoordinator(baseURL?: string): Promise<Account> {
  const admin = await apiAs(ADMIN, baseURL);
  try {
    return await createReadyAccount(admin, { role: 'coordinator', communes: [AUE.ags], name: `Carla Koordination ${uniqueTag()}` });
  } finally {
    await admin.dispose();
  }
}

/**
 * Council staff open the programme of a year no programme has yet, with an application window
 * open today. Another test (or worker) may take the same year between the look-up and the
 * creation: the 409 for a duplicate year moves on to the next year.
 */
export async function openProgrammeYear(baseURL?: string): Promise<Programme> {
  const staff = await apiAs(LPR_STAFF, baseURL);
  try {
    const taken = new Set((await staff.get<Programme[]>('/api/funding/programmes')).map((p) => p.year));
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      if (taken.has(year)) continue;
      try {
        return await staff.post<Programme>('/api/funding/programmes', {
          year,
          name: `Förderprogramm Kommunale Kriminalprävention ${year}`,
          budgetCents: euros(BUDGET_EUR),
          windowOpens: isoDay(-10),
          windowCloses: isoDay(30),
        });
      } catch (err) {
        if (/: 409 /.test(String(err))) continue;
        throw err;
      }
    }
    throw new Error(`every programme year from ${FIRST_YEAR} to ${LAST_YEAR} is taken`);
  } finally {
    await staff.dispose();
  }
}

/** Where a test's application starts. */
export type ApplicationStage = 'submitted' | 'partly_approved' | 'repayment_demanded';

export interface FundedProject {
  projectId: number;
  applicationId: number;
  title: string;
}

interface Application {
  id: number;
  version: number;
  status: string;
  reviews: { id: number; version: number; reviewer: { id: number } | null }[];
  payments: { id: number; version: number }[];
  proof: { version: number } | null;
}

/**
 * The coordinator's project with the six Beccaria steps an application needs, and its application
 * (34,000 € planned, 3,400 € own share, 30,600 € requested) brought to `stage`:
 * - `submitted`: as the coordinator submits it;
 * - `partly_approved`: staff reviewed it and approved 25,000 €;
 * - `repayment_demanded`: 25,000 € paid, the proof of use (30,000 € spent) checked, 2,941.18 € reclaimed.
 */
export async function projectWithApplication(
  coordinator: Account,
  programme: Programme,
  stage: ApplicationStage,
  title = projectTitle(),
  baseURL?: string,
): Promise<FundedProject> {
  const coord = await apiAs(coordinator, baseURL);
  const staff = await apiAs(LPR_STAFF, baseURL);
  try {
    const fields = await coord.get<{ id: number; name: string }[]>('/api/funding/fields-of-action');
    const graffiti = fields.find((f) => f.name === FIELD_GRAFFITI);
    if (!graffiti) throw new Error(`no field of action named ${FIELD_GRAFFITI}`);
    const project = await coord.post<{ id: number }>('/api/projects', {
      ags: AUE.ags,
      title,
      fieldIds: [graffiti.id],
      steps: {
        problem: { description: 'Seit 2022 deutlich mehr illegale Graffiti an den Bushaltestellen im Zentrum.' },
        causes: { analysis: 'Fehlende legale Flächen, wenig Angebote für Jugendliche am Abend.' },
        goals: {
          goals: [
            {
              text: 'Weniger illegale Graffiti an Haltestellen',
              indicators: [{ text: 'Gemeldete Sachbeschädigungen', target: '-30 % in zwei Jahren' }],
            },
          ],
          targetGroups: [{ name: 'Jugendliche von 14 bis 21 Jahren' }],
        },
        measures: { measures: [{ title: 'Graffiti-Wettbewerb: Jugendliche gestalten die Haltestellen' }] },
        implementation: {
          plan: 'Ausschreibung im Frühjahr, Gestaltung im Sommer, Einweihung im Herbst.',
          milestones: [{ title: 'Ausschreibung des Wettbewerbs', due: `${programme.year}-03-01` }],
        },
        evaluation: { plan: 'Vorher-nachher-Vergleich der Meldungen; Befragung der Anwohner.' },
      },
    });
    let app = await coord.post<Application>('/api/funding/applications', {
      programmeId: programme.id,
      projectId: project.id,
      fieldId: graffiti.id,
      costItems: [
        { category: 'staff', description: 'Projektkoordination (Teilzeit)', amountCents: euros(24_000), payGrade: 'E11', months: 6 },
        { category: 'material', description: 'Farben und Material', amountCents: euros(6_000) },
        { category: 'public_relations', description: 'Plakate und Einweihungsfest', amountCents: euros(4_000) },
      ],
      financing: { ownCents: euros(3_400), requestedCents: euros(30_600) },
    });
    app = await coord.post<Application>(`/api/funding/applications/${app.id}/submit`, { version: app.version });
    if (stage === 'submitted') return { projectId: project.id, applicationId: app.id, title };

    const reviewer = (await staff.get<{ id: number; name: string }[]>('/api/funding/reviewers')).find((r) => r.name === LPR_STAFF.name);
    if (!reviewer) throw new Error(`${LPR_STAFF.name} is no reviewer`);
    app = await staff.post<Application>(`/api/funding/applications/${app.id}/reviewers`, { version: app.version, userId: reviewer.id });
    const review = app.reviews.find((r) => r.reviewer?.id === reviewer.id)!;
    app = await staff.put<Application>(`/api/funding/applications/${app.id}/reviews/${review.id}`, {
      version: review.version,
      scores: { need: 5, beccaria: 4, feasibility: 4, cost_efficiency: 3, sustainability: 4 },
      comment: 'Schlüssig; die Öffentlichkeitsarbeit ist zu hoch angesetzt.',
    });
    app = await staff.post<Application>(`/api/funding/applications/${app.id}/recommendation`, {
      version: app.version,
      recommendation: 'approve_partly',
      amountCents: euros(25_000),
      summary: 'Teilbewilligung ohne Plakate.',
    });
    app = await staff.post<Application>(`/api/funding/applications/${app.id}/decision`, {
      version: app.version,
      outcome: 'partly_approved',
      amountCents: euros(25_000),
      reason: 'Öffentlichkeitsarbeit nur anteilig förderfähig.',
    });
    if (stage === 'partly_approved') return { projectId: project.id, applicationId: app.id, title };

    app = await coord.post<Application>(`/api/funding/applications/${app.id}/payments`, {
      kind: 'advance',
      requestedCents: euros(25_000),
    });
    const payment = app.payments[0]!;
    app = await staff.post<Application>(`/api/funding/payments/${payment.id}/paid`, {
      version: payment.version,
      paidCents: euros(25_000),
      paidOn: todayBerlin(),
    });
    app = await coord.put<Application>(`/api/funding/applications/${app.id}/proof`, {
      version: 0,
      actualCosts: { staff: euros(22_000), material: euros(5_000), public_relations: euros(3_000) },
      report: 'Zwölf Haltestellen gestaltet; Einweihung mit 200 Gästen.',
    });
    app = await staff.post<Application>(`/api/funding/applications/${app.id}/proof/check`, {
      version: app.proof!.version,
      checkedEligibleCents: euros(30_000),
    });
    if (app.status !== 'repayment_demanded') throw new Error(`the checked application is ${app.status}, not repayment_demanded`);
    return { projectId: project.id, applicationId: app.id, title };
  } finally {
    await coord.dispose();
    await staff.dispose();
  }
}
