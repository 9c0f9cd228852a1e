/*
 * The councils' part of `praevis demo`: fictional councils with members, meetings (past ones with
 * minutes, upcoming ones), tasks (some overdue), a pool of coaches with coaching processes, and
 * training cohorts with enrolments. Everything goes through the services, so the demo obeys every
 * rule and records the alliance events (council resolution, coaching start and end) as real use
 * would. Names are sample names; every council and note carries "[Demo]".
 */
import { ORGANISATION_TYPES } from '../../../shared/organisations.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { listActiveEvents, seededRandom } from '../alliance/index.ts';
import { addSession, createCoach, endProcess, startProcess } from '../coaching/index.ts';
import { createOrganisation, createPerson } from '../organisations/index.ts';
import { createCourse, enrol, listProgrammes, updateEnrolment } from '../training/index.ts';
import { addMember, foundCouncil } from './councils.service.ts';
import { createMeeting, createTask, updateMeeting } from './meetings.service.ts';
import { addDays, todayBerlin } from '../../../shared/time.ts';

const DEMO = '[Demo]';
const SYSTEM: Principal = {
  id: 0,
  email: 'system',
  displayName: 'system',
  role: 'admin',
  communes: [],
  directorateId: null,
  mustChangePassword: false,
};
const FIRST = ['Erika', 'Max', 'Jana', 'Tom', 'Sabine', 'Uwe', 'Katrin', 'Jens', 'Anke', 'Frank', 'Heike', 'Lars', 'Petra', 'Rolf'];
const LAST = ['Mustermann', 'Musterfrau', 'Beispiel', 'Probe', 'Exempel', 'Vorlage', 'Platzhalter', 'Muster', 'Testmann', 'Entwurf'];
const ORG_NAMES: Record<string, string> = {
  administration: 'Ordnungsamt',
  police: 'Polizeirevier',
  school: 'Oberschule',
  youth: 'Jugendclub',
  association: 'Sportverein',
  church: 'Ev.-Luth. Kirchgemeinde',
  business: 'Gewerbeverein',
  other: 'Seniorenbeirat',
};
const ROLES = ['chair', 'coordinator', 'permanent', 'permanent', 'permanent', 'advisory', 'guest'] as const;

export interface CouncilDemoSummary {
  councils: number;
  members: number;
  meetings: number;
  tasks: number;
  coachingProcesses: number;
  courses: number;
  enrolments: number;
  skipped: boolean;
}

/** Adds demo councils, coaching and training on top of the demo alliance history (once). */
export async function addDemoCouncils(
  db: DbOrTrx,
  actor: Actor,
  opts: { seed?: number; maxCouncils?: number } = {},
): Promise<CouncilDemoSummary> {
  const summary: CouncilDemoSummary = {
    councils: 0,
    members: 0,
    meetings: 0,
    tasks: 0,
    coachingProcesses: 0,
    courses: 0,
    enrolments: 0,
    skipped: false,
  };
  const existing = await db.selectFrom('councils').select('id').where('name', 'like', `${DEMO}%`).executeTakeFirst();
  if (existing) return { ...summary, skipped: true };
  const rnd = seededRandom((opts.seed ?? 20190206) + 4);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const t = todayBerlin();
  const events = await listActiveEvents(db);
  const signed = new Map<string, string>();
  for (const e of events)
    if (e.type === 'agreement_signed' && (!signed.has(e.ags) || e.date < signed.get(e.ags)!)) signed.set(e.ags, e.date);
  const withCouncil = new Set((await db.selectFrom('council_municipalities').select('ags').execute()).map((r) => r.ags));
  const candidates = [...signed.entries()]
    .filter(([ags]) => !withCouncil.has(ags))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .slice(0, opts.maxCouncils ?? 12);
  const names = new Map((await db.selectFrom('municipalities').select(['ags', 'name']).execute()).map((m) => [m.ags, m.name]));
  const person = async (ags: string | null, organisationId: number | null, fn: string) =>
    createPerson(db, SYSTEM, actor, {
      ags,
      organisationId,
      firstName: pick(FIRST),
      lastName: pick(LAST),
      function: fn,
      email: null,
      phone: null,
      legalBasis: 'public_task',
      purpose: 'Mitarbeit im Kommunalen Präventionsrat',
      consentGivenOn: null,
      notes: `${DEMO} Beispielperson`,
    });
  const peopleByAgs = new Map<string, number[]>();

  for (const [ags, signedOn] of candidates) {
    const name = names.get(ags) ?? ags;
    const founded = addDays(signedOn, 30 + Math.floor(rnd() * 60));
    if (founded > t) continue;
    const types = ORGANISATION_TYPES.filter((x) => x !== 'other').slice(0, 4 + Math.floor(rnd() * 3));
    const members: number[] = [];
    const council = await foundCouncil(db, SYSTEM, actor, {
      name: `${DEMO} Kommunaler Präventionsrat ${name.split(',')[0]}`,
      municipalities: [ags],
      foundingResolutionDate: founded,
      constitutedOn: addDays(founded, 21) <= t ? addDays(founded, 21) : null,
      steeringGroup: 'Bürgermeister/in, Revierleitung, Koordination',
      coordinationOffice: 'Ordnungsamt, Markt 1',
      notes: `${DEMO} fiktiver Rat`,
    });
    summary.councils += 1;
    for (const [i, type] of types.entries()) {
      const org = await createOrganisation(db, SYSTEM, actor, {
        ags,
        name: `${DEMO} ${ORG_NAMES[type]} ${name.split(',')[0]}`,
        type,
        street: 'Hauptstraße 1',
        postcode: '',
        city: name.split(',')[0]!,
        notes: '',
      });
      const p = await person(ags, org.id, type === 'police' ? 'Revierleiter/in' : 'Vertreter/in');
      members.push(p.id);
      await addMember(db, SYSTEM, actor, council.id, {
        personId: p.id,
        role: ROLES[i] ?? 'permanent',
        organisationId: null,
        steeringGroup: i < 3,
        startDate: council.constitutedOn ?? founded,
        endDate: null,
      });
      summary.members += 1;
    }
    peopleByAgs.set(ags, members);
    // Quarterly meetings since the constitution, the next one ahead; tasks from the held ones.
    let date = addDays(council.constitutedOn ?? founded, 1);
    const horizon = addDays(t, 100);
    while (date <= horizon) {
      const meeting = await createMeeting(db, SYSTEM, actor, council.id, {
        title: 'Sitzung des Präventionsrates',
        date,
        startTime: '17:00',
        endTime: '19:00',
        place: 'Rathaus, Sitzungssaal',
        agenda: [
          { title: 'Lagebild der Polizei', notes: '' },
          { title: 'Berichte aus den Arbeitsgruppen', notes: '' },
          { title: 'Verschiedenes', notes: '' },
        ],
      });
      summary.meetings += 1;
      if (date < t) {
        await updateMeeting(db, SYSTEM, actor, meeting.id, {
          version: meeting.version,
          status: 'held',
          minutes: `${DEMO} Das Lagebild wurde vorgestellt; die Arbeitsgruppen berichteten.`,
          invitees: meeting.inviteeList.map((inv) => ({ personId: inv.personId, attendance: rnd() < 0.8 ? 'present' : 'excused' })),
          decisions: [{ text: `${DEMO} Die Arbeitsgruppe Graffiti legt bis zur nächsten Sitzung Standorte vor.` }],
        });
        await createTask(db, SYSTEM, actor, council.id, {
          title: 'Standorte für legale Graffitiflächen prüfen',
          meetingId: meeting.id,
          ownerPersonId: pick(members),
          dueDate: addDays(date, 45),
          status: addDays(date, 45) < t && rnd() < 0.7 ? 'done' : 'open',
          notes: DEMO,
        });
        summary.tasks += 1;
      }
      date = addDays(date, 91);
    }
  }

  // Coaching: a small pool, processes in municipalities without a coaching history.
  const coached = new Set(events.filter((e) => e.type.startsWith('coaching_')).map((e) => e.ags));
  const coaches = [];
  for (let i = 0; i < 4; i++)
    coaches.push(
      await createCoach(db, SYSTEM, actor, {
        personId: (await person(null, null, 'Coach')).id,
        region: pick(['Erzgebirge', 'Mittelsachsen', 'Lausitz', 'Vogtland']),
        notes: DEMO,
      }),
    );
  const coachable = [...signed.keys()]
    .sort()
    .filter((ags) => !coached.has(ags))
    .slice(0, 6);
  for (const [i, ags] of coachable.entries()) {
    const startedOn = addDays(t, -400 + i * 30);
    const process = await startProcess(db, actor, {
      ags,
      coachId: coaches[i % coaches.length]!.id,
      startedOn,
      goals: `${DEMO} Aufbau des Präventionsrates begleiten`,
    });
    await addSession(db, actor, process.id, { date: addDays(startedOn, 14), notes: `${DEMO} Auftaktgespräch mit der Koordination` });
    const endedOn = addDays(startedOn, 300);
    // Every other process has ended, where its end is not in the future.
    if (i % 2 === 0 && endedOn <= t)
      await endProcess(db, actor, process.id, { version: process.version, endedOn, endReport: `${DEMO} Der Rat arbeitet selbstständig.` });
    summary.coachingProcesses += 1;
  }

  // Training: a Beccaria cohort and a workshop, with enrolments from the demo councils.
  const programmes = await listProgrammes(db);
  const beccaria = programmes.find((p) => p.code === 'beccaria');
  const workshop = programmes.find((p) => p.code === 'workshop');
  const year = Number(t.slice(0, 4)) - 1;
  if (beccaria) {
    const dates = beccaria.modules.flatMap((m) =>
      [0, 14].map((d) => ({
        modulePosition: m.position,
        startsOn: addDays(`${year}-0${m.position * 2}-06`, d),
        endsOn: addDays(`${year}-0${m.position * 2}-07`, d),
        place: 'Bautzen',
      })),
    );
    const course = await createCourse(db, SYSTEM, actor, {
      programmeId: beccaria.id,
      title: `${DEMO} Jahrgang ${year}`,
      place: 'Bautzen',
      capacity: 20,
      dates,
      notes: DEMO,
    });
    summary.courses += 1;
    for (const ids of peopleByAgs.values()) {
      const e = await enrol(db, SYSTEM, actor, course.id, { personId: ids[0]!, enrolledOn: `${year}-01-15` });
      summary.enrolments += 1;
      if (rnd() < 0.6)
        await updateEnrolment(db, SYSTEM, actor, e.id, {
          version: e.version,
          attendedModules: [1, 2, 3, 4],
          status: 'completed',
          completedOn: `${year}-09-30`,
        });
    }
  }
  if (workshop) {
    const course = await createCourse(db, SYSTEM, actor, {
      programmeId: workshop.id,
      title: `${DEMO} Workshop Sicherheitsanalyse`,
      place: 'Dresden',
      capacity: 30,
      dates: [{ modulePosition: null, startsOn: `${year}-11-12`, endsOn: `${year}-11-12`, place: 'Dresden' }],
      notes: DEMO,
    });
    summary.courses += 1;
    for (const ids of peopleByAgs.values()) {
      if (ids[1]) {
        await enrol(db, SYSTEM, actor, course.id, { personId: ids[1], enrolledOn: `${year}-10-01` });
        summary.enrolments += 1;
      }
    }
  }
  return summary;
}
