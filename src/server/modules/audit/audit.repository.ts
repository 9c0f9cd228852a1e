import type { DbOrTrx } from '../../db/database.ts';
import type { AuditLogTable } from '../../db/schema.ts';
import type { Insertable } from 'kysely';
import { addDays, startOfBerlinDay } from '../../../shared/time.ts';

export async function insertAuditEntry(db: DbOrTrx, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorUserId?: number;
  action?: string;
  from?: string;
  to?: string;
}

function filtered(db: DbOrTrx, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorUserId) q = q.where('actor_user_id', '=', f.actorUserId);
  if (f.action) q = q.where('action', '=', f.action);
  // `from` and `to` are calendar days in Europe/Berlin, both included.
  if (f.from) q = q.where('at', '>=', startOfBerlinDay(f.from));
  if (f.to) q = q.where('at', '<', startOfBerlinDay(addDays(f.to, 1)));
  return q;
}

export async function listAuditEntries(db: DbOrTrx, f: AuditFilter, limit: number, offset: number) {
  const q = filtered(db, f);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .selectAll('audit_log')
    .select('users.display_name as actor_name')
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows, total: Number(total.n) };
}

/** The distinct actions and entity types of the trail, sorted. */
export async function listAuditFacets(db: DbOrTrx): Promise<{ actions: string[]; entityTypes: string[] }> {
  const actions = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  const types = await db.selectFrom('audit_log').select('entity_type').distinct().orderBy('entity_type').execute();
  return { actions: actions.map((r) => r.action), entityTypes: types.map((r) => r.entity_type) };
}

/** Streams all matching entries in pages, newest first, for export. */
export async function* iterateAuditEntries(db: DbOrTrx, f: AuditFilter, pageSize = 1000) {
  let beforeId: number | undefined;
  for (;;) {
    let q = filtered(db, f);
    if (beforeId !== undefined) q = q.where('id', '<', beforeId);
    const rows = await q.selectAll().orderBy('id', 'desc').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield* rows;
    beforeId = rows[rows.length - 1]!.id;
  }
}
