/*
 * One writer process of the SQLite concurrency test (funding.sqlite-writers.test.ts): opens the
 * database file with its own connection, approves the given applications, each in its own
 * transaction, as fast as it can, and prints one JSON line with the outcome of each.
 * Run with `node --import tsx decide-process.ts <db-file> <id,id,…>`.
 */
import { SYSTEM_ACTOR } from '../../auth/principal.ts';
import { openDatabase } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import { decideApplication } from './review.service.ts';

const [file, list] = process.argv.slice(2);
const ids = (list ?? '').split(',').filter(Boolean).map(Number);
const handle = openDatabase(file!);
const outcomes: { id: number; status: number; code: string }[] = [];
for (const id of ids) {
  try {
    await handle.db.transaction().execute((trx) =>
      decideApplication(trx, { ...SYSTEM_ACTOR, label: `writer ${process.pid}` }, id, {
        version: 1,
        outcome: 'approved',
        amountCents: null,
        reason: '',
        smallGrantException: null,
      }),
    );
    outcomes.push({ id, status: 200, code: 'ok' });
  } catch (err) {
    if (err instanceof AppError) outcomes.push({ id, status: err.status, code: err.fieldErrors?.[0]?.code ?? err.kind });
    else outcomes.push({ id, status: 500, code: (err as { code?: string }).code ?? String(err) });
  }
}
await handle.destroy();
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
