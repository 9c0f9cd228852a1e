/*
 * A server in its own process, as in production (request logging at the most talkative level), on
 * the database DATABASE_URL names (migrated here), for the on-disk anonymity test: seeds one
 * municipality, an admin session and a survey in fieldwork with CODES codes, then prints one JSON
 * line with its URL, the session, the survey and the codes as printed on the letters.
 */
import type { AddressInfo } from 'node:net';
import { SYSTEM_ACTOR, type Principal } from '../../auth/principal.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { buildDistrict, buildMunicipality, buildUser, TEST_PASSWORD } from '../../test/factories.ts';
import { createCodes, createSurvey, startSurvey } from './surveys.service.ts';
import { codesOfSurvey } from './test-support.ts';
import { addDays, todayBerlin } from '../../../shared/time.ts';

const database = openDatabase(process.env.DATABASE_URL!);
await migrateToLatest(database.db);
const config = loadConfig({ COOKIE_SECURE: 'false', LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '100000' });
const app = await buildApp({ config, database, logger: true });
await database.db.insertInto('states').values({ ags: '14', name: 'Sachsen', seat: 'Dresden', status_date: '2021-11-30' }).execute();
await buildDistrict(database.db, { ags: '14521', name: 'Erzgebirgskreis' });
await buildMunicipality(database.db, { ags: '14521035', district_ags: '14521', name: 'Annaberg-Buchholz' });
const user = await buildUser(database.db, 'admin');
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD } });
if (login.statusCode !== 200) throw new Error(`sign-in: ${login.statusCode} ${login.body}`);
const session = {
  token: login.cookies.find((c) => c.name === 'praevis_session')!.value,
  csrfToken: (login.json() as { csrfToken: string }).csrfToken,
};
const admin: Principal = {
  id: user.id,
  email: 'system',
  displayName: 'system',
  role: 'admin',
  communes: [],
  directorateId: null,
  mustChangePassword: false,
};
const survey = await createSurvey(database.db, SYSTEM_ACTOR, admin, {
  title: 'Befragung auf der Platte',
  municipalities: ['14521035'],
  fieldStart: addDays(todayBerlin(), -1),
  fieldEnd: addDays(todayBerlin(), 30),
});
await createCodes(database.db, SYSTEM_ACTOR, admin, survey.id, { ags: '14521035', count: Number(process.env.CODES ?? 50) });
await startSurvey(database.db, SYSTEM_ACTOR, admin, survey.id, undefined);
const codes = await codesOfSurvey(database.db, survey.id);
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
process.stdout.write(`${JSON.stringify({ url, cookie: session.token, csrf: session.csrfToken, surveyId: survey.id, codes })}\n`);
const stop = async () => {
  await app.close();
  await database.destroy();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
