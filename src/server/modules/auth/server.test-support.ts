/*
 * A server process for the tests of limits shared across processes: builds the application on
 * the database of DATABASE_URL (already migrated), listens on a free port of 127.0.0.1 and prints
 * one JSON line with its URL. TEST_CLOCK fixes the clock, so that every process counts in the
 * same minute however slowly the machine runs.
 */
import type { AddressInfo } from 'node:net';
import { setClock } from '../../../shared/time.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';

if (process.env.TEST_CLOCK) setClock(process.env.TEST_CLOCK, { frozen: true });
const config = loadConfig({
  DATABASE_URL: process.env.DATABASE_URL!,
  RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE ?? '600',
  TRUST_PROXY: 'loopback',
  COOKIE_SECURE: 'false',
  LOG_LEVEL: 'silent',
});
const database = openDatabase(config.databaseUrl);
const app = await buildApp({ config, database, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` })}\n`);
const stop = async () => {
  await app.close();
  await database.destroy();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
