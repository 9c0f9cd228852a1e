import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { publicLink, queueMail } from '../mail/index.ts';
import { addDays, formatDate } from '../../../shared/time.ts';
import * as repo from './councils.repository.ts';
import { presentTask } from './meetings.service.ts';

/*
 * The daily digest of tasks (issue 19). "A user's tasks" are what the user's start page lists: the
 * unfinished tasks of the councils in the user's scope (a coordinator's communes, the councils of a
 * police directorate, every council for LPR staff and admins). The digest lists those overdue
 * (due before today) and those due in the next seven days (today to today + 6), at most
 * DIGEST_LIST_MAX of each with the number of the rest. Nothing overdue or due: no digest. One per
 * user and Berlin day, however many processes run it (the dedupe key `digest:<user>:<day>`).
 */

export const DIGEST_LIST_MAX = 50;

/** The recipient of a digest: the account, its scope and language. */
export interface DigestRecipient {
  principal: Principal;
  locale: string;
}

/** Queues the task digest of one user for a day; null when there is nothing to list, the user switched it off, or it exists. */
export async function queueTaskDigest(db: DbOrTrx, recipient: DigestRecipient, today: string): Promise<number | null> {
  const { principal } = recipient;
  const lang = recipient.locale === 'en' ? 'en' : 'de';
  const overdue = await repo.listUnfinishedTasksDue(db, principal, { to: addDays(today, -1) }, DIGEST_LIST_MAX);
  const soon = await repo.listUnfinishedTasksDue(db, principal, { from: today, to: addDays(today, 6) }, DIGEST_LIST_MAX);
  if (overdue.total === 0 && soon.total === 0) return null;
  const line = (r: repo.TaskRow) => {
    const t = presentTask(r, today);
    return { title: t.title, councilName: t.councilName, ownerName: t.ownerName ?? '–', dueText: formatDate(t.dueDate, lang) };
  };
  return queueMail(db, {
    kind: 'digest.tasks',
    category: 'digest',
    to: { email: principal.email, userId: principal.id, language: lang },
    template: 'digest.tasks',
    data: {
      recipientName: principal.displayName,
      dateText: formatDate(today, lang),
      overdue: overdue.rows.map(line),
      overdueCount: overdue.total,
      overdueMore: overdue.total - overdue.rows.length || null,
      hasOverdue: overdue.total > 0,
      dueSoon: soon.rows.map(line),
      dueSoonCount: soon.total,
      dueSoonMore: soon.total - soon.rows.length || null,
      hasDueSoon: soon.total > 0,
      homeUrl: publicLink('/'),
    },
    dedupeKey: `digest:${principal.id}:${today}`,
  });
}
