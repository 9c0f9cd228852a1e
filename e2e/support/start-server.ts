/*
 * Starts a Praevis server for the browser tests on a fresh SQLite file: migrations, the real
 * territory of Saxony imported from ../shared/data through the import services (directory,
 * police directorates, boundaries), a small alliance history, and the test accounts. Prints
 * "PRAEVIS_E2E_READY <url>" once it listens. Run with `node --import tsx`.
 *
 * With PRAEVIS_E2E_TEMPLATE naming a file: when the file exists, the database starts as a copy of
 * it (a test's own server, seeded in a moment); otherwise the seeded database is written there
 * before the server listens (the shared server of global setup).
 */
import fs from 'node:fs';
import { buildApp } from '../../src/server/app.ts';
import { SYSTEM_ACTOR } from '../../src/server/auth/principal.ts';
import { loadConfig } from '../../src/server/config.ts';
import { type Db, openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { readFileSource } from '../../src/server/lib/import-source.ts';
import { createAgreement } from '../../src/server/modules/alliance/agreements.service.ts';
import { recordEvent } from '../../src/server/modules/alliance/events.service.ts';
import { importBoundaries } from '../../src/server/modules/territory/boundaries.service.ts';
import { importDirectorates, importGv100ad } from '../../src/server/modules/territory/territory-import.service.ts';
import { createUser } from '../../src/server/modules/users/users.service.ts';
import { ADMIN, E2E_READY, LPR_STAFF, MINISTRY, MUNICIPALITIES, SEEDED_HISTORY } from './accounts.ts';
import { REAL_FILES, realDataMissingReason } from './real-data.ts';

const MAX_BYTES = 64 * 1024 * 1024;

/** The real files, as an admin would import them (a missing file fails: global setup checked first). */
async function importTerritory(db: Db): Promise<void> {
  const missing = realDataMissingReason();
  if (missing) throw new Error(`e2e seed: ${missing}`);
  const opts = { dryRun: false, maxBytes: MAX_BYTES };
  const read = (file: string) => readFileSource(file, { maxBytes: MAX_BYTES });
  await db.transaction().execute(async (trx) => importGv100ad(trx, SYSTEM_ACTOR, await read(REAL_FILES.gv100ad), { ...opts, state: '14' }));
  await db.transaction().execute(async (trx) => importDirectorates(trx, SYSTEM_ACTOR, await read(REAL_FILES.directorates), opts));
  await db
    .transaction()
    .execute(async (trx) =>
      importBoundaries(trx, SYSTEM_ACTOR, await read(REAL_FILES.municipalityBoundaries), { ...opts, level: 'municipalities' }),
    );
  await db
    .transaction()
    .execute(async (trx) =>
      importBoundaries(trx, SYSTEM_ACTOR, await read(REAL_FILES.districtBoundaries), { ...opts, level: 'districts' }),
    );
}

async function seedAllianceHistory(db: Db): Promise<void> {
  const h = SEEDED_HISTORY;
  const m = MUNICIPALITIES;
  await db.transaction().execute(async (trx) => {
    for (const [place, dates] of [
      [m.amtsberg, h.amtsberg],
      [m.aue, h.aue],
    ] as const) {
      await recordEvent(trx, SYSTEM_ACTOR, place.ags, {
        type: 'consultation',
        date: dates.consultation,
        topic: 'Aufbau eines Präventionsrates',
        participants: null,
        notes: '',
      });
      await createAgreement(trx, SYSTEM_ACTOR, {
        municipalities: [place.ags],
        signedOn: dates.agreement,
        title: `Kooperationsvereinbarung ${place.name}`,
        reference: null,
        directorateId: null,
        councilParty: null,
        signatories: [],
        kind: 'cooperation',
        notes: '',
      });
    }
    await recordEvent(trx, SYSTEM_ACTOR, m.dresden.ags, {
      type: 'consultation',
      date: h.dresden.consultation,
      topic: null,
      participants: null,
      notes: '',
    });
    await recordEvent(trx, SYSTEM_ACTOR, m.dresden.ags, { type: 'coaching_started', date: h.dresden.coachingStarted, notes: '' });
  });
}

async function seedAccounts(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ready = async (input: { email: string; name: string; password: string; role: 'admin' | 'lpr' | 'ministry' }) => {
      const created = await createUser(trx, SYSTEM_ACTOR, {
        email: input.email,
        displayName: input.name,
        role: input.role,
        communes: [],
        directorateId: null,
        locale: 'de',
        password: input.password,
      });
      // These accounts have already replaced their one-time password.
      await trx.updateTable('users').set({ must_change_password: 0 }).where('id', '=', created.user.id).execute();
    };
    await ready({ ...ADMIN, role: 'admin' });
    await ready({ ...LPR_STAFF, role: 'lpr' });
    await ready({ ...MINISTRY, role: 'ministry' });
  });
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL must name the temporary SQLite file');
const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000' });
const template = process.env.PRAEVIS_E2E_TEMPLATE;
const fromTemplate = template !== undefined && fs.existsSync(template);
if (fromTemplate) fs.copyFileSync(template, databaseUrl);
const database = openDatabase(databaseUrl);
await migrateToLatest(database.db);
if (!fromTemplate) {
  await importTerritory(database.db);
  await seedAllianceHistory(database.db);
  await seedAccounts(database.db);
  if (template) database.sqlite!.prepare('VACUUM INTO ?').run(template);
}
// A server given a mail server (SMTP_URL) sends its outbox, as `praevis serve` does.
const app = await buildApp({ config, database, logger: false, jobWorker: config.mail.smtpUrl !== undefined });
await app.listen({ host: config.host, port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${E2E_READY} http://localhost:${port}\n`);

const stop = async () => {
  await app.close();
  await database.destroy();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
