import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { DIALECTS, PG_URL } from '../../test/databases.ts';
import { queueMail } from './index.ts';
import { configureMail, mailConfig } from './mail.config.ts';
import { startTestSmtpServer, type TestSmtpServer } from './smtp.test-support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const COUNT = 500;

function startServer(databaseUrl: string, smtpUrl: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'mail-server.test-support.ts')], {
      env: { ...process.env, DATABASE_URL: databaseUrl, SMTP_URL: smtpUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.split('\n').some((l) => l.startsWith('{'))) resolve(child);
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

/*
 * Two real server processes, each with its outbox worker and its own pool, on one PostgreSQL
 * database: 500 queued messages reach the SMTP server exactly once each.
 */
describe.runIf(DIALECTS.includes('postgres'))('two server processes sending one outbox on PostgreSQL', () => {
  const name = `praevis_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  let handle: DatabaseHandle;
  let smtp: TestSmtpServer;
  const servers: ChildProcess[] = [];
  const previous = mailConfig();

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    handle = openDatabase(url.toString());
    await migrateToLatest(handle.db);
    configureMail({ smtpUrl: smtp.url, from: 'Praevis <praevis@praevis.test>', publicUrl: 'http://praevis.test' });
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < COUNT; i++) {
        await queueMail(trx, {
          kind: 'test.bulk',
          category: 'account',
          to: { email: `empfaenger-${i}@example.org`, language: 'de' },
          template: 'account.password-reset',
          data: { displayName: `Nummer ${i}`, link: 'http://praevis.test/x', validMinutes: 30 },
        });
      }
    });
    servers.push(...(await Promise.all([startServer(url.toString(), smtp.url), startServer(url.toString(), smtp.url)])));
  }, 180_000);

  afterAll(async () => {
    configureMail(previous);
    await Promise.all(
      servers.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.removeAllListeners('exit');
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await handle?.destroy();
    await smtp?.close();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }, 60_000);

  it(`sends ${COUNT} queued messages, each exactly once`, { timeout: 600_000 }, async () => {
    await expect
      .poll(
        async () => {
          const row = await handle.db
            .selectFrom('mail_outbox')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', '=', 'sent')
            .executeTakeFirstOrThrow();
          return Number(row.n);
        },
        { timeout: 540_000, interval: 1000 },
      )
      .toBe(COUNT);
    // A last look after the outbox is done: nothing arrives late.
    await new Promise((r) => setTimeout(r, 3000));
    const perRecipient = new Map<string, number>();
    for (const m of smtp.received) {
      const to = JSON.stringify(m.to);
      perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    }
    expect(smtp.received).toHaveLength(COUNT);
    expect(perRecipient.size).toBe(COUNT);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    const rows = await handle.db.selectFrom('mail_outbox').select(['status', 'attempts']).execute();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});
