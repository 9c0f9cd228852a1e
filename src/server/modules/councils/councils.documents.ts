import { requireAccess } from '../../auth/access.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { notFound } from '../../http/problem.ts';
import type { DocumentOwner } from '../documents/index.ts';
import * as repo from './councils.repository.ts';

/* The councils' rules of procedure are documents of the documents module (PDF only); a council is in scope when one of its municipalities is. */

async function municipalitiesOf(db: DbOrTrx, id: number): Promise<string[]> {
  if (!(await repo.findCouncil(db, id))) throw notFound({ de: `Kein Präventionsrat Nr. ${id}.`, en: `No prevention council no. ${id}.` });
  return (await repo.listCouncilMunicipalities(db, [id])).map((m) => m.ags);
}

export const councilDocuments: DocumentOwner = {
  type: 'council',
  label: { de: 'Präventionsrat', en: 'prevention council' },
  kinds: ['rules_of_procedure'],
  formats: ['pdf'],
  async assertReadable(db, principal, id) {
    await requireAccess(db, principal, 'councils.read', { any: await municipalitiesOf(db, id) });
  },
  async assertWritable(db, principal, id) {
    await requireAccess(db, principal, 'councils.write', { any: await municipalitiesOf(db, id) });
  },
};
