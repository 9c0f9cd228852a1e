import { requireAccess } from '../../auth/access.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError, notFound } from '../../http/problem.ts';
import type { DocumentOwner } from '../documents/index.ts';
import * as repo from './organisations.repository.ts';

/*
 * Documents of a person (a signed declaration of consent, say): personal data like the person's
 * record, so only who keeps the people register reads them. The erasure of the person removes
 * them (gdpr.service.ts through the documents module); an erased person takes no new ones.
 */

async function personOf(db: DbOrTrx, id: number) {
  const row = await repo.findPerson(db, id);
  if (!row) throw notFound({ de: `Keine Person Nr. ${id}.`, en: `No person no. ${id}.` });
  return row;
}

export const personDocuments: DocumentOwner = {
  type: 'person',
  label: { de: 'Person', en: 'person' },
  kinds: ['consent', 'other'],
  async assertReadable(db, principal, id) {
    await requireAccess(db, principal, 'organisations.read', (await personOf(db, id)).ags);
  },
  async assertWritable(db, principal, id) {
    const row = await personOf(db, id);
    await requireAccess(db, principal, 'organisations.write', row.ags);
    if (row.erased_at) {
      const text = { de: 'Die Person wurde gelöscht.', en: 'The person was erased.' };
      throw new AppError('rule-violation', text, [{ field: 'ownerId', code: 'erased', message: text }]);
    }
  },
};
