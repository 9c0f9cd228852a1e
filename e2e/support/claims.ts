/*
 * Claims of one run, shared by every worker: a test that needs something of which the state has
 * only one (a municipality's history, an offence key's fields of action) claims it first, so no
 * other test or repetition touches the same thing at the same time. A claim is a file created
 * exclusively in the run's folder, which global setup makes beside the shared database.
 */
import fs from 'node:fs';
import path from 'node:path';

export const CLAIMS_ENV = 'PRAEVIS_E2E_CLAIMS';

/** Claims `key` for this test; false when another test of the run holds it. */
export function claim(key: string): boolean {
  const dir = process.env[CLAIMS_ENV];
  if (!dir) throw new Error(`${CLAIMS_ENV} is not set: did global setup run?`);
  try {
    fs.closeSync(fs.openSync(path.join(dir, encodeURIComponent(key)), 'wx'));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** The first candidate no other test of the run has claimed, now claimed by this one. */
export function claimFirst<T>(kind: string, candidates: readonly T[], keyOf: (c: T) => string): T {
  for (const c of candidates) if (claim(`${kind}:${keyOf(c)}`)) return c;
  throw new Error(`every ${kind} of ${candidates.length} candidates is claimed`);
}
