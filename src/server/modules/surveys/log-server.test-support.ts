/*
 * A server with request logging switched on, in its own process, for the log test of the public
 * questionnaire: prints one JSON line with its URL and three access codes, then logs as in
 * production (LOG_LEVEL=debug, so even the most talkative level is checked).
 */
import type { AddressInfo } from 'node:net';
import { SYSTEM_ACTOR, type Principal } from '../../auth/principal.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createTestDatabase } from '../../test/databases.ts';
import { buildDistrict, buildMunicipality } from '../../test/factories.ts';
import { createCodes, createSurvey, startSurvey } from './surveys.service.ts';
import { codesOfSurvey } from './test-support.ts';
import { todayBerlin } from '../../../shared/time.ts';

const database = await createTestDatabase('sqlite');
const config = loadConfig({ COOKIE_SECURE: 'false', LOG_LEVEL: 'debug' });
const app = await buildApp({ config, database, logger: true });
await database.db.insertInto('states').values({ ags: '14', name: 'Sachsen', seat: 'Dresden', status_date: '2021-11-30' }).execute();
await buildDistrict(database.db, { ags: '14521', name: 'Erzgebirgskreis' });
await buildMunicipality(database.db, { ags: '14521035', district_ags: '14521', name: 'Annaberg-Buchholz' });
const admin: Principal = {
  id: 0,
  email: 'system',
  displayName: 'system',
  role: 'admin',
  communes: [],
  directorateId: null,
  mustChangePassword: false,
};
const survey = await createSurvey(database.db, SYSTEM_ACTOR, admin, {
  title: 'Logtest',
  municipalities: ['14521035'],
  fieldStart: todayBerlin(),
  fieldEnd: todayBerlin(),
});
await createCodes(database.db, SYSTEM_ACTOR, admin, survey.id, { ags: '14521035', count: 3 });
await startSurvey(database.db, SYSTEM_ACTOR, admin, survey.id, undefined);
const codes = await codesOfSurvey(database.db, survey.id);
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, codes })}\n`);
const stop = async () => {
  await app.close();
  await database.destroy();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
