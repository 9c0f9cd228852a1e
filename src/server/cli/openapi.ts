import fs from 'node:fs';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';

/** `praevis openapi [FILE]`: the OpenAPI document of the app, built on an in-memory database. */
export async function writeOpenApi(file?: string): Promise<void> {
  const config = loadConfig({ ...process.env, DATABASE_URL: ':memory:' });
  const database = openDatabase(':memory:');
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  const doc = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  if (file) fs.writeFileSync(file, doc);
  else process.stdout.write(doc);
  await app.close();
  await database.destroy();
}
