import type { Selectable } from 'kysely';
import type { AuditEntry, AuditFacets, AuditQuery } from '../../../shared/audit.schema.ts';
import type { Actor } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { AuditLogTable } from '../../db/schema.ts';
import { csvPreamble, type CsvDialect, toCsv } from '../../lib/csv.ts';
import { insertAuditEntry, iterateAuditEntries, listAuditEntries, listAuditFacets } from './audit.repository.ts';
import { nowIso } from '../../../shared/time.ts';

const SECRET_KEY = /pass(word)?|secret|token|session|hash|otp|cookie/i;

/** Removes secrets from a value before it enters the audit trail, at any depth. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v)]));
  }
  return value;
}

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Records one change in the audit trail; call it inside the transaction that makes the change. */
export async function recordAudit(db: DbOrTrx, actor: Actor, change: AuditChange): Promise<void> {
  await insertAuditEntry(db, {
    at: nowIso(),
    actor_user_id: actor.userId,
    actor_label: actor.label,
    action: change.action,
    entity_type: change.entityType,
    entity_id: String(change.entityId),
    before_json: change.before === undefined ? null : JSON.stringify(redact(change.before)),
    after_json: change.after === undefined ? null : JSON.stringify(redact(change.after)),
    request_id: actor.requestId,
  });
}

function present(r: Selectable<AuditLogTable> & { actor_name: string | null }): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorLabel: r.actor_label,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
    requestId: r.request_id,
  };
}

export async function listAudit(db: DbOrTrx, q: AuditQuery) {
  const { rows, total } = await listAuditEntries(db, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(present), total, page: q.page, pageSize: q.pageSize };
}

/** What the filter can offer: the actions and entity types the trail holds. */
export async function auditFacets(db: DbOrTrx): Promise<AuditFacets> {
  return listAuditFacets(db);
}

/** The filtered audit trail as CSV lines of the dialect, newest first. */
export async function* exportAuditCsv(db: DbOrTrx, q: AuditQuery & { dialect: CsvDialect }): AsyncGenerator<string> {
  yield (
    csvPreamble(q.dialect) +
    toCsv([['id', 'at', 'actor_user_id', 'actor', 'action', 'entity_type', 'entity_id', 'before', 'after', 'request_id']], q.dialect)
  );
  for await (const r of iterateAuditEntries(db, q)) {
    yield toCsv(
      [[r.id, r.at, r.actor_user_id, r.actor_label, r.action, r.entity_type, r.entity_id, r.before_json, r.after_json, r.request_id]],
      q.dialect,
    );
  }
}
