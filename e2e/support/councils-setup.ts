/*
 * Setup of the councils spec through the API: a municipality of its own (no council, no
 * organisations, no people, no coordinator yet), a coordinator for it, the four institutions with
 * their people, a council founded with them as members, and a meeting. Each test builds only the
 * part it needs, so it stands alone and a retry finds a fresh municipality again.
 */
import { type Account, type Api, apiAs, createReadyAccount, uniqueTag } from './api.ts';
import { MUNICIPALITIES } from './accounts.ts';
import { claim } from './claims.ts';

/** The municipality the story is about; the others of the Erzgebirgskreis follow when it is taken. */
export const MARIENBERG = { ags: '14521390', name: 'Marienberg, Stadt' } as const;
const ERZGEBIRGSKREIS = '14521';
/** Municipalities other specs sign up, survey or analyse: never used here. */
const USED_ELSEWHERE = new Set<string>([...Object.values(MUNICIPALITIES).map((m) => m.ags), '14521460' /* Olbernhau */]);

export interface Municipality {
  ags: string;
  /** The directory's name, e.g. "Marienberg, Stadt". */
  name: string;
  /** Without the suffix, e.g. "Marienberg", for names of councils and offices. */
  short: string;
}

interface Page<T> {
  items: T[];
  total: number;
}

async function everyItem<T>(api: Api, path: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await api.get<Page<T>>(`${path}${sep}pageSize=500&page=${page}`);
    items.push(...res.items);
    if (items.length >= res.total || res.items.length === 0) return items;
  }
}

/**
 * A municipality nobody has used yet: no council, no coordinator, no organisation and no person
 * recorded, and not claimed by another test of the run (support/claims.ts). Marienberg first,
 * then the rest of the Erzgebirgskreis, then the rest of Saxony.
 */
export async function freeMunicipality(admin: Api): Promise<Municipality> {
  const councils = await everyItem<{ municipalities: { ags: string }[] }>(admin, '/api/councils');
  const coordinators = await everyItem<{ communes: string[] }>(admin, '/api/users?role=coordinator');
  const taken = new Set([
    ...USED_ELSEWHERE,
    ...councils.flatMap((c) => c.municipalities.map((m) => m.ags)),
    ...coordinators.flatMap((u) => u.communes),
  ]);
  const all = await everyItem<{ ags: string; name: string; districtAgs: string }>(admin, '/api/municipalities?sort=name');
  const candidates = [
    ...all.filter((m) => m.ags === MARIENBERG.ags),
    ...all.filter((m) => m.ags !== MARIENBERG.ags && m.districtAgs === ERZGEBIRGSKREIS),
    ...all.filter((m) => m.districtAgs !== ERZGEBIRGSKREIS),
  ];
  for (const m of candidates) {
    if (taken.has(m.ags)) continue;
    const orgs = await admin.get<Page<unknown>>(`/api/organisations?ags=${m.ags}&pageSize=1`);
    const people = await admin.get<Page<unknown>>(`/api/people?ags=${m.ags}&pageSize=1&includeErased=true`);
    // The claim keeps a test running at the same time (another worker) from taking it too.
    if (orgs.total === 0 && people.total === 0 && claim(`municipality:${m.ags}`)) {
      return { ags: m.ags, name: m.name, short: m.name.split(',')[0]!.trim() };
    }
  }
  throw new Error('no municipality without a council, coordinator and records is left');
}

/** A coordinator of a fresh municipality, ready to sign in. */
export async function coordinatorOfFreeMunicipality(): Promise<{ municipality: Municipality; coordinator: Account }> {
  const admin = await apiAs();
  try {
    const municipality = await freeMunicipality(admin);
    const coordinator = await createReadyAccount(admin, {
      role: 'coordinator',
      communes: [municipality.ags],
      name: `Mara Koordination ${uniqueTag()}`,
    });
    return { municipality, coordinator };
  } finally {
    await admin.dispose();
  }
}

export type OrganisationType = 'administration' | 'police' | 'school' | 'youth';

export interface Institution {
  type: OrganisationType;
  /** The type's label in the forms. */
  typeLabel: string;
  org: string;
  first: string;
  last: string;
  fn: string;
}

/** One organisation of each of four institution types with one person each. */
export function institutionsOf(m: Municipality): Institution[] {
  return [
    { type: 'administration', typeLabel: 'Verwaltung', org: `Ordnungsamt ${m.short}`, first: 'Olaf', last: 'Ordnung', fn: 'Amtsleiter' },
    { type: 'police', typeLabel: 'Polizeirevier', org: `Polizeirevier ${m.short}`, first: 'Petra', last: 'Revier', fn: 'Revierleiterin' },
    { type: 'school', typeLabel: 'Schule', org: 'Oberschule am Markt', first: 'Sven', last: 'Schulz', fn: 'Schulleiter' },
    {
      type: 'youth',
      typeLabel: 'Jugendclub / Jugendarbeit',
      org: 'Jugendclub Alte Post',
      first: 'Jule',
      last: 'Jugend',
      fn: 'Sozialarbeiterin',
    },
  ];
}

/** Records the institutions and their people as the coordinator would; returns the people's ids in order. */
export async function recordInstitutions(api: Api, m: Municipality, institutions: Institution[]): Promise<number[]> {
  const ids: number[] = [];
  for (const i of institutions) {
    const org = await api.post<{ id: number }>('/api/organisations', { ags: m.ags, name: i.org, type: i.type });
    const person = await api.post<{ id: number }>('/api/people', {
      ags: m.ags,
      firstName: i.first,
      lastName: i.last,
      function: i.fn,
      email: `${i.first.toLowerCase()}.${i.last.toLowerCase()}@${m.ags}.example`,
      organisationId: org.id,
      legalBasis: 'public_task',
      purpose: 'Mitarbeit im Kommunalen Präventionsrat',
    });
    ids.push(person.id);
  }
  return ids;
}

/** Records people without an organisation; returns their ids in order. */
export async function recordPeople(api: Api, m: Municipality, people: { first: string; last: string }[]): Promise<number[]> {
  const ids: number[] = [];
  for (const p of people) {
    const person = await api.post<{ id: number }>('/api/people', {
      ags: m.ags,
      firstName: p.first,
      lastName: p.last,
      legalBasis: 'public_task',
      purpose: 'Teilnahme an Fortbildungen zur Kriminalprävention',
    });
    ids.push(person.id);
  }
  return ids;
}

export const councilName = (m: Municipality) => `Kriminalpräventiver Rat ${m.short}`;
export const MEMBER_ROLES = ['chair', 'permanent', 'permanent', 'advisory'] as const;

/** A coordinator of a fresh municipality with the council founded and the four people as members. */
export async function councilWithMembers(): Promise<{
  municipality: Municipality;
  coordinator: Account;
  institutions: Institution[];
  councilId: number;
}> {
  const { municipality, coordinator } = await coordinatorOfFreeMunicipality();
  const api = await apiAs(coordinator);
  try {
    const institutions = institutionsOf(municipality);
    const people = await recordInstitutions(api, municipality, institutions);
    const council = await api.post<{ id: number }>('/api/councils', {
      name: councilName(municipality),
      municipalities: [municipality.ags],
      foundingResolutionDate: '2025-03-12',
      steeringGroup: 'Oberbürgermeister, Revierleiterin, Koordination',
      coordinationOffice: 'Ordnungsamt, Markt 1',
    });
    for (const [k, personId] of people.entries())
      await api.post(`/api/councils/${council.id}/members`, { personId, role: MEMBER_ROLES[k], startDate: '2025-04-01' });
    return { municipality, coordinator, institutions, councilId: council.id };
  } finally {
    await api.dispose();
  }
}

/** Schedules a meeting of the council (its members invited); returns its id. */
export async function scheduleMeeting(
  coordinator: Account,
  councilId: number,
  m: Municipality,
  at: { date: string; startTime: string; endTime: string },
): Promise<number> {
  const api = await apiAs(coordinator);
  try {
    const meeting = await api.post<{ id: number }>(`/api/councils/${councilId}/meetings`, {
      ...at,
      place: `Rathaus ${m.short}, Ratssaal`,
      agenda: [{ title: 'Lagebild der Polizei' }, { title: 'Graffiti an Bushaltestellen' }],
    });
    return meeting.id;
  } finally {
    await api.dispose();
  }
}

/** A police liaison of the directorate the municipality belongs to, ready to sign in. */
export async function policeOfMunicipality(m: Municipality): Promise<Account> {
  const admin = await apiAs();
  try {
    const detail = await admin.get<{ municipality: { directorateName: string | null } }>(`/api/alliance/municipalities/${m.ags}`);
    const directorate = detail.municipality.directorateName;
    if (!directorate) throw new Error(`${m.name} belongs to no police directorate`);
    return await createReadyAccount(admin, { role: 'police', directorate, name: `Paul Polizei ${uniqueTag()}` });
  } finally {
    await admin.dispose();
  }
}
