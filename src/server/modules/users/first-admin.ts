import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import type { Db } from '../../db/database.ts';
import { countUsers } from './users.repository.ts';
import { createUser } from './users.service.ts';

export const FIRST_ADMIN_EMAIL = 'admin@praevis.local';

/** On an empty database, creates the first admin with a one-time password; returns it, or null if users exist. */
export async function ensureFirstAdmin(db: Db): Promise<{ email: string; oneTimePassword: string } | null> {
  return db.transaction().execute(async (trx) => {
    if ((await countUsers(trx)) > 0) return null;
    const { oneTimePassword } = await createUser(trx, SYSTEM_ACTOR, {
      email: FIRST_ADMIN_EMAIL,
      displayName: 'Administration',
      role: 'admin',
      communes: [],
      directorateId: null,
      locale: 'de',
    });
    // Never invited by mail: the console shows the first admin's one-time password.
    if (oneTimePassword === null) throw new Error('The first admin got no one-time password');
    return { email: FIRST_ADMIN_EMAIL, oneTimePassword };
  });
}
