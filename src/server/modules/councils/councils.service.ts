import crypto from 'node:crypto';
import type {
  AddMemberInput,
  Council,
  FoundCouncilInput,
  ListCouncilsQuery,
  Member,
  MemberRole,
  UpdateCouncilInput,
  UpdateMemberInput,
} from '../../../shared/councils.schema.ts';
import { ORGANISATION_TYPES, type OrganisationType } from '../../../shared/organisations.schema.ts';
import type { Actor, Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/problem.ts';
import { recordMilestone } from '../alliance/index.ts';
import { recordAudit } from '../audit/index.ts';
import { can, forbiddenScope, requireAccess } from '../../auth/access.ts';
import { personName, requireOrganisation, requirePerson } from '../organisations/index.ts';
import { municipalityExists } from '../territory/index.ts';
import { listDocumentsOfOwners } from '../documents/index.ts';
import * as repo from './councils.repository.ts';
import { formatDate, nowIso, todayBerlin } from '../../../shared/time.ts';

type Text = { de: string; en: string };

const ruleError = (field: string, code: string, text: Text) => new AppError('rule-violation', text, [{ field, code, message: text }]);
const de = (d: string) => formatDate(d, 'de');
const en = (d: string) => formatDate(d, 'en');

/** The council with its municipalities, and what the principal may do with it. */
export interface CouncilAccess {
  council: repo.CouncilRow;
  municipalities: Awaited<ReturnType<typeof repo.listCouncilMunicipalities>>;
  principal: Principal;
  canWrite: boolean;
}

/** Loads a council for a principal: 404 when missing, 403 outside the scope (and for writes without the right). */
export async function councilAccess(db: DbOrTrx, principal: Principal, id: number, write = false): Promise<CouncilAccess> {
  const council = await repo.findCouncil(db, id);
  if (!council) throw notFound({ de: `Kein Präventionsrat Nr. ${id}.`, en: `No prevention council no. ${id}.` });
  const municipalities = await repo.listCouncilMunicipalities(db, [id]);
  const places = { any: municipalities.map((m) => m.ags) };
  if (!(await can(db, principal, 'councils.read', places))) throw forbiddenScope();
  const canWrite = await can(db, principal, 'councils.write', places);
  if (write && !canWrite) throw forbiddenScope();
  return { council, municipalities, principal, canWrite };
}

// ---- presenters ----

export function presentMember(r: repo.MemberRow, at: string): Member {
  return {
    id: r.id,
    councilId: r.council_id,
    personId: r.person_id,
    personName: personName({ id: r.person_id, first_name: r.first_name, last_name: r.last_name, erased_at: r.erased_at }),
    personFunction: r.function,
    email: r.email,
    role: r.role as MemberRole,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name ?? null,
    institutionType: (r.organisation_type as OrganisationType | null) ?? 'none',
    steeringGroup: r.steering_group === 1,
    startDate: r.start_date,
    endDate: r.end_date,
    current: r.start_date <= at && (r.end_date === null || r.end_date >= at),
    version: r.version,
  };
}

/** Members per institution type, every type listed (zero included) in the catalogue's order. */
export function compositionFrom(counts: { type: string | null; n: number }[]) {
  const types = [...ORGANISATION_TYPES, 'none'] as const;
  return types.map((type) => ({ type, members: counts.filter((c) => (c.type ?? 'none') === type).reduce((s, c) => s + c.n, 0) }));
}

async function presentCouncil(db: DbOrTrx, access: CouncilAccess): Promise<Council> {
  const c = access.council;
  const t = todayBerlin();
  const [documents, counts, composition] = await Promise.all([
    listDocumentsOfOwners(db, 'council', [c.id]),
    repo.councilCounts(db, c.id, t),
    repo.countCompositionAt(db, [c.id], t),
  ]);
  return {
    id: c.id,
    name: c.name,
    joint: access.municipalities.length > 1,
    municipalities: access.municipalities.map((m) => ({ ags: m.ags, name: m.name, districtAgs: m.district_ags })),
    foundingResolutionDate: c.founding_resolution_date,
    constitutedOn: c.constituted_on,
    steeringGroup: c.steering_group,
    coordinationOffice: c.coordination_office,
    notes: c.notes,
    feedActive: c.feed_token_hash !== null,
    feedRotatedAt: c.feed_rotated_at,
    documents,
    counts,
    composition: compositionFrom(composition),
    canEdit: access.canWrite,
    version: c.version,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

/** The audit view of a council (no feed token hash). */
function auditView(c: repo.CouncilRow, municipalities: string[]) {
  const { feed_token_hash: _hash, ...rest } = c;
  return { ...rest, feedActive: _hash !== null, municipalities };
}

// ---- councils ----

export async function getCouncil(db: DbOrTrx, principal: Principal, id: number): Promise<Council> {
  return presentCouncil(db, await councilAccess(db, principal, id));
}

export async function listCouncils(db: DbOrTrx, principal: Principal, q: ListCouncilsQuery) {
  const { rows, total } = await repo.listCouncilIds(db, principal, q, q.pageSize, (q.page - 1) * q.pageSize);
  const ids = rows.map((r) => r.id);
  const munis = await repo.listCouncilMunicipalities(db, ids);
  const t = todayBerlin();
  const items = await Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      name: r.name,
      joint: munis.filter((m) => m.council_id === r.id).length > 1,
      municipalities: munis.filter((m) => m.council_id === r.id).map((m) => ({ ags: m.ags, name: m.name })),
      foundingResolutionDate: r.founding_resolution_date,
      constitutedOn: r.constituted_on,
      currentMembers: (await repo.councilCounts(db, r.id, t)).currentMembers,
    })),
  );
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** Founds a council of one or several municipalities; records the alliance milestones of each. */
export async function foundCouncil(db: DbOrTrx, principal: Principal, actor: Actor, input: FoundCouncilInput): Promise<Council> {
  const agsList = [...new Set(input.municipalities)].sort();
  for (const [i, ags] of agsList.entries()) {
    if (!(await municipalityExists(db, ags)))
      throw fieldError(
        `municipalities.${i}`,
        { de: `Keine Kommune mit dem AGS ${ags}.`, en: `No municipality with AGS ${ags}.` },
        'unknown',
      );
    await requireAccess(db, principal, 'councils.write', ags);
  }
  const existing = await repo.findCouncilsOfMunicipalities(db, agsList);
  if (existing.length) {
    const ags = existing[0]!.ags;
    throw ruleError(`municipalities.${agsList.indexOf(ags)}`, 'council_exists', {
      de: `Die Kommune ${ags} gehört bereits zu einem Präventionsrat (Nr. ${existing[0]!.council_id}).`,
      en: `Municipality ${ags} already belongs to a prevention council (no. ${existing[0]!.council_id}).`,
    });
  }
  if (input.constitutedOn && input.constitutedOn < input.foundingResolutionDate) {
    throw fieldError(
      'constitutedOn',
      { de: 'Die Konstituierung liegt vor dem Gründungsbeschluss.', en: 'The constitution lies before the founding resolution.' },
      'before_resolution',
    );
  }
  const now = nowIso();
  const id = await repo.insertCouncil(db, {
    name: input.name,
    founding_resolution_date: input.foundingResolutionDate,
    constituted_on: input.constitutedOn,
    steering_group: input.steeringGroup,
    coordination_office: input.coordinationOffice,
    notes: input.notes,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  });
  const note = `Präventionsrat „${input.name}“ (Nr. ${id})`;
  for (const ags of agsList) {
    const resolution = await recordMilestone(
      db,
      actor,
      ags,
      'council_resolution',
      input.foundingResolutionDate,
      'foundingResolutionDate',
      note,
    );
    const constituted = input.constitutedOn
      ? await recordMilestone(db, actor, ags, 'council_constituted', input.constitutedOn, 'constitutedOn', note)
      : null;
    await repo.insertCouncilMunicipality(db, { council_id: id, ags, resolution_event_id: resolution, constituted_event_id: constituted });
  }
  const access = await councilAccess(db, principal, id);
  await recordAudit(db, actor, { action: 'create', entityType: 'council', entityId: id, after: auditView(access.council, agsList) });
  return presentCouncil(db, access);
}

export async function updateCouncil(
  db: DbOrTrx,
  principal: Principal,
  actor: Actor,
  id: number,
  input: UpdateCouncilInput,
): Promise<Council> {
  const access = await councilAccess(db, principal, id, true);
  const c = access.council;
  if (c.version !== input.version) throw conflict(await presentCouncil(db, access));
  if (input.constitutedOn !== undefined) {
    if (c.constituted_on && c.constituted_on !== input.constitutedOn) {
      throw ruleError('constitutedOn', 'already_constituted', {
        de: `Der Rat wurde bereits am ${de(c.constituted_on)} konstituiert; eine Berichtigung nimmt die LPR-Geschäftsstelle in der Chronik vor.`,
        en: `The council was already constituted on ${en(c.constituted_on)}; the state council staff correct it in the timeline.`,
      });
    }
    if (input.constitutedOn < c.founding_resolution_date) {
      throw fieldError(
        'constitutedOn',
        { de: 'Die Konstituierung liegt vor dem Gründungsbeschluss.', en: 'The constitution lies before the founding resolution.' },
        'before_resolution',
      );
    }
    if (!c.constituted_on) {
      for (const m of access.municipalities) {
        const eventId = await recordMilestone(
          db,
          actor,
          m.ags,
          'council_constituted',
          input.constitutedOn,
          'constitutedOn',
          `Präventionsrat „${c.name}“ (Nr. ${id})`,
        );
        await repo.setConstitutedEvent(db, id, m.ags, eventId);
      }
    }
  }
  const { version, ...rest } = input;
  const patch = Object.fromEntries(
    Object.entries({
      name: rest.name,
      constituted_on: rest.constitutedOn,
      steering_group: rest.steeringGroup,
      coordination_office: rest.coordinationOffice,
      notes: rest.notes,
    }).filter(([, v]) => v !== undefined),
  );
  const ok = await repo.updateCouncilVersioned(db, id, version, { ...patch, updated_at: nowIso() });
  if (!ok) throw conflict(await presentCouncil(db, await councilAccess(db, principal, id)));
  const after = await councilAccess(db, principal, id);
  const agsList = access.municipalities.map((m) => m.ags);
  await recordAudit(db, actor, {
    action: 'update',
    entityType: 'council',
    entityId: id,
    before: auditView(c, agsList),
    after: auditView(after.council, agsList),
  });
  return presentCouncil(db, after);
}

// ---- calendar feed token ----

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Creates a new secret feed token (the old URL stops working); the token is returned once and stored as a hash. */
export async function rotateFeedToken(db: DbOrTrx, principal: Principal, actor: Actor, councilId: number, version: number) {
  const access = await councilAccess(db, principal, councilId, true);
  if (access.council.version !== version) throw conflict(await presentCouncil(db, access));
  const token = crypto.randomBytes(32).toString('base64url');
  const rotatedAt = nowIso();
  const ok = await repo.updateCouncilVersioned(db, councilId, version, {
    feed_token_hash: hashToken(token),
    feed_rotated_at: rotatedAt,
    updated_at: rotatedAt,
  });
  if (!ok) throw conflict(await presentCouncil(db, await councilAccess(db, principal, councilId)));
  await recordAudit(db, actor, {
    action: 'rotate_feed',
    entityType: 'council',
    entityId: councilId,
    after: { feedRotatedAt: rotatedAt, hadFeed: access.council.feed_token_hash !== null },
  });
  return { token, path: `/api/public/council-feed.ics?token=${token}`, rotatedAt };
}

// ---- members ----

export async function listMembers(
  db: DbOrTrx,
  principal: Principal,
  councilId: number,
  q: { at?: string; all?: 'true' | 'false' },
): Promise<Member[]> {
  await councilAccess(db, principal, councilId);
  const at = q.at ?? todayBerlin();
  const rows = await repo.listMembers(db, councilId, q.all === 'true' ? undefined : at);
  return rows.map((r) => presentMember(r, at));
}

function overlaps(a: { start: string; end: string | null }, b: { start: string; end: string | null }): boolean {
  return a.start <= (b.end ?? '9999-12-31') && b.start <= (a.end ?? '9999-12-31');
}

async function assertNoOverlap(
  db: DbOrTrx,
  councilId: number,
  personId: number,
  period: { start: string; end: string | null },
  exceptId?: number,
): Promise<void> {
  if (period.end !== null && period.end < period.start) {
    throw fieldError(
      'endDate',
      { de: 'Das Ende der Mitgliedschaft liegt vor ihrem Beginn.', en: 'The membership ends before it starts.' },
      'end_before_start',
    );
  }
  const others = (await repo.listMembershipsOfPersonInCouncil(db, councilId, personId)).filter((m) => m.id !== exceptId);
  const clash = others.find((m) => overlaps(period, { start: m.start_date, end: m.end_date }));
  if (clash) {
    const until = clash.end_date ? `bis ${de(clash.end_date)}` : 'ohne Ende';
    throw ruleError('startDate', 'membership_overlap', {
      de: `Diese Person ist in diesem Zeitraum bereits Mitglied des Rates (ab ${de(clash.start_date)} ${until}). Mitgliedschaften derselben Person dürfen sich nicht überschneiden.`,
      en: `This person is already a member of the council in this period (from ${en(clash.start_date)}${clash.end_date ? ` to ${en(clash.end_date)}` : ', open-ended'}). Memberships of the same person must not overlap.`,
    });
  }
}

/** People who may sit in the council: records of its municipalities (or state-wide ones for admin and LPR staff). */
async function requireCouncilPerson(db: DbOrTrx, access: CouncilAccess, personId: number, field: string) {
  const person = await requirePerson(db, access.principal, personId, field);
  if (person.ags !== null && !access.municipalities.some((m) => m.ags === person.ags)) {
    throw fieldError(
      field,
      {
        de: 'Die Person gehört zu einer Kommune außerhalb dieses Rates.',
        en: 'The person belongs to a municipality outside this council.',
      },
      'other_municipality',
    );
  }
  if (person.erased_at) throw fieldError(field, { de: 'Die Person wurde gelöscht.', en: 'The person was erased.' }, 'erased');
  return person;
}

export async function addMember(
  db: DbOrTrx,
  principal: Principal,
  actor: Actor,
  councilId: number,
  input: AddMemberInput,
): Promise<Member> {
  const access = await councilAccess(db, principal, councilId, true);
  await repo.lockCouncil(db, councilId);
  const person = await requireCouncilPerson(db, access, input.personId, 'personId');
  const organisationId = input.organisationId ?? person.organisation_id;
  if (organisationId !== null) await requireOrganisation(db, access.principal, organisationId, 'organisationId');
  await assertNoOverlap(db, councilId, input.personId, { start: input.startDate, end: input.endDate });
  const now = nowIso();
  const id = await repo.insertMember(db, {
    council_id: councilId,
    person_id: input.personId,
    role: input.role,
    organisation_id: organisationId,
    steering_group: input.steeringGroup ? 1 : 0,
    start_date: input.startDate,
    end_date: input.endDate,
    created_at: now,
    updated_at: now,
  });
  const member = presentMember((await repo.findMember(db, councilId, id))!, todayBerlin());
  await recordAudit(db, actor, { action: 'create', entityType: 'council_member', entityId: id, after: member });
  return member;
}

export async function updateMember(
  db: DbOrTrx,
  principal: Principal,
  actor: Actor,
  councilId: number,
  memberId: number,
  input: UpdateMemberInput,
): Promise<Member> {
  const access = await councilAccess(db, principal, councilId, true);
  await repo.lockCouncil(db, councilId);
  const row = await repo.findMember(db, councilId, memberId);
  if (!row)
    throw notFound({ de: `Keine Mitgliedschaft Nr. ${memberId} in diesem Rat.`, en: `No membership no. ${memberId} in this council.` });
  const before = presentMember(row, todayBerlin());
  if (row.version !== input.version) throw conflict(before);
  if (input.organisationId) await requireOrganisation(db, access.principal, input.organisationId, 'organisationId');
  const start = input.startDate ?? row.start_date;
  const end = input.endDate !== undefined ? input.endDate : row.end_date;
  await assertNoOverlap(db, councilId, row.person_id, { start, end }, memberId);
  const patch = Object.fromEntries(
    Object.entries({
      role: input.role,
      organisation_id: input.organisationId,
      steering_group: input.steeringGroup === undefined ? undefined : input.steeringGroup ? 1 : 0,
      start_date: input.startDate,
      end_date: input.endDate,
    }).filter(([, v]) => v !== undefined),
  );
  const ok = await repo.updateMemberVersioned(db, memberId, input.version, { ...patch, updated_at: nowIso() });
  if (!ok) throw conflict(presentMember((await repo.findMember(db, councilId, memberId))!, todayBerlin()));
  const after = presentMember((await repo.findMember(db, councilId, memberId))!, todayBerlin());
  await recordAudit(db, actor, { action: 'update', entityType: 'council_member', entityId: memberId, before, after });
  return after;
}

// ---- counts (the ministry's view) ----

export async function getCounts(db: DbOrTrx) {
  const t = todayBerlin();
  const [base, composition, meetingsByYear] = await Promise.all([
    repo.statewideCounts(db, t),
    repo.countCompositionAt(db, null, t),
    repo.countMeetingsByYear(db),
  ]);
  return { ...base, composition: compositionFrom(composition), meetingsByYear };
}
