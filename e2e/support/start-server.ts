/*
 * Starts a Praevis server for the browser tests on a fresh SQLite file: migrations, a small
 * territory fixture (Saxony, two districts, four municipalities, two police directorates) and two
 * accounts. Prints "PRAEVIS_E2E_READY <url>" once it listens. Run with `node --import tsx`.
 */
import { buildApp } from '../../src/server/app.ts';
import { SYSTEM_ACTOR } from '../../src/server/auth/principal.ts';
import { loadConfig } from '../../src/server/config.ts';
import { type Db, openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { createUser } from '../../src/server/modules/users/users.service.ts';
import { ADMIN, E2E_READY, MUNICIPALITIES, NEWCOMER } from './accounts.ts';

const STATUS_DATE = '2021-11-30';
const NOW = new Date().toISOString();

async function seedTerritory(db: Db): Promise<void> {
  await db.insertInto('states').values({ ags: '14', name: 'Sachsen', seat: 'Dresden', status_date: STATUS_DATE }).execute();
  await db.insertInto('districts').values([
    { ags: '14521', name: 'Erzgebirgskreis', type_code: '44', seat: 'Annaberg-Buchholz', state_ags: '14', area_ha: 182_790, population: 334_948, population_male: 164_000, active: 1, status_date: STATUS_DATE },
    { ags: '14612', name: 'Dresden, Stadt', type_code: '41', seat: 'Dresden', state_ags: '14', area_ha: 32_848, population: 556_227, population_male: 277_060, active: 1, status_date: STATUS_DATE },
  ]).execute();
  const m = MUNICIPALITIES;
  const row = (x: { ags: string; name: string }, ars: string, type: string, pop: number, postcode: string) => ({
    ags: x.ags, ars, name: x.name, type_code: type, district_ags: x.ags.slice(0, 5), association_ars: null,
    area_ha: 1000, population: pop, population_male: Math.round(pop / 2), postcode, active: 1, status_date: STATUS_DATE, updated_at: NOW,
  });
  await db.insertInto('municipalities').values([
    row(m.amtsberg, '145210010010', '64', 3676, '09439'),
    row(m.annaberg, '145210020020', '63', 19_393, '09456'),
    row(m.aue, '145210035035', '63', 20_084, '08280'),
    row(m.dresden, '146120000000', '61', 556_227, '01067'),
  ]).execute();
  for (const [name, district] of [['Chemnitz', '14521'], ['Dresden', '14612']] as const) {
    const { id } = await db.insertInto('police_directorates').values({ name }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('directorate_districts').values({ directorate_id: id, district_ags: district }).execute();
  }
}

async function seedAccounts(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const admin = await createUser(trx, SYSTEM_ACTOR, { email: ADMIN.email, displayName: ADMIN.name, role: 'admin', communes: [], directorateId: null, locale: 'de', password: ADMIN.password });
    // The admin of the tests has already replaced its one-time password.
    await trx.updateTable('users').set({ must_change_password: 0 }).where('id', '=', admin.user.id).execute();
    await createUser(trx, SYSTEM_ACTOR, { email: NEWCOMER.email, displayName: NEWCOMER.name, role: 'lpr', communes: [], directorateId: null, locale: 'de', password: NEWCOMER.oneTimePassword });
  });
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL must name the temporary SQLite file');
const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000' });
const database = openDatabase(databaseUrl);
await migrateToLatest(database.db);
await seedTerritory(database.db);
await seedAccounts(database.db);
const app = await buildApp({ config, database, logger: false });
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
