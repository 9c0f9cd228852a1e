import { requireAccess } from '../../auth/access.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, notFound } from '../../http/problem.ts';
import type { DocumentOwner } from '../documents/index.ts';
import * as repo from './alliance.repository.ts';

/*
 * The signed agreements are documents of the documents module: readable by whoever may read the
 * agreement (it is in scope when one of its parties is), stored and removed by council staff while
 * the agreement is active, PDF only.
 */

async function partiesOf(db: DbOrTrx, id: number) {
  const row = (await repo.findAgreementRows(db, [id]))[0];
  if (!row) throw notFound({ de: `Keine Kooperationsvereinbarung Nr. ${id}.`, en: `No cooperation agreement no. ${id}.` });
  const events = await repo.listAgreementEvents(db, [id]);
  return { row, any: [...new Set(events.map((e) => e.ags))] };
}

export const agreementDocuments: DocumentOwner = {
  type: 'alliance_agreement',
  label: { de: 'Kooperationsvereinbarung', en: 'cooperation agreement' },
  kinds: ['signed_agreement'],
  formats: ['pdf'],
  async assertReadable(db, principal, id) {
    const { any } = await partiesOf(db, id);
    await requireAccess(db, principal, 'alliance.readDetail', { any });
  },
  async assertWritable(db, principal, id) {
    const { row } = await partiesOf(db, id);
    await requireAccess(db, principal, 'alliance.record');
    if (row.status !== 'active') {
      const text = { de: 'Die Vereinbarung ist storniert.', en: 'The agreement is cancelled.' };
      throw new AppError('rule-violation', text, [{ field: 'ownerId', code: 'agreement_cancelled', message: text }]);
    }
  },
};
