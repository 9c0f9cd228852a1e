import { requireAccess } from '../../auth/access.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { notFound } from '../../http/problem.ts';
import type { DocumentOwner } from '../documents/index.ts';
import * as repo from './funding.repository.ts';

/*
 * Documents of projects (readable wherever the project is, police included) and of applications
 * (the proof of use: only who sees the project's funding). Both are kept by the project's
 * municipality and council staff.
 */

async function projectAgs(db: DbOrTrx, id: number): Promise<string> {
  const row = await repo.findProjectRow(db, id);
  if (!row) throw notFound({ de: `Kein Projekt Nr. ${id}.`, en: `No project no. ${id}.` });
  return row.ags;
}

async function applicationAgs(db: DbOrTrx, id: number): Promise<string> {
  const row = await repo.findApplicationRow(db, id);
  if (!row) throw notFound({ de: `Kein Antrag Nr. ${id}.`, en: `No application no. ${id}.` });
  return row.ags;
}

export const projectDocuments: DocumentOwner = {
  type: 'funding_project',
  label: { de: 'Projekt', en: 'project' },
  kinds: ['project'],
  async assertReadable(db, principal, id) {
    await requireAccess(db, principal, 'funding.readProjects', await projectAgs(db, id));
  },
  async assertWritable(db, principal, id) {
    await requireAccess(db, principal, 'funding.writeProjects', await projectAgs(db, id));
  },
};

export const applicationDocuments: DocumentOwner = {
  type: 'funding_application',
  label: { de: 'Förderantrag', en: 'funding application' },
  kinds: ['proof'],
  async assertReadable(db, principal, id) {
    await requireAccess(db, principal, 'funding.applications', await applicationAgs(db, id));
  },
  async assertWritable(db, principal, id) {
    await requireAccess(db, principal, 'funding.applications', await applicationAgs(db, id));
  },
};
