import { createUserSchema, passwordSchema } from '../../shared/users.schema.ts';
import { SYSTEM_ACTOR } from '../auth/principal.ts';
import { findDirectorateByName } from '../modules/territory/index.ts';
import { createUser } from '../modules/users/users.service.ts';
import { openMigrated } from './open.ts';

export interface UserCreateOptions {
  email: string;
  role: string;
  name?: string;
  commune?: string[];
  directorate?: string;
  passwordStdin?: boolean;
  changeRequired: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** `praevis user create`: one account, with a printed one-time password or the password from stdin. */
export async function userCreate(opts: UserCreateOptions): Promise<void> {
  if (!opts.changeRequired && !opts.passwordStdin) {
    throw new Error('--no-change-required gilt nur mit --password-stdin. / --no-change-required needs --password-stdin.');
  }
  const { database } = await openMigrated();
  try {
    let directorateId: number | null = null;
    if (opts.directorate) {
      const d = await findDirectorateByName(database.db, opts.directorate);
      if (!d) throw new Error(`Unbekannte Polizeidirektion „${opts.directorate}“. Importieren Sie zuerst die Polizeidirektionen.`);
      directorateId = d.id;
    }
    const input = createUserSchema.parse({
      email: opts.email,
      displayName: opts.name ?? opts.email,
      role: opts.role,
      communes: opts.commune ?? [],
      directorateId,
    });
    const password = opts.passwordStdin ? passwordSchema.parse(await readStdin()) : undefined;
    const result = await database.db
      .transaction()
      .execute((trx) => createUser(trx, SYSTEM_ACTOR, { ...input, password, changeRequired: opts.changeRequired }));
    process.stdout.write(`Konto angelegt / account created: ${result.user.email} (${result.user.role})\n`);
    if (!password) process.stdout.write(`Einmalpasswort / one-time password: ${result.oneTimePassword}\n`);
    else if (result.user.mustChangePassword)
      process.stdout.write(
        'Das Passwort muss bei der ersten Anmeldung geändert werden. / The password must be changed at first sign-in.\n',
      );
  } finally {
    await database.destroy();
  }
}
