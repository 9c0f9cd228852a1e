import { ROLES } from '../../../shared/role-list.ts';
import { allows } from '../../../shared/policies.ts';
import type { Db } from '../../db/database.ts';
import { queueTaskDigest } from '../councils/index.ts';
import { queueLatePhaseMails } from '../security-analysis/index.ts';
import { listActiveAccounts, principalOf } from '../users/index.ts';

/*
 * The daily mails (issue 19): the task digest of every account that reads councils, and the
 * messages about security-analysis phases that became late. Each is idempotent through the
 * outbox's dedupe keys (one digest per user and Berlin day; one message per late phase), so the
 * scheduler of every server process and `praevis mail digest` may all run it on the same day.
 */

export interface DailyMailsResult {
  day: string;
  digests: number;
  latePhases: number;
}

/** Queues the daily mails of a Berlin day; each user's digest in a transaction of its own. */
export async function runDailyMails(db: Db, day: string): Promise<DailyMailsResult> {
  const roles = ROLES.filter((r) => allows('councils.read', r));
  let digests = 0;
  for (const user of await listActiveAccounts(db, roles)) {
    const id = await db.transaction().execute((trx) => queueTaskDigest(trx, { principal: principalOf(user), locale: user.locale }, day));
    if (id !== null) digests += 1;
  }
  const latePhases = await db.transaction().execute((trx) => queueLatePhaseMails(trx, day));
  return { day, digests, latePhases };
}
