/*
 * A server process for the test of several senders on one database: builds the application on the
 * database of DATABASE_URL (already migrated) with the outbox worker running, as `praevis serve`
 * does, sending through SMTP_URL; listens on a free port of 127.0.0.1 and prints one JSON line.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';

const config = loadConfig({
  DATABASE_URL: process.env.DATABASE_URL!,
  SMTP_URL: process.env.SMTP_URL!,
  MAIL_FROM: 'Praevis <praevis@praevis.test>',
  COOKIE_SECURE: 'false',
  LOG_LEVEL: 'silent',
});
const database = openDatabase(config.databaseUrl);
const app = await buildApp({ config, database, logger: false, jobWorker: true });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` })}\n`);
const stop = async () => {
  await app.close();
  await database.destroy();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
