/* Helpers shared by the alliance tests (not a test file itself). */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** A multipart/form-data body with one file part, as a browser would send it. */
export function multipartFile(
  fileName: string,
  content: Buffer | string,
  contentType = 'application/octet-stream',
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----praevis${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  const payload = Buffer.concat([
    Buffer.from(head),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A minimal valid PDF. */
export const SAMPLE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** Counts of the alliance tables, to prove that a refused request changed nothing. */
export async function allianceSnapshot(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['alliance_events', 'alliance_agreements', 'alliance_signatories', 'documents', 'audit_log'] as const) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

/** Removes every alliance record (between property-test runs only). */
export async function clearAlliance(db: Db): Promise<void> {
  await db.deleteFrom('alliance_events').execute();
  await db.deleteFrom('alliance_signatories').execute();
  await db.deleteFrom('documents').where('owner_type', '=', 'alliance_agreement').execute();
  await db.deleteFrom('alliance_agreements').execute();
  // Tell the servers' cached event index that the events changed.
  await db
    .updateTable('settings')
    .set({ version: sql<number>`version + 1` })
    .where('key', '=', 'alliance.events.generation')
    .execute();
}
